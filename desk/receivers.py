"""What the desk hears from the domain and from matching: when its cached counts go stale.

Imported with the app (desk.apps), so no models here: the signals and the cache only.
"""

from claims import signals
from matching import signals as matching_signals

from . import counts_cache


def connect():
    # Sent on commit for every write to an article, its claims or their verdicts,
    # bulk ones included, in whichever process made it (web server or worker).
    signals.article_changed.connect(_article_changed, dispatch_uid="desk.counts.article_changed")
    # Matches are stored by the matching task (a worker), not by a claim write: the count
    # of claims matching a published verdict goes stale with them.
    matching_signals.matches_changed.connect(
        _matches_changed, dispatch_uid="desk.counts.matches_changed"
    )


def _article_changed(sender, article_id, **kwargs):
    counts_cache.forget()


def _matches_changed(sender, claim_ids, **kwargs):
    counts_cache.forget()
