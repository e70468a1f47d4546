"""The reviewer UI, through Django's test client (the browser test is in tests/ui)."""

import pytest
from django.urls import reverse

from claims.models import Article, Claim, ClaimNote, Rating
from desk import views
from sources import services as source_services
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    ReviewerFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.\n"
    "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Verkehrsdezernentin Petra Albers.\n"
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden."
)


def article_with_claims(n=3):
    article = ArticleFactory(body=BODY)
    sentences = BODY.split("\n")
    position = 0
    for sentence in sentences[:n]:
        start = article.body.index(sentence, position)
        ClaimFactory(article=article, start=start, end=start + len(sentence), text=sentence)
        position = start + len(sentence)
    return article


@pytest.mark.parametrize("name", ["desk:dashboard", "desk:articles", "desk:search"])
def test_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_users_outside_the_desk_are_refused(client):
    client.force_login(UserFactory())
    assert client.get(reverse("desk:dashboard")).status_code == 403


def test_the_article_shows_every_claim_highlighted_at_its_span(reviewer_client):
    article = article_with_claims()
    page = reviewer_client.get(reverse("desk:article", args=[article.pk])).content.decode()
    for claim in article.claims.all():
        assert f'data-claim-id="{claim.pk}"' in page
    assert "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“" in page


def test_highlighted_text_is_escaped(reviewer_client):
    article = ArticleFactory(body="<script>alert(1)</script> Die Stadt zählte 85 Millionen.")
    ClaimFactory(article=article, start=0, end=25, text=article.body[:25])
    page = reviewer_client.get(reverse("desk:article", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_a_reviewer_adds_a_claim_by_selecting_text(reviewer_client):
    article = ArticleFactory(body=BODY)
    start = BODY.index("Der Kämmerer")
    response = reviewer_client.post(
        reverse("desk:claim-add", args=[article.pk]), {"start": start, "end": len(BODY)}
    )
    claim = Claim.objects.get(article=article)
    assert response.status_code == 302
    assert claim.origin == "manual" and claim.text.startswith("Der Kämmerer")
    assert claim.figures[0]["value"] == 780_000_000


def test_an_empty_selection_is_a_clear_error(reviewer_client):
    article = ArticleFactory(body=BODY)
    response = reviewer_client.post(
        reverse("desk:claim-add", args=[article.pk]),
        {"start": 3, "end": 3},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Select" in response.content.decode()
    assert not Claim.objects.filter(article=article).exists()


def test_a_reviewer_takes_a_claim_and_proposes_a_verdict(reviewer_client, reviewer):
    claim = ClaimFactory()
    reviewer_client.post(reverse("desk:action", args=[claim.pk, "take"]), {"version": 1})
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == ("assigned", reviewer)
    from claims.models import Rating

    response = reviewer_client.post(
        reverse("desk:verdict", args=[claim.pk]),
        {
            "version": claim.version,
            "rating": Rating.objects.get(slug="false").pk,
            "summary": "Falsch.",
            "rationale": "",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"


def test_a_concurrent_edit_shows_a_clear_conflict_and_saves_nothing(reviewer_client, reviewer):
    claim = ClaimFactory(status="assigned", assignee=reviewer)
    Claim.objects.filter(pk=claim.pk).update(version=3)
    from claims.models import Rating

    response = reviewer_client.post(
        reverse("desk:verdict", args=[claim.pk]),
        {
            "version": 1,
            "rating": Rating.objects.get(slug="false").pk,
            "summary": "Falsch.",
            "rationale": "",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert "changed this claim while you were working" in response.content.decode()
    assert not claim.verdicts.exists()


def test_an_editor_approves_in_the_ui_but_not_their_own(editor_client, editor, reviewer):
    mine = ClaimFactory(status="awaiting_approval", assignee=editor)
    VerdictFactory(claim=mine, author=editor)
    page = editor_client.get(reverse("desk:claim", args=[mine.pk])).content.decode()
    assert "data-approve" not in page
    theirs = ClaimFactory(status="awaiting_approval", assignee=reviewer)
    VerdictFactory(claim=theirs, author=reviewer)
    editor_client.post(
        reverse("desk:action", args=[theirs.pk, "approve"]), {"version": theirs.version}
    )
    theirs.refresh_from_db()
    assert theirs.status == "published"


def test_a_refused_action_is_shown_not_raised(reviewer_client):
    claim = ClaimFactory(status="published")
    response = reviewer_client.post(
        reverse("desk:action", args=[claim.pk, "dismiss"]),
        {"version": claim.version, "reason": "x"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Only editors may dismiss" in response.content.decode()


def test_adding_a_source_with_a_bad_address_is_a_form_error(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.post(
        reverse("desk:source-add", args=[claim.pk]),
        {"url": "ftp://x", "stance": "supports"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not claim.evidence.exists()


def test_internal_notes_are_kept(reviewer_client, reviewer):
    claim = ClaimFactory()
    reviewer_client.post(reverse("desk:note-add", args=[claim.pk]), {"text": "Amt anrufen"})
    assert ClaimNote.objects.get(claim=claim).author == reviewer


def test_split_and_merge_claims(reviewer_client):
    claim = ClaimFactory(
        article__body="Die Stadt zählte 85 Millionen Fahrgäste und baute 12 Brücken."
    )
    claim.end = len(claim.article.body)
    claim.text = claim.article.body
    claim.save()
    reviewer_client.post(
        reverse("desk:split", args=[claim.pk]), {"version": claim.version, "at": 39}
    )
    first, second = Claim.objects.filter(article=claim.article).order_by("start")
    assert first.text == "Die Stadt zählte 85 Millionen Fahrgäste"
    assert second.text == "und baute 12 Brücken."
    assert first.article.body[second.start : second.end] == second.text
    reviewer_client.post(
        reverse("desk:merge", args=[first.pk]),
        {"version": first.version, "other": second.pk, "other_version": second.version},
    )
    (merged,) = Claim.objects.filter(article=claim.article)
    assert merged.text == claim.article.body


def three_claims(body="Erstens 85 Fahrgäste. Zweitens 12 Brücken. Drittens 3 Tunnel."):
    claim = ClaimFactory(article__body=body, start=0, end=21, text=body[:21])
    middle = ClaimFactory(article=claim.article, start=22, end=42, text=body[22:42])
    last = ClaimFactory(article=claim.article, start=43, end=len(body), text=body[43:])
    return claim, middle, last


def merge(client, claim, other, version=None, other_version=None):
    return client.post(
        reverse("desk:merge", args=[claim.pk]),
        {
            "version": claim.version if version is None else version,
            "other": other.pk,
            "other_version": other.version if other_version is None else other_version,
        },
    )


def test_merging_claims_that_are_not_neighbours_is_refused(reviewer_client):
    first, _middle, last = three_claims()
    merge(reviewer_client, first, last)
    assert Claim.objects.filter(article=first.article).count() == 3
    assert Claim.objects.get(pk=first.pk).text == first.text


def test_merging_a_claim_assigned_to_someone_else_is_refused(reviewer_client):
    first, middle, _last = three_claims()
    Claim.objects.filter(pk=middle.pk).update(assignee=ReviewerFactory(), status="assigned")
    merge(reviewer_client, first, middle)
    assert Claim.objects.filter(article=first.article).count() == 3


def test_merging_at_a_stale_version_is_a_conflict(reviewer_client):
    first, middle, _last = three_claims()
    response = merge(reviewer_client, first, middle, other_version=middle.version - 1 or 99)
    assert response.status_code == 409
    assert Claim.objects.filter(article=first.article).count() == 3


def test_merging_with_a_claim_number_that_is_not_a_number_is_a_form_error(reviewer_client):
    first, _middle, _last = three_claims()
    response = reviewer_client.post(
        reverse("desk:merge", args=[first.pk]),
        {"version": first.version, "other": "abc", "other_version": 1},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "neighbouring claim" in response.content.decode()


def test_the_workspace_offers_to_merge_with_the_neighbours_only(reviewer_client):
    first, middle, last = three_claims()
    page = reviewer_client.get(reverse("desk:claim", args=[middle.pk])).content.decode()
    assert f'data-merge-with="{first.pk}"' in page and f'data-merge-with="{last.pk}"' in page
    page = reviewer_client.get(reverse("desk:claim", args=[first.pk])).content.decode()
    assert f'data-merge-with="{last.pk}"' not in page


def test_search_finds_claims_by_words_and_filters(reviewer_client):
    article = article_with_claims()
    page = reviewer_client.get(reverse("desk:search"), {"q": "Fahrgäste"}).content.decode()
    assert "85 Millionen" in page and "Rekord" not in page
    page = reviewer_client.get(
        reverse("desk:search"), {"q": "Schuld", "article": article.pk}
    ).content.decode()
    assert "780 Mio. Euro" in page  # German stemming: Schuld ~ Schulden


def test_search_says_when_it_found_more_than_it_counted(reviewer_client, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_COUNT_UP_TO", 2)
    article_with_claims(3)
    page = reviewer_client.get(reverse("desk:search"), headers={"accept-language": "en"})
    page = page.content.decode()
    assert "More than 2 claims found" in page and page.count('class="claim-row"') == 2


def test_search_counts_exactly_below_the_cap(reviewer_client):
    article_with_claims(3)
    page = reviewer_client.get(reverse("desk:search"), headers={"accept-language": "en"})
    page = page.content.decode()
    assert "3 claims found" in page and "More than" not in page


def test_search_ignores_bad_filters_without_an_error(reviewer_client):
    response = reviewer_client.get(reverse("desk:search"), {"status": "nonsense", "article": "x"})
    assert response.status_code == 200


def test_evidence_status_for_polling(reviewer_client):
    evidence = EvidenceFactory()
    data = reviewer_client.get(reverse("desk:evidence-status", args=[evidence.claim_id])).json()
    assert data["evidence"][0]["status"] == "pending"


def test_the_ui_speaks_german_and_english(reviewer_client):
    german = reviewer_client.get(
        reverse("desk:dashboard"), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    english = reviewer_client.get(
        reverse("desk:dashboard"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "My queue" in english
    assert "My queue" not in german


def queries(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(200) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_dashboard_queries_do_not_grow_with_claims(
    editor_client, editor, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    ClaimFactory.create_batch(3, status="assigned", assignee=editor)
    few = queries(editor_client, reverse("desk:dashboard"), django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):  # the cached counts go stale
        ClaimFactory.create_batch(30, status="assigned", assignee=editor)
        ClaimFactory.create_batch(10, status="published")
    assert queries(editor_client, reverse("desk:dashboard"), django_assert_max_num_queries) == few


def test_article_page_queries_do_not_grow_with_claims(
    reviewer_client, django_assert_max_num_queries
):
    small, large = article_with_claims(1), article_with_claims(3)
    for claim in large.claims.all():
        EvidenceFactory(claim=claim)
    one = queries(
        reviewer_client, reverse("desk:article", args=[small.pk]), django_assert_max_num_queries
    )
    three = queries(
        reviewer_client, reverse("desk:article", args=[large.pk]), django_assert_max_num_queries
    )
    assert one == three


def test_claim_page_queries_do_not_grow_with_sources_and_notes(
    editor_client, editor, django_assert_max_num_queries
):
    claim = ClaimFactory()
    EvidenceFactory(claim=claim)
    few = queries(
        editor_client, reverse("desk:claim", args=[claim.pk]), django_assert_max_num_queries
    )
    for _ in range(5):
        EvidenceFactory(claim=claim)
        ClaimNote.objects.create(claim=claim, author=editor, text="Notiz")
    VerdictFactory(claim=claim)
    assert (
        queries(
            editor_client, reverse("desk:claim", args=[claim.pk]), django_assert_max_num_queries
        )
        == few
    )


def test_an_unknown_article_or_claim_is_not_found(reviewer_client):
    assert reviewer_client.get(reverse("desk:article", args=[99999])).status_code == 404
    assert reviewer_client.get(reverse("desk:claim", args=[99999])).status_code == 404
    assert Article.objects.count() == 0


# --- Other sentences and their promotion -------------------------------------

PROMOTE_BODY = (
    "The harbour handled 2.4 million containers last year. The quay looked busy.\n"
    "Dock workers went home early. The port plans 300 new jobs."
)


def extracted(body=PROMOTE_BODY):
    from claims import services

    article = ArticleFactory(body=body, language="en")
    services.extract_and_reanchor_claims(article)
    return article


def test_the_article_lists_its_other_sentences_with_their_count(reviewer_client, figures_model):
    article = extracted()
    page = reviewer_client.get(
        reverse("desk:article", args=[article.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Other sentences (2)" in page
    assert "The quay looked busy." in page and "Dock workers went home early." in page
    start = PROMOTE_BODY.index("Dock workers")
    assert f'data-other-sentence="{start}-{start + len("Dock workers went home early.")}"' in page
    assert page.count(">Make it a claim</button>") == 2


def test_the_other_sentences_are_labelled_in_german(reviewer_client, figures_model):
    article = extracted()
    page = reviewer_client.get(
        reverse("desk:article", args=[article.pk]), headers={"accept-language": "de"}
    ).content.decode()
    assert "Weitere Sätze (2)" in page and "Zur Behauptung machen" in page


def test_a_reviewer_promotes_an_other_sentence_and_sees_it_highlighted(
    reviewer_client, reviewer, figures_model
):
    article = extracted()
    start = PROMOTE_BODY.index("Dock workers")
    end = start + len("Dock workers went home early.")
    response = reviewer_client.post(
        reverse("desk:promote", args=[article.pk]),
        {"start": start, "end": end},
        follow=True,
        headers={"accept-language": "en"},
    )
    claim = Claim.objects.get(article=article, start=start)
    assert claim.origin == "promoted" and claim.end == end
    assert claim.history.get().history_user == reviewer
    assert response.redirect_chain[-1][0].endswith(f"?promoted={claim.pk}#claim-{claim.pk}")
    page = response.content.decode()
    assert (
        f'class="claim-mark status-new promoted" id="claim-{claim.pk}" data-claim-id="{claim.pk}"'
        in page
    )
    assert "Other sentences (1)" in page


def test_promoting_a_span_that_is_not_an_other_sentence_shows_why(reviewer_client, figures_model):
    article = extracted()
    start = PROMOTE_BODY.index("The port plans")  # a claim already
    response = reviewer_client.post(
        reverse("desk:promote", args=[article.pk]),
        {"start": start, "end": len(PROMOTE_BODY)},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert "overlaps claim" in response.content.decode()
    assert not Claim.objects.filter(origin="promoted").exists()


def test_promoting_needs_a_desk_member(client, figures_model):
    article = extracted()
    client.force_login(UserFactory())
    start = PROMOTE_BODY.index("Dock workers")
    response = client.post(
        reverse("desk:promote", args=[article.pk]), {"start": start, "end": start + 29}
    )
    assert response.status_code == 403
    assert not Claim.objects.filter(origin="promoted").exists()


def test_promoting_is_a_post(reviewer_client, figures_model):
    article = extracted()
    assert reviewer_client.get(reverse("desk:promote", args=[article.pk])).status_code == 405


def test_article_page_queries_do_not_grow_with_other_sentences(
    reviewer_client, figures_model, django_assert_max_num_queries
):
    few = extracted("The depot has 40 buses. It was quiet.")
    many = extracted(
        "The depot has 40 buses. " + " ".join(f"Day {w} was quiet." for w in "abcdefghij")
    )
    one = queries(
        reviewer_client, reverse("desk:article", args=[few.pk]), django_assert_max_num_queries
    )
    ten = queries(
        reviewer_client, reverse("desk:article", args=[many.pk]), django_assert_max_num_queries
    )
    assert one == ten


def test_each_other_sentence_shows_its_score_and_reasons(reviewer_client, figures_model):
    article = extracted("The depot has 40 buses. The drivers seemed very happy.")
    page = reviewer_client.get(
        reverse("desk:article", args=[article.pk]), headers={"accept-language": "en"}
    ).content.decode()
    (sentence,) = promotion_list(article)
    assert f'value="{sentence.checkworthiness}"' in page  # the meter, locale-independent
    assert f"{sentence.checkworthiness:.2f}" in page
    assert ", ".join(sentence.reasons) in page and sentence.reasons


def promotion_list(article):
    from claims import promotion

    return promotion.other_sentences(article)


def test_dismissing_as_not_check_worthy_in_the_ui_teaches_the_ranking(editor_client):
    claim = ClaimFactory()
    editor_client.post(
        reverse("desk:action", args=[claim.pk, "dismiss"]),
        {"version": claim.version, "reason": "Meinung", "not_checkworthy": "1"},
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    assert claim.dismissed_not_checkworthy


def test_the_verdict_form_chooses_no_rating_for_the_reviewer(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, assignee=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="en")
    form = page.context["verdict_form"]
    assert form["rating"].value() is None
    options = [label for _, label in form.fields["rating"].choices]
    assert str(options[0]).startswith("–") and "false" in [str(o) for o in options]
    assert "falsch" not in [str(o) for o in options]


def test_rating_names_are_shown_in_the_page_language_only(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=reviewer)
    VerdictFactory(claim=claim, author=reviewer)  # rated "false"
    client.force_login(reviewer)
    german = client.get(reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="de")
    english = client.get(reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "<strong>falsch</strong>" in german.content.decode()
    assert "<strong>false</strong>" in english.content.decode()


def test_numbers_in_attributes_do_not_follow_the_german_decimal_comma(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(checkworthiness=0.8)
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert 'value="0.8"' in page.content.decode()


def test_an_action_says_what_it_did(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        reverse("desk:action", args=[claim.pk, "take"]),
        {"version": claim.version},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "Claim taken" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#workflow")


def test_the_reason_typed_survives_an_edit_conflict(client):
    editor = EditorFactory()
    claim = ClaimFactory(status=Claim.Status.NEW)
    client.force_login(editor)
    response = client.post(
        reverse("desk:action", args=[claim.pk, "dismiss"]),
        {
            "version": claim.version - 1,
            "reason": "Doppelt erfasst, siehe Nr. 12",
            "not_checkworthy": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert ">Doppelt erfasst, siehe Nr. 12</textarea>" in page
    assert 'id="dismiss-not-checkworthy" checked' in page


def test_no_start_button_where_proposing_starts_the_review(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.ASSIGNED, assignee=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "data-verdict-form" in page
    assert reverse("desk:action", args=[claim.pk, "start"]) not in page


def test_a_reviewer_removes_a_wrong_source_from_the_workspace(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, assignee=reviewer)
    evidence = EvidenceFactory(claim=claim)
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "data-remove-source" in page
    client.post(reverse("desk:evidence-remove", args=[claim.pk, evidence.pk]))
    assert not claim.evidence.exists()


def test_a_failed_source_offers_to_try_again(client):
    reviewer = ReviewerFactory()
    evidence = EvidenceFactory(claim=ClaimFactory(), source__status="failed")
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[evidence.claim_id])).content.decode()
    assert reverse("desk:source-retry", args=[evidence.claim_id, evidence.pk]) in page


def test_the_dashboard_queue_is_paginated_and_filtered(reviewer_client):
    ClaimFactory.create_batch(30, article=ArticleFactory(language="de"))
    ClaimFactory(article=ArticleFactory(language="en", body="The city counted 85 million riders."))
    first = reviewer_client.get(reverse("desk:dashboard"))
    assert len(first.context["queue"]) == 25 and first.context["queue"].paginator.count == 31
    english = reviewer_client.get(reverse("desk:dashboard"), {"language": "en"})
    assert english.context["queue"].paginator.count == 1
    assert "language=en&amp;page=2" not in english.content.decode()  # one page only
    second = reviewer_client.get(reverse("desk:dashboard"), {"language": "de", "page": 2})
    assert len(second.context["queue"]) == 5


def test_the_reviewer_words_the_claim_and_its_speaker_for_the_fact_check(client):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, assignee=reviewer, speaker_name="")
    client.force_login(reviewer)
    page = client.get(reverse("desk:claim", args=[claim.pk]))
    assert page.context["verdict_form"]["reviewed_text"].value() == claim.text  # prefilled
    client.post(
        reverse("desk:verdict", args=[claim.pk]),
        {
            "version": claim.version,
            "rating": Rating.objects.get(slug="false").pk,
            "summary": "Es waren 58 Millionen.",
            "reviewed_text": "Rheinfeld zählte 2025 85 Millionen Fahrgäste.",
            "speaker_name": "Petra Albers",
            "speaker_role": "Verkehrsdezernentin",
            "claimant": "",
        },
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.AWAITING_APPROVAL
    assert claim.reviewed_text == "Rheinfeld zählte 2025 85 Millionen Fahrgäste."
    assert (claim.speaker_name, claim.speaker_role, claim.claimant) == (
        "Petra Albers",
        "Verkehrsdezernentin",
        "Petra Albers",
    )
    assert claim.text == claim.article.body[claim.start : claim.end]  # the span stays


@pytest.mark.parametrize(
    "claimant, role", [("Harlow Foods", "spokesperson"), ("Eastbury Council", "")]
)
def test_the_engines_claimant_role_stays_only_with_the_engines_claimant(client, claimant, role):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(
        status=Claim.Status.IN_REVIEW,
        assignee=reviewer,
        speaker_name="",
        claimant="Harlow Foods",
        claimant_role="spokesperson",
    )
    client.force_login(reviewer)
    client.post(
        reverse("desk:verdict", args=[claim.pk]),
        {
            "version": claim.version,
            "rating": Rating.objects.get(slug="false").pk,
            "summary": "The plant stays open.",
            "reviewed_text": claim.text,
            "speaker_name": "",
            "speaker_role": "",
            "claimant": claimant,
        },
    )
    claim.refresh_from_db()
    assert (claim.status, claim.claimant, claim.claimant_role) == (
        Claim.Status.AWAITING_APPROVAL,
        claimant,
        role,
    )


def test_the_language_switch_remembers_a_signed_in_persons_language(reviewer_client, reviewer):
    from claims import roles

    reviewer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    reviewer.refresh_from_db()
    assert roles.language_of(reviewer) == "en"


def test_a_source_found_in_a_browser_capture_shows_its_screenshot(reviewer_client, web, settings):
    settings.ARCHIVE_BROWSER = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    if not source_services.browser_capture_on():
        pytest.skip("Chromium is not installed")
    claim = ClaimFactory(
        text="Die Stadtwerke Rheinfeld haben im vergangenen Jahr mehr als 85 Millionen "
        "Fahrgäste befördert."
    )
    evidence = source_services.cite(claim, web.url("/article?fuer=vorschau"), stance="supports")
    source_services.archive(evidence.source)
    evidence.refresh_from_db()
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    thumbnail = reverse("sources:capture-screenshot", args=[evidence.located_capture_id])
    assert f'src="{thumbnail}"' in page
