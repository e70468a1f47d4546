import gc

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
