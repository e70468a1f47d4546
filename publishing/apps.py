from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing (CMS)")

    def ready(self):
        # Listening to the lower layers' signals is publishing's job: they never call up.
        from . import receivers  # they import models, which are ready only now

        receivers.connect()
