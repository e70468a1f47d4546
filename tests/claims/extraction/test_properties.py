"""Whatever text comes in, extraction does not fail and its spans hold."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims

# Pieces of news prose, so generated texts reach quotes, figures and dates often.
PIECES = st.sampled_from(
    [
        "„", "“", "”", "»", "«", "‚", "‘", '"', ". ", ", ", " – ", "; ", "\n", "\n\n", ": ",
        "sagte", "said", "Sprecher", "Brad Glasser", "Er", "She", "zufolge", "laut", "habe",
        "sei", "rund", "über", "more than", "about", "1.000", "1,5", "2.5", "1,200", "2019",
        "Mio.", "Milliarden", "billion", "Euro", "$", "%", "Prozent", "am 3. März", "Mittwoch",
        "im Juni", "last year", "z. B.", "Dr.", "U.S.", "eine", "mehreren Hundert", "Die",
        "Stadt", "the", "council", "31.02.2024", "2024-13-40",
    ]
)  # fmt: skip
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY)


def check_spans(text, claims):
    previous_end = 0
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert claim.start >= previous_end
        previous_end = claim.end
        assert 0 <= claim.checkworthiness <= 1
        for item in (*claim.figures, *claim.dates):
            assert claim.start <= item.start < item.end <= claim.end
            assert text[item.start : item.end] == item.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, language=st.sampled_from([None, "de", "en"]))
def test_any_text_gives_valid_ordered_spans(text, language):
    check_spans(text, extract_claims(text, language, dt.date(2026, 11, 25)))


@settings(max_examples=100, deadline=None)
@given(text=ANY_TEXT)
def test_extraction_is_deterministic(text):
    first = [c.to_dict() for c in extract_claims(text)]
    assert [c.to_dict() for c in extract_claims(text)] == first


def test_empty_text_gives_no_claims():
    assert extract_claims("") == []
    assert extract_claims("   \n\n  ") == []
