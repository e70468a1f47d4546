from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import normalize_body


def validate_body_length(body: str) -> None:
    """An article's text, wherever it comes in: at most EXTRACTION_MAX_CHARS characters,
    counted as stored (after normalize_body: a CRLF line break is one character)."""
    limit = settings.EXTRACTION_MAX_CHARS
    length = len(normalize_body(body))
    if length > limit:
        raise ValidationError(
            _("The text has %(n)s characters; the limit is %(limit)s.")
            % {"n": f"{length:,}", "limit": f"{limit:,}"},
            code="too_long",
        )
