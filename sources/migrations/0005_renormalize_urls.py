# Sources stored before normalization kept every non-tracking query parameter were
# normalized by courlan, which also dropped parameters such as `cid`, `ref` and bare
# ones (`?kill-child`): normalize them again from the URL as first cited, so that a
# new citation of such a page finds its Source. A row whose new form another row
# already has keeps its old form (nothing is merged or lost).

from django.db import migrations


def renormalize(apps, schema_editor):
    # The current rule on purpose: the point is to agree with what cite() computes now.
    from sources.services import SourceError, normalize_url

    Source = apps.get_model("sources", "Source")
    taken = set(Source.objects.values_list("normalized_url", flat=True))
    for source in Source.objects.only("pk", "url", "normalized_url").iterator():
        try:
            wanted = normalize_url(source.url)
        except SourceError:  # an unparsable old URL keeps its stored form
            wanted = source.normalized_url
        if wanted != source.normalized_url and wanted not in taken:
            taken.discard(source.normalized_url)
            taken.add(wanted)
            Source.objects.filter(pk=source.pk).update(normalized_url=wanted)


class Migration(migrations.Migration):
    dependencies = [("sources", "0004_archive_leases_and_outbox")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
