"""Where the dashboard's counts are cached, and how they are made stale.

No models here: `desk.receivers` (imported with the app) uses it to forget the counts.
"""

from django.core.cache import cache

# How long the counts are kept at most; any write to a claim, a verdict or an article
# makes them stale at once (claims' article_changed, see desk.receivers).
TIMEOUT = 60
_GENERATION = "desk:counts:generation"


def key() -> str:
    """The cache key of the counts as they stand now."""
    return f"desk:counts:{cache.get_or_set(_GENERATION, 1, None)}"


def forget() -> None:
    """The counts are stale (a claim, verdict or article changed and committed)."""
    # A new generation rather than a delete: a count taken before the write but stored
    # after it goes under the old generation, which no one reads any more.
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 2, None)
