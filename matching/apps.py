from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import receivers


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Already checked")

    def ready(self):
        # Indexing and matching follow the domain's signals: claims never calls up.
        receivers.connect()
