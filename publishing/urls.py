from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("claims/<int:pk>/preview/", views.publish_preview, name="preview"),
]
