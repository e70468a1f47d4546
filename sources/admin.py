from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.admin import ClaimAdmin, HistoryAdmin
from claims.models import Claim

from . import services
from .models import Capture, Evidence, Source


class CaptureInline(admin.TabularInline):
    model = Capture
    fields = ["captured_at", "http_status", "final_url", "content_type", "size", "sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Captures are written by the archiver only, never by hand.
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "status", "publisher", "last_checked_at", "capture_count"]
    list_filter = ["status"]
    search_fields = ["url", "normalized_url", "title", "publisher"]
    readonly_fields = [
        "normalized_url",
        "status",
        "last_error",
        "last_checked_at",
        "changed_at",
        "gone_at",
        "lease_holder",
        "lease_expires_at",
        "added_by",
    ]
    inlines = [CaptureInline]
    actions = ["archive_again"]

    def has_archive_permission(self, request):
        return request.user.has_perm("sources.archive_source")

    @admin.action(description=_("Archive again now"), permissions=["archive"])
    def archive_again(self, request, queryset):
        # A source whose archive is already queued or running is not queued twice.
        queued = sum(services.request_archive(source) for source in queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)d source queued for archiving.",
                "%(n)d sources queued for archiving.",
                queued,
            )
            % {"n": queued},
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(capture_count=Count("captures"))

    @admin.display(description=_("captures"), ordering="capture_count")
    def capture_count(self, obj):
        return obj.capture_count


@admin.register(Capture)
class CaptureAdmin(admin.ModelAdmin):
    list_display = [
        "source", "captured_at", "method", "http_status", "content_type", "size", "view"
    ]  # fmt: skip
    list_filter = ["method"]
    list_select_related = ["source"]
    search_fields = ["source__normalized_url", "sha256", "final_url"]
    date_hierarchy = "captured_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Capture._meta.fields]

    @admin.display(description=_("archived copy"))
    def view(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("sources:capture", args=[obj.pk]), obj.sha256[:12]
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(HistoryAdmin):
    list_display = ["claim", "source", "stance", "added_by", "created_at"]
    list_filter = ["stance"]
    search_fields = ["claim__text", "source__normalized_url", "excerpt"]
    list_select_related = ["claim", "source", "added_by"]
    raw_id_fields = ["claim", "source"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["source", "stance", "excerpt", "note", "added_by"]
    readonly_fields = ["added_by"]
    raw_id_fields = ["source"]
    extra = 0


class ClaimWithEvidenceAdmin(ClaimAdmin):
    """The claim admin of the claims app, with the claim's sources and evidence first."""

    inlines = [EvidenceInline, *ClaimAdmin.inlines]


admin.site.unregister(Claim)
admin.site.register(Claim, ClaimWithEvidenceAdmin)
