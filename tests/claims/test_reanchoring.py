"""A re-submitted body moves each stored claim to its own occurrence of its text."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import services
from claims.models import Article, Claim

pytestmark = pytest.mark.django_db

REPEATED = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."
OTHER = [
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden.",
    "Im Jahr 2024 stiegen die Mieten um 12 Prozent.",
    "Das Wetter war schön.",
]
BODY = f"{REPEATED} {OTHER[0]} {REPEATED} {OTHER[1]}"


def submit(body: str) -> Article:
    article = Article(title="Fahrgäste", body=body, language="de")
    services.save_article(article)
    return article


def resubmit(article: Article, body: str) -> None:
    article.body = body
    services.save_article(article)


def anchored_spans(article: Article) -> list[tuple[int, int]]:
    return list(article.claims.filter(is_anchored=True).values_list("start", "end"))


def test_claims_on_a_repeated_sentence_keep_their_order_after_a_shift():
    article = submit(BODY)
    first, second = article.claims.filter(text=REPEATED).order_by("start")
    resubmit(article, "Ein langer neuer Vorspann ohne Zahlen, der alles verschiebt. " * 3 + BODY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.start < second.start
    assert article.body[first.start : first.end] == REPEATED
    assert article.body[second.start : second.end] == REPEATED


def test_a_shift_creates_no_duplicate_claim_of_a_repeated_sentence():
    article = submit(BODY)
    resubmit(article, "Vorspann. " * 20 + BODY)
    assert article.claims.filter(text=REPEATED).count() == 2


def test_when_a_repeated_sentence_occurs_once_only_one_claim_stays_anchored():
    article = submit(BODY)
    resubmit(article, f"Vorspann. {REPEATED} {OTHER[0]} {OTHER[1]}")
    on_repeated = article.claims.filter(text=REPEATED)
    assert on_repeated.count() == 2
    assert on_repeated.filter(is_anchored=True).count() == 1


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(st.sampled_from([REPEATED, *OTHER]), min_size=1, max_size=6),
    second=st.lists(st.sampled_from([REPEATED, *OTHER]), min_size=1, max_size=6),
    padding=st.integers(min_value=0, max_value=40),
)
def test_after_any_resubmission_no_two_claims_share_a_span_and_each_matches_the_body(
    first, second, padding
):
    article = submit(" ".join(first))
    resubmit(article, "Vorspann. " * padding + " ".join(second))
    spans = anchored_spans(article)
    assert not [span for span, count in Counter(spans).items() if count > 1]
    for claim in Claim.objects.filter(article=article, is_anchored=True):
        assert article.body[claim.start : claim.end] == claim.text
