from django.contrib import admin

from claims.models import ApiClient

from .models import WebhookEndpoint


class WebhookEndpointInline(admin.TabularInline):
    """A client's webhooks, to read and to switch off; clients register them through the API."""

    model = WebhookEndpoint
    fields = ["url", "events", "active", "created_at"]
    readonly_fields = ["url", "events", "created_at"]
    extra = 0


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "token_prefix", "created_at", "revoked_at"]
    readonly_fields = ["token_prefix", "created_at"]
    fields = ["name", "token_prefix", "created_at", "revoked_at"]
    inlines = [WebhookEndpointInline]

    def has_add_permission(self, request):
        # A token is shown once, by `manage.py create_api_client NAME`.
        return False
