import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.admin import ArticleForm
from claims.models import Article, Claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:claims_article_changelist",
    "admin:claims_claim_changelist",
    "admin:claims_verdict_changelist",
    "admin:claims_rating_changelist",
    "admin:sources_source_changelist",
    "admin:sources_capture_changelist",
    "admin:sources_evidence_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_editor_opens_every_list(editor_client, name):
    assert editor_client.get(reverse(name)).status_code == 200


def test_editor_opens_an_article_with_its_claims_inline(editor_client):
    claim = ClaimFactory()
    response = editor_client.get(reverse("admin:claims_article_change", args=[claim.article_id]))
    assert response.status_code == 200
    assert claim.text in response.content.decode()


def test_editor_opens_a_claim_with_its_evidence_and_history(editor_client):
    evidence = EvidenceFactory()
    VerdictFactory(claim=evidence.claim)
    change = reverse("admin:claims_claim_change", args=[evidence.claim_id])
    assert editor_client.get(change).status_code == 200
    history = reverse("admin:claims_claim_history", args=[evidence.claim_id])
    assert editor_client.get(history).status_code == 200


def test_editor_opens_a_source(editor_client):
    source = SourceFactory()
    url = reverse("admin:sources_source_change", args=[source.pk])
    assert editor_client.get(url).status_code == 200


def test_reviewer_is_kept_out_of_the_admin(reviewer_client):
    response = reviewer_client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_reviewer_is_not_offered_editor_actions(reviewer_client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    ClaimFactory()
    response = reviewer_client.get(reverse("admin:claims_claim_changelist"))
    form = response.context["action_form"]
    actions = [value for value, _label in form.fields["action"].choices] if form else []
    assert "assign" not in actions
    assert "dismiss" not in actions


def test_staff_reviewer_cannot_run_the_assign_action(reviewer_client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    claim = ClaimFactory()
    reviewer_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign", ACTION_CHECKBOX_NAME: [claim.pk], "assignee": reviewer.pk, "apply": 1},
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_assign_action_asks_for_the_reviewer_first(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign", ACTION_CHECKBOX_NAME: [claim.pk]},
    )
    assert response.status_code == 200
    assert "assignee" in response.context["form"].fields


def test_assign_action_assigns_through_the_workflow(editor_client, reviewer):
    claims = ClaimFactory.create_batch(2)
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "assign",
            ACTION_CHECKBOX_NAME: [c.pk for c in claims],
            "assignee": reviewer.pk,
            "apply": 1,
        },
    )
    assert set(Claim.objects.values_list("status", "assignee", "version")) == {
        ("assigned", reviewer.pk, 2)
    }


def test_dismiss_action_requires_a_reason(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "dismiss", ACTION_CHECKBOX_NAME: [claim.pk], "reason": "", "apply": 1},
    )
    assert response.context["form"].errors["reason"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_dismiss_action_reports_claims_it_may_not_dismiss(editor_client):
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "dismiss", ACTION_CHECKBOX_NAME: [published.pk], "reason": "alt", "apply": 1},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "cannot be dismissed" in response.content.decode()
    published.refresh_from_db()
    assert published.status == Claim.Status.PUBLISHED


def test_claim_list_queries_do_not_grow_with_the_claims(
    editor_client, django_assert_max_num_queries
):
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article)
    url = reverse("admin:claims_claim_changelist")
    with django_assert_max_num_queries(100) as few:
        editor_client.get(url)
    ClaimFactory.create_batch(30, article=ArticleFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(url)


def test_admin_speaks_german_to_german_editors(editor_client):
    response = editor_client.get(
        reverse("admin:claims_claim_changelist"), HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "Behauptung" in response.content.decode()


def test_admin_speaks_english_to_english_editors(editor_client):
    response = editor_client.get(
        reverse("admin:claims_claim_changelist"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Select claim to change" in response.content.decode()


def test_editor_adds_an_article_and_its_claims_are_extracted(editor_client):
    editor_client.post(
        reverse("admin:claims_article_add"),
        {
            "title": "Fahrgäste",
            "body": "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.",
            "language": "de",
            "url": "",
            "external_id": "",
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
        },
    )
    article = Article.objects.get(title="Fahrgäste")
    assert article.claims.get().figures[0]["value"] == 85_000_000


def test_an_article_body_over_the_limit_is_a_form_error(editor_client, settings):
    settings.EXTRACTION_MAX_CHARS = 20
    response = editor_client.post(
        reverse("admin:claims_article_add"),
        {
            "title": "Zu lang",
            "body": "x" * 21,
            "language": "de",
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "the limit is 20" in response.context["adminform"].form.errors["body"][0]
    assert not Article.objects.exists()


def test_extract_again_action_reports_what_changed(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "extract_again", ACTION_CHECKBOX_NAME: [claim.article_id]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "kept" in response.content.decode()


def test_approve_action_asks_for_confirmation_before_publishing(editor_client, reviewer):
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=reviewer)
    VerdictFactory(claim=claim, author=reviewer)
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "approve_and_publish", ACTION_CHECKBOX_NAME: [claim.pk]},
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.AWAITING_APPROVAL


def test_editor_approves_and_publishes_through_the_workflow(editor_client, reviewer):
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=reviewer)
    VerdictFactory(claim=claim, author=reviewer)
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "approve_and_publish",
            ACTION_CHECKBOX_NAME: [claim.pk],
            f"version-{claim.pk}": claim.version,
            "apply": 1,
        },
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED


def test_four_eyes_also_in_the_admin(editor_client, editor):
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=editor)
    VerdictFactory(claim=claim, author=editor)
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "approve_and_publish",
            ACTION_CHECKBOX_NAME: [claim.pk],
            f"version-{claim.pk}": claim.version,
            "apply": 1,
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Four eyes" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.AWAITING_APPROVAL


def test_editor_reopens_with_a_reason(editor_client, reviewer, editor):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, assignee=reviewer)
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "reopen", ACTION_CHECKBOX_NAME: [claim.pk], "reason": "Neue Zahlen", "apply": 1},
    )
    claim.refresh_from_db()
    assert (claim.status, claim.reopen_reason) == (Claim.Status.IN_REVIEW, "Neue Zahlen")


def test_editors_see_only_their_own_notifications(editor_client, editor, reviewer):
    from claims.models import Notification

    Notification.objects.create(recipient=editor, message="Für dich")
    Notification.objects.create(recipient=reviewer, message="Nicht für dich")
    page = editor_client.get(reverse("admin:claims_notification_changelist")).content.decode()
    assert "Für dich" in page and "Nicht für dich" not in page


def test_claim_history_shows_who_changed_what(editor_client, reviewer, editor):
    from claims import workflow

    claim = ClaimFactory()
    workflow.assign_claim(claim, assignee=reviewer, by=editor)
    page = editor_client.get(
        reverse("admin:claims_claim_history", args=[claim.pk])
    ).content.decode()
    assert "assigned to rolf-reviewer" in page
    assert "erika-editor" in page


# --- The desk's ranking: model versions, dismissing as not check-worthy -----------


def ranking_version(name, *, active=False, auc=0.8):
    from claims.extraction.ranking import load_base_model
    from claims.models import RankingModelVersion

    model = load_base_model()
    return RankingModelVersion.objects.create(
        version=name,
        weights={**model.to_dict(), "version": name},
        threshold=model.threshold,
        metrics={"auc": auc, "f1": 0.7, "n": 40},
        trained_on=160,
        base_version=model.version,
        is_active=active,
    )


def test_editor_sees_the_model_versions_with_their_metrics(editor_client):
    ranking_version("desk-older", auc=0.812)
    ranking_version("desk-newer", active=True, auc=0.845)
    page = editor_client.get(reverse("admin:claims_rankingmodelversion_changelist"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "desk-older" in content and "0.845" in content


def test_editor_rolls_back_to_an_older_model_version(editor_client):
    from claims import ranking
    from claims.models import RankingModelVersion

    older = ranking_version("desk-older")
    ranking_version("desk-newer", active=True)
    editor_client.post(
        reverse("admin:claims_rankingmodelversion_changelist"),
        {"action": "make_active", ACTION_CHECKBOX_NAME: [older.pk]},
    )
    assert list(RankingModelVersion.objects.filter(is_active=True)) == [older]
    assert ranking.active_model().version == "desk-older"


def test_reviewer_may_not_roll_back(reviewer_client, reviewer):
    from claims.models import RankingModelVersion

    reviewer.is_staff = True
    reviewer.save()
    older = ranking_version("desk-older")
    ranking_version("desk-newer", active=True)
    reviewer_client.post(
        reverse("admin:claims_rankingmodelversion_changelist"),
        {"action": "make_active", ACTION_CHECKBOX_NAME: [older.pk]},
    )
    assert RankingModelVersion.objects.get(is_active=True).version == "desk-newer"


def test_the_model_version_in_force_cannot_be_deleted(admin_client):
    from claims.models import RankingModelVersion

    active = ranking_version("desk-newer", active=True)
    url = reverse("admin:claims_rankingmodelversion_changelist")
    admin_client.post(
        url, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [active.pk], "post": "yes"}
    )
    assert list(RankingModelVersion.objects.all()) == [active]


def test_an_older_model_version_can_be_deleted(admin_client):
    from claims.models import RankingModelVersion

    active = ranking_version("desk-newer", active=True)
    older = ranking_version("desk-older")
    url = reverse("admin:claims_rankingmodelversion_changelist")
    admin_client.post(
        url, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [older.pk], "post": "yes"}
    )
    assert list(RankingModelVersion.objects.all()) == [active]


def test_model_versions_are_read_only(editor_client):
    version = ranking_version("desk-older")
    url = reverse("admin:claims_rankingmodelversion_change", args=[version.pk])
    editor_client.post(url, {"version": "renamed", "threshold": 0.01})
    version.refresh_from_db()
    assert (version.version, version.threshold) != ("renamed", 0.01)


def test_claim_admin_shows_which_model_version_scored_the_claim(editor_client):
    claim = ClaimFactory(model_version="desk-20261101-020000")
    page = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "desk-20261101-020000" in page.content.decode()


def test_dismiss_action_can_mark_claims_not_check_worthy(editor_client):
    claim = ClaimFactory()
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "dismiss",
            ACTION_CHECKBOX_NAME: [claim.pk],
            "reason": "Stimmungsbild",
            "not_checkworthy": "on",
            "apply": 1,
        },
    )
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_not_checkworthy) == (Claim.Status.DISMISSED, True)


def test_dismiss_action_without_the_mark_keeps_the_claim_out_of_training(editor_client):
    claim = ClaimFactory()
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "dismiss", ACTION_CHECKBOX_NAME: [claim.pk], "reason": "doppelt", "apply": 1},
    )
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_not_checkworthy) == (Claim.Status.DISMISSED, False)


# --- Articles in correctly: normalized, and never twice (issue 13, items 1 and 2)

PASTED = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.\r\nDer Kämmerer warnte.\r\n"


def add_article(client, **fields):
    return client.post(
        reverse("admin:claims_article_add"),
        {
            "title": "Fahrgäste",
            "body": PASTED,
            "language": "de",
            "url": "",
            "external_id": "",
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
            **fields,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_an_article_pasted_in_the_admin_is_stored_with_lf_line_breaks(editor_client):
    add_article(editor_client)
    assert Article.objects.get().body == PASTED.replace("\r\n", "\n").rstrip()


def test_the_article_form_cleans_the_body_to_what_will_be_stored():
    form = ArticleForm(data={"title": "Fahrgäste", "body": PASTED + "  ", "language": "de"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == PASTED.replace("\r\n", "\n").rstrip()


def test_the_body_limit_in_the_admin_counts_a_line_break_as_one_character(editor_client, settings):
    settings.EXTRACTION_MAX_CHARS = len(PASTED.replace("\r\n", "\n").rstrip())
    add_article(editor_client)
    assert Article.objects.count() == 1


def test_a_new_article_with_the_text_of_a_stored_one_is_refused_with_a_link_to_it(
    editor_client,
):
    stored = ArticleFactory(title="Fahrgastrekord", body=PASTED.replace("\r\n", "\n"))
    response = add_article(editor_client, title="Noch einmal")
    errors = response.context["adminform"].form.non_field_errors()
    link = reverse("admin:claims_article_change", args=[stored.pk])
    assert f'<a href="{link}">article {stored.pk} “Fahrgastrekord”</a>' in str(errors)
    assert "(same text)" in str(errors)
    assert Article.objects.count() == 1


def test_a_new_article_with_the_address_of_a_stored_one_is_refused(editor_client):
    stored = ArticleFactory(url="https://zeitung.example/fahrgaeste")
    response = add_article(editor_client, url="https://www.zeitung.example/fahrgaeste/")
    errors = str(response.context["adminform"].form.non_field_errors())
    assert f"article {stored.pk}" in errors and "(same URL)" in errors
    assert Article.objects.count() == 1


def test_the_duplicate_error_escapes_the_stored_title(editor_client):
    ArticleFactory(title="<script>alert(1)</script>", body=PASTED)
    response = add_article(editor_client)
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_an_edited_article_is_not_a_duplicate_of_itself(editor_client):
    stored = ArticleFactory(title="Fahrgäste", body=PASTED.replace("\r\n", "\n"))
    response = editor_client.post(
        reverse("admin:claims_article_change", args=[stored.pk]),
        {
            "title": "Fahrgäste 2025",
            "body": PASTED,
            "language": "de",
            "url": "",
            "external_id": "",
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.title == "Fahrgäste 2025"


def test_figures_and_dates_are_chips_not_json_on_the_claim_page(editor_client):
    claim = ClaimFactory(
        figures=[{"text": "85 Millionen", "value": 85000000, "unit": "Fahrgäste"}],
        dates=[{"text": "2025", "value": "2025", "granularity": "year"}],
    )
    page = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    html = page.content.decode()
    assert (
        '<span class="chip">85 Millionen <span class="chip-value">= 85000000 Fahrgäste</span></span>'
        in html
    )
    assert '<span class="chip">2025 <span class="chip-value">= 2025</span></span>' in html
    assert "&quot;granularity&quot;" not in html and "css/admin.css" in html
