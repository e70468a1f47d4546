from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("captures/<int:pk>/", views.capture_detail, name="capture"),
    path("captures/<int:pk>/warc/", views.capture_warc, name="capture-warc"),
    path("captures/<int:pk>/page/", views.capture_page, name="capture-page"),
    path("captures/<int:pk>/wacz/", views.capture_wacz, name="capture-wacz"),
    path("captures/<int:pk>/screenshot/", views.capture_screenshot, name="capture-screenshot"),
    path("captures/<int:pk>/again/", views.capture_again, name="capture-again"),
]
