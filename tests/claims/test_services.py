import pytest

from claims import services
from claims.models import Article, Claim
from tests.factories import EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste. "
    "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Verkehrsdezernentin Petra Albers. "
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden."
)


def new_article(body=BODY, language="de"):
    article = Article(title="Fahrgäste", body=body, language=language)
    services.save_article(article)
    return article


def claim_with(article, words):
    return article.claims.get(text__contains=words)


def test_a_new_article_gets_its_claims_anchored_at_their_text():
    article = new_article()
    assert article.claims.count() == 3
    assert all(article.body[c.start : c.end] == c.text for c in article.claims.all())


def test_the_language_is_detected_when_not_given():
    article = Article(title="Council", body="The council said that 1,200 residents replied.")
    services.save_article(article)
    assert article.language == "en"


def test_editing_the_body_moves_claims_and_keeps_their_work():
    article = new_article()
    quote = claim_with(article, "Rekord")
    verdict = VerdictFactory(claim=quote)
    evidence = EvidenceFactory(claim=quote)
    article.body = "Vorspann mit neuen Worten. " + BODY
    summary = services.save_article(article)
    quote.refresh_from_db()
    assert article.body[quote.start : quote.end] == quote.text
    assert quote.is_anchored
    assert list(quote.verdicts.all()) == [verdict]
    assert list(quote.evidence.all()) == [evidence]
    assert summary.moved == 3
    assert article.revision == 2


def test_claims_whose_text_is_gone_are_marked_not_deleted():
    article = new_article()
    debt = claim_with(article, "780 Mio. Euro")
    article.body = BODY.replace("780 Mio. Euro", "812 Mio. Euro")
    summary = services.save_article(article)
    debt.refresh_from_db()
    assert not debt.is_anchored
    assert summary.unanchored == 1
    assert summary.created == 1
    new = article.claims.get(text__contains="812 Mio. Euro")
    assert new.is_anchored and new.figures[0]["value"] == 812_000_000


def test_saving_an_unchanged_body_extracts_nothing():
    article = new_article()
    article.title = "Neuer Titel"
    assert services.save_article(article) is None
    assert article.revision == 1


def test_extracting_again_is_idempotent():
    article = new_article()
    before = list(article.claims.values_list("pk", "start", "end", "version"))
    summary = services.extract_and_reanchor_claims(article)
    assert (summary.created, summary.moved, summary.unanchored, summary.kept) == (0, 0, 0, 3)
    assert list(article.claims.values_list("pk", "start", "end", "version")) == before


def test_reanchoring_is_recorded_in_the_claim_history():
    article = new_article()
    article.body = "Neu. " + BODY
    services.save_article(article)
    claim = claim_with(article, "Rekord")
    latest = claim.history.first()
    assert latest.history_change_reason == "re-extracted (revision 2)"
    assert claim.version == 2


def test_a_claim_in_review_keeps_what_the_engine_once_said():
    article = new_article()
    claim = claim_with(article, "Rekord")
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW, kind="statement")
    services.extract_and_reanchor_claims(article)
    claim.refresh_from_db()
    assert claim.kind == "statement"


# --- One normalization on every way in (issue 13, item 1)

PASTED = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.\r\n"
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden.\r\n"
)


def test_a_body_with_crlf_line_breaks_is_stored_with_lf():
    article = new_article(PASTED)
    article.refresh_from_db()
    assert "\r" not in article.body
    assert article.body == PASTED.replace("\r\n", "\n").rstrip()


def test_a_body_in_decomposed_unicode_is_stored_in_nfc():
    article = new_article("Die Stadt za\u0308hlte 2025 rund 85 Millionen Fahrga\u0308ste.")
    article.refresh_from_db()
    assert article.body == "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."


def test_claims_of_a_decomposed_body_are_stored_in_nfc_at_their_text():
    article = new_article(PASTED.replace("zählte", "za\u0308hlte"))
    claim = article.claims.get(text__contains="Fahrgäste")
    assert claim.text == "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."
    assert article.body[claim.start : claim.end] == claim.text


def test_a_claim_added_by_hand_in_a_pasted_article_gets_the_selected_text(editor):
    # The browser counts a line break as one character: the offsets of the text it shows.
    article = new_article(PASTED)
    shown = PASTED.replace("\r\n", "\n")
    start = shown.index("780 Mio.")
    end = shown.index(" Schulden.")
    claim = services.add_claim(article, start=start, end=end, by=editor)
    assert claim.text == "780 Mio. Euro"


def test_the_same_text_sent_again_with_crlf_is_no_new_revision():
    article = new_article(PASTED.replace("\r\n", "\n"))
    article.body = PASTED
    assert services.save_article(article) is None
    assert article.revision == 1


def test_a_claim_said_by_a_spokesperson_stores_the_organisation_and_the_role():
    article = new_article(
        "Harlow Foods will close its plant in Eastbury by 2027. "
        "A spokesperson for Harlow Foods said the company would cut 400 jobs there.",
        language="en",
    )
    claim = claim_with(article, "400 jobs")
    assert (claim.speaker_name, claim.claimant, claim.claimant_role) == (
        "",
        "Harlow Foods",
        "spokesperson",
    )
