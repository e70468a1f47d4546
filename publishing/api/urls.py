from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("webhooks", views.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("captures/<int:pk>/warc/", views.capture_warc, name="capture-warc"),
    path("captures/<int:pk>/text/", views.capture_text, name="capture-text"),
    path("captures/<int:pk>/wacz/", views.capture_wacz, name="capture-wacz"),
    path("captures/<int:pk>/screenshot/", views.capture_screenshot, name="capture-screenshot"),
    path("webhooks/deliveries/<int:pk>/replay/", views.replay_delivery, name="delivery-replay"),
    path("matches/", views.matches, name="matches"),
    path("ping/", views.ping, name="ping"),
    path("", include(router.urls)),
]
