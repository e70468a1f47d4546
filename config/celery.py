"""The Celery application: `celery -A config worker -Q default,fetch`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
