# The CMS side's webhook tables move to the publishing app: the tables are renamed
# (rows, ids and foreign keys stay), and the models leave this app's state;
# publishing's first migration takes them over without touching the database.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_claimant")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("webhookendpoint", "publishing_webhookendpoint"),
                migrations.AlterModelTable("webhookdelivery", "publishing_webhookdelivery"),
            ],
            state_operations=[
                migrations.DeleteModel("WebhookDelivery"),
                migrations.DeleteModel("WebhookEndpoint"),
            ],
        ),
    ]
