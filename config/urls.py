from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.middleware import content_security_policy
from desk import views as desk_views

admin.site.site_header = "Claim tracker"
admin.site.site_title = "Claim tracker"
admin.site.index_title = "Editorial desk"

# Swagger UI: its scripts come from here as files (the split view serves its set-up
# script at ?script=), but it styles itself inline and draws icons as data: images.
API_DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include("publishing.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        content_security_policy(API_DOCS_POLICY)(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
    # The switch also remembers a signed-in person's language (desk.views.set_language).
    path("i18n/setlang/", desk_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sources/", include("sources.urls")),
    path("publishing/", include("publishing.urls")),
    path("", include("desk.urls")),
    path("", RedirectView.as_view(pattern_name="desk:dashboard", permanent=False), name="home"),
]
