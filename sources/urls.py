from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("captures/<int:pk>/", views.capture_detail, name="capture"),
    path("captures/<int:pk>/warc/", views.capture_warc, name="capture-warc"),
    path("captures/<int:pk>/page/", views.capture_page, name="capture-page"),
]
