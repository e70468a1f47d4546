from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import receivers


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Reviewer desk")

    def ready(self):
        # Listening to the domain's signals is the desk's job: claims never calls up.
        receivers.connect()
