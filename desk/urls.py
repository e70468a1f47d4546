from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.article_list, name="articles"),
    path("articles/new/", views.article_new, name="article-new"),
    path("articles/new/language.json", views.article_language, name="article-language"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/status.json", views.article_status, name="article-status"),
    path("articles/<int:pk>/claims/", views.claim_add, name="claim-add"),
    path("articles/<int:pk>/promote/", views.sentence_promote, name="promote"),
    path("claims/", views.claim_search, name="search"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/verdict/", views.verdict_propose, name="verdict"),
    path("claims/<int:pk>/sources/", views.source_add, name="source-add"),
    path("claims/<int:pk>/sources.json", views.evidence_status, name="evidence-status"),
    path(
        "claims/<int:pk>/sources/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence-remove",
    ),
    path(
        "claims/<int:pk>/sources/<int:evidence_pk>/retry/", views.source_retry, name="source-retry"
    ),
    path("claims/<int:pk>/notes/", views.note_add, name="note-add"),
    path("claims/<int:pk>/split/", views.claim_split, name="split"),
    path("claims/<int:pk>/merge/", views.claim_merge, name="merge"),
    path(
        "claims/<int:pk>/matches/<int:candidate_pk>/reuse/",
        views.match_reuse,
        name="match-reuse",
    ),
    path(
        "claims/<int:pk>/matches/<int:candidate_pk>/dismiss/",
        views.match_dismiss,
        name="match-dismiss",
    ),
    path("claims/<int:pk>/<slug:action>/", views.claim_action, name="action"),
]
