from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_body_length(body: str) -> None:
    """An article's text, wherever it comes in: at most EXTRACTION_MAX_CHARS characters."""
    limit = settings.EXTRACTION_MAX_CHARS
    if len(body) > limit:
        raise ValidationError(
            _("The text has %(n)s characters; the limit is %(limit)s.")
            % {"n": f"{len(body):,}", "limit": f"{limit:,}"},
            code="too_long",
        )
