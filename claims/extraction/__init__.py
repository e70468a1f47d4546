"""Claim extraction: German or English news text in, check-worthy claims out.

Pure Python (spaCy's rule-based sentencizer, text2num, numpy/scipy for
training the ranking model); nothing here imports Django.
"""

from .engine import MAX_CHARS, ExtractionError, extract_claims
from .language import SUPPORTED, detect_language
from .ranking import RankingModel, load_base_model
from .types import DateMention, ExtractedClaim, Figure, Speaker

__all__ = [
    "MAX_CHARS",
    "SUPPORTED",
    "DateMention",
    "ExtractedClaim",
    "ExtractionError",
    "Figure",
    "RankingModel",
    "Speaker",
    "detect_language",
    "extract_claims",
    "load_base_model",
]
