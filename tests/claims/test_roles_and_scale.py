"""What the data migrations leave in a fresh database."""

import pytest
from django.contrib.auth.models import Group

from claims import roles
from claims.models import Rating

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_editors_may_assign_dismiss_approve_and_rearchive():
    assert {"assign_claim", "dismiss_claim", "approve_verdict", "archive_source"} <= codenames(
        roles.EDITORS
    )


def test_reviewers_may_cite_sources_but_not_assign_or_approve():
    granted = codenames(roles.REVIEWERS)
    assert {"view_claim", "view_verdict", "add_evidence", "add_source"} <= granted
    assert not {"assign_claim", "dismiss_claim", "approve_verdict", "delete_claim"} & granted


def test_reviewers_change_nothing_in_the_admin_that_the_workflow_owns():
    granted = codenames(roles.REVIEWERS)
    assert not {"change_claim", "add_verdict", "change_verdict", "delete_verdict"} & granted


def test_editors_cannot_edit_or_delete_verdict_rows():
    # Verdicts change through the workflow's actions only (send back, publish, withdraw).
    granted = codenames(roles.EDITORS)
    assert not {"add_verdict", "change_verdict", "delete_verdict"} & granted


def test_default_scale_has_german_and_english_labels_in_order():
    labels = list(Rating.objects.values_list("label_de", "label_en"))
    assert labels == [
        ("richtig", "true"),
        ("größtenteils richtig", "mostly true"),
        ("teilweise richtig", "half true"),
        ("größtenteils falsch", "mostly false"),
        ("falsch", "false"),
        ("nicht belegbar", "unverifiable"),
    ]


def test_default_scale_maps_to_claimreview_rating_values():
    scale = {r.slug: (r.rating_value, r.worst_rating, r.best_rating) for r in Rating.objects.all()}
    assert scale["true"] == (5, 1, 5)
    assert scale["false"] == (1, 1, 5)
    assert scale["unverifiable"] == (None, 1, 5)


def test_alternate_name_follows_the_review_language():
    rating = Rating.objects.get(slug="mostly-false")
    assert rating.alternate_name("de") == "größtenteils falsch"
    assert rating.alternate_name("en") == "mostly false"
