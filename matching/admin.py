from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ClaimReviewFeed, ExternalClaimReview, MatchCandidate


@admin.register(ClaimReviewFeed)
class ClaimReviewFeedAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["url", "name", "is_active", "last_fetched_at", "last_imported", "last_error"]
    list_filter = ["is_active"]
    search_fields = ["url", "name"]
    readonly_fields = ["last_fetched_at", "last_imported", "last_error", "created_at"]
    actions = ["fetch_now"]

    @admin.action(description=_("Fetch now"), permissions=["change"])
    def fetch_now(self, request, queryset):
        for feed in queryset:
            result = services.fetch_feed(feed)
            if result is None:
                self.message_user(
                    request,
                    _("%(feed)s: %(error)s") % {"feed": feed, "error": feed.last_error},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request, _("%(feed)s: %(result)s") % {"feed": feed, "result": result}
                )


@admin.register(ExternalClaimReview)
class ExternalClaimReviewAdmin(admin.ModelAdmin):
    """Read-only: the reviews come from feeds and imports, as their publishers wrote them."""

    list_display = ["claim_reviewed", "rating_name", "publisher_name", "language", "review_date"]
    list_filter = ["language", "publisher_name", "feed"]
    search_fields = ["claim_reviewed", "url", "claimant", "publisher_name"]
    list_select_related = ["feed"]
    date_hierarchy = "review_date"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MatchCandidate)
class MatchCandidateAdmin(admin.ModelAdmin):
    """Read-only: matches are found by the index (matching.index) and dismissed at the desk."""

    list_display = ["claim", "entry", "score", "dismissed_at", "dismissed_by", "created_at"]
    list_filter = [("dismissed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["claim", "entry", "dismissed_by"]
    raw_id_fields = ["claim", "entry", "dismissed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
