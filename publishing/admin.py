from django import forms
from django.contrib import admin
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models import ApiClient, Claim
from sources.admin import ClaimWithEvidenceAdmin

from .models import WebhookEndpoint
from .preview import EVIDENCE, publication_preview


class WebhookEndpointInline(admin.TabularInline):
    """A client's webhooks, to read and to switch off; clients register them through the API."""

    model = WebhookEndpoint
    fields = ["url", "events", "active", "created_at"]
    readonly_fields = ["url", "events", "created_at"]
    extra = 0


class ApiClientForm(forms.ModelForm):
    # Ticks, not the JSON list the scopes are stored as.
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=ApiClient.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "articles:write: post articles and read this client's own articles, claims and "
            "sources. verdicts:read: read every published fact-check of the desk, whoever "
            "entered the article (only its public fields and published claims)."
        ),
    )

    class Meta:
        model = ApiClient
        fields = ["name", "scopes", "revoked_at"]

    def clean_scopes(self):
        chosen = self.cleaned_data["scopes"]
        return [scope for scope in ApiClient.Scope.values if scope in chosen]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "token_prefix", "scope_list", "created_at", "revoked_at"]
    readonly_fields = ["token_prefix", "created_at"]
    fields = ["name", "scopes", "token_prefix", "created_at", "revoked_at"]
    inlines = [WebhookEndpointInline]

    def has_add_permission(self, request):
        # A token is shown once, by `manage.py create_api_client NAME`.
        return False

    @admin.display(description=_("scopes"))
    def scope_list(self, client):
        return ", ".join(client.scopes) or "–"


class ClaimPublishingAdmin(ClaimWithEvidenceAdmin):
    """The claim admin as sources extends it, whose "approve and publish" shows the editor
    the ClaimReview each verdict will publish (card and JSON-LD) before they confirm.

    The action and its confirmation page are the claims app's (claims/admin.py); the
    ClaimReview is built here, by the function the API and the desk's preview use,
    because claims may not import publishing (the layers in pyproject.toml). So this
    layer fills the action's hook and template and registers the result, as
    sources/admin.py does for the evidence inline, rather than claims reaching up.
    """

    approve_template = "admin/publishing/claim_approve_and_publish.html"

    def approval_previews(self, request, approvable) -> dict:
        claims = [claim for claim, _draft in approvable]
        prefetch_related_objects(claims, EVIDENCE)
        # One moment for all: each card shows the day it will be published.
        now = timezone.now()
        return {claim.pk: publication_preview(claim, draft, now=now) for claim, draft in approvable}


admin.site.unregister(Claim)
admin.site.register(Claim, ClaimPublishingAdmin)
