"""What the desk hears from the domain: when its cached counts go stale.

Imported with the app (desk.apps), so no models here: the signals and the cache only.
"""

from claims import signals

from . import counts_cache


def connect():
    # Sent on commit for every write to an article, its claims or their verdicts,
    # bulk ones included, in whichever process made it (web server or worker).
    signals.article_changed.connect(_article_changed, dispatch_uid="desk.counts.article_changed")


def _article_changed(sender, article_id, **kwargs):
    counts_cache.forget()
