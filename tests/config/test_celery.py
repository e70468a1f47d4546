import gc
import os
import subprocess
import sys
from pathlib import Path

from celery import signals
from django.conf import settings

from config import celery as celery_config
from config import celery_app


def route(task_name):
    return celery_app.amqp.router.route({}, task_name)["queue"].name


def test_fetching_tasks_go_to_their_own_queue():
    assert route("sources.tasks.archive_source") == "fetch"


def test_other_tasks_go_to_the_default_queue():
    assert route("claims.tasks.extract_article") == "default"


def test_tasks_are_acknowledged_only_after_they_ran():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True


def test_tasks_have_time_limits():
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_the_parents_objects_are_frozen_before_each_fork():
    assert celery_config.freeze_before_forking in [
        receiver() for _, receiver in signals.worker_before_create_process.receivers
    ]


def test_freezing_moves_the_parents_objects_out_of_the_collectors_reach():
    try:
        signals.worker_before_create_process.send(sender=None)
        assert gc.get_freeze_count() > 0  # a child's collections no longer touch them
    finally:
        gc.unfreeze()


def test_the_embedded_broker_keeps_its_control_files_under_var(tmp_path):
    # kombu's filesystem transport writes its exchange tables to ./control unless told.
    script = "import django; django.setup(); from config import celery_app; celery_app.control.ping(timeout=0.1)"
    environment = {
        **os.environ,
        "CELERY_BROKER_URL": "filesystem://",
        "VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=environment, check=True)
    assert not (tmp_path / "control").exists()
    assert (tmp_path / "var" / "broker" / "control").is_dir()
