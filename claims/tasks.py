"""Celery tasks of the domain: thin wrappers around services."""

from celery import shared_task

from . import ranking


# Training reads every decision's sentence: longer than the default limits of a task.
@shared_task(acks_late=True, soft_time_limit=30 * 60, time_limit=31 * 60)
def train_checkworthiness_nightly() -> str:
    """Fit the desk's check-worthiness model, when it took decisions since the last one."""
    if not ranking.has_new_decisions():
        return "no new decisions"
    # Here and not at the top: every worker imports this module, and training brings
    # numpy and scipy (about 70 MB), which only the process that trains should carry.
    from . import training

    try:
        version = training.train_desk_model()
    except training.TrainingError as refused:
        return str(refused)
    return f"{version.version}: {version.note}"
