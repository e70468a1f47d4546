"""What is waiting on the real Redis broker, for tests that count queued tasks."""

from config import celery_app


def queued_archive_tasks() -> int:
    with celery_app.connection_for_write() as connection:
        return connection.default_channel._size("fetch")
