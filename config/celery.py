"""The Celery application: `celery -A config worker -Q default,fetch`."""

import gc
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def load_before_forking(**kwargs):
    """Load the parsers and language pipelines once, in the parent of the pool.

    Loaded lazily, each pool process would build its own copy (about 60 MB each);
    loaded here, before the fork, the processes share the parent's pages.
    """
    from sources.services import warm_up

    warm_up()


@signals.worker_before_create_process.connect
def freeze_before_forking(**kwargs):
    """Keep what the parent loaded shared with the pool processes.

    A process's garbage collector writes to every object it tracks, so the first
    collection in a fresh child would copy the parent's heap page by page; frozen
    objects are never visited. Runs before every fork, replacements included; the
    collection first, so the parent's garbage is freed rather than frozen.
    """
    gc.collect()
    gc.freeze()
