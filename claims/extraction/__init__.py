"""Claim extraction: German or English news text in, check-worthy claims out.

Pure Python (spaCy's rule-based sentencizer and text2num); nothing here
imports Django.
"""

from .engine import MAX_CHARS, ExtractionError, extract_claims
from .language import SUPPORTED, detect_language
from .types import DateMention, ExtractedClaim, Figure, Speaker

__all__ = [
    "MAX_CHARS",
    "SUPPORTED",
    "DateMention",
    "ExtractedClaim",
    "ExtractionError",
    "Figure",
    "Speaker",
    "detect_language",
    "extract_claims",
]
