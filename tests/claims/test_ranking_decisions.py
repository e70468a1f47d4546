"""The desk's decisions become labels for the check-worthiness model (claims.ranking)."""

import pytest
from django.urls import reverse

from claims import ranking, workflow
from claims.models import Claim, ImportedDecision
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, VerdictFactory

pytestmark = pytest.mark.django_db

S = Claim.Status


def labels(language=None):
    return {d.text: d.label for d in ranking.decisions(language)}


def claim_saying(text, language="de", **fields):
    article = ArticleFactory(body=text, language=language)
    return ClaimFactory(article=article, start=0, end=len(text), text=text, **fields)


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.AWAITING_APPROVAL, S.PUBLISHED, S.WITHDRAWN])
def test_a_claim_taken_into_review_is_check_worthy(status):
    claim_saying("Die Kreisumlage steigt 2027 um 4,5 Prozent.", status=status)
    assert labels() == {"Die Kreisumlage steigt 2027 um 4,5 Prozent.": 1}


def test_a_claim_with_a_verdict_is_check_worthy():
    claim = claim_saying("Der Hafen schlug 2025 rund 12 Millionen Tonnen um.", status=S.ASSIGNED)
    VerdictFactory(claim=claim)
    assert labels() == {claim.text: 1}


def test_a_claim_promoted_from_other_sentences_is_check_worthy():
    claim = claim_saying("Das Freibad bleibt bis Juni geschlossen.", origin=Claim.Origin.PROMOTED)
    assert labels() == {claim.text: 1}


def test_a_claim_dismissed_as_not_check_worthy_is_not():
    claim = claim_saying(
        "Die Stimmung im Saal war gut.",
        status=S.DISMISSED,
        dismissal_reason="Stimmungsbild",
        dismissed_not_checkworthy=True,
    )
    assert labels() == {claim.text: 0}


def test_other_dismissals_say_nothing_about_check_worthiness():
    claim_saying(
        "Die Miete stieg um 8 Prozent.", status=S.DISMISSED, dismissal_reason="doppelt erfasst"
    )
    assert labels() == {}


def test_claims_nobody_decided_on_are_left_out():
    claim_saying("Der Etat wächst auf 2,1 Milliarden Euro.", status=S.NEW)
    claim_saying("Der Landtag tagt am Mittwoch.", status=S.ASSIGNED)
    assert labels() == {}


def test_a_promoted_claim_dismissed_later_as_not_check_worthy_counts_as_not():
    claim = claim_saying(
        "Das war ein schöner Abend.",
        origin=Claim.Origin.PROMOTED,
        status=S.DISMISSED,
        dismissal_reason="Meinung",
        dismissed_not_checkworthy=True,
    )
    assert labels() == {claim.text: 0}


def test_imported_decisions_join_the_desks():
    ImportedDecision.objects.create(text="Tickets cost 49 pounds.", language="en", label=1)
    ImportedDecision.objects.create(text="What a night!", language="en", label=0)
    assert labels() == {"Tickets cost 49 pounds.": 1, "What a night!": 0}


def test_decisions_can_be_limited_to_one_language():
    claim_saying("Die Kreisumlage steigt um 4,5 Prozent.", status=S.IN_REVIEW)
    claim_saying("The levy rises by 4.5 percent.", language="en", status=S.IN_REVIEW)
    ImportedDecision.objects.create(text="Der Zug war voll.", language="de", label=0)
    assert labels("en") == {"The levy rises by 4.5 percent.": 1}


def test_the_held_out_part_is_stable_and_about_a_fifth():
    texts = [f"Im Bezirk {n} wurden {n * 3} Bäume gepflanzt." for n in range(2000)]
    held = [ranking.Decision(t, "de", 1).held_out for t in texts]
    again = [ranking.Decision(t, "de", 0).held_out for t in texts]
    assert held == again  # by the sentence, whatever its label
    assert 0.17 < sum(held) / len(held) < 0.23


def test_dismissing_as_not_check_worthy_marks_the_claim():
    claim = ClaimFactory()
    workflow.dismiss_claim(claim, reason="reine Meinung", by=EditorFactory(), not_checkworthy=True)
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_not_checkworthy) == (S.DISMISSED, True)


def test_a_plain_dismissal_does_not_mark_the_claim():
    claim = ClaimFactory()
    workflow.dismiss_claim(claim, reason="doppelt", by=EditorFactory())
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_not_checkworthy) == (S.DISMISSED, False)


def test_the_claim_page_offers_not_check_worthy_when_dismissing(editor_client):
    claim = ClaimFactory()
    page = editor_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert 'name="not_checkworthy"' in page
