"""Importing other fact-checkers' ClaimReview: by hand (a file, a URL) or from registered feeds.

Each review is stored once, by its own URL. A review read again with the same content
(the SHA-256 of its normalized fields) is left untouched; a changed one is updated.
Feeds are fetched through the safe fetcher only (sources.fetcher), never another way.
"""

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sources.fetcher import FetchFailed, FetchRefused, TooLarge, fetch
from sources.services import fetch_policy, large_page_turn

from . import index
from .feeds import FeedError, read_claimreviews
from .models import ClaimReviewFeed, ExternalClaimReview

# A feed larger than this is refused whole (settings.CLAIMREVIEW_FEED_MAX_BYTES to change).
FEED_MAX_BYTES = 20 * 1024 * 1024
# Reviews written per transaction: a large feed does not hold one long transaction.
BATCH = 500
STORED_FIELDS = (
    "claim_reviewed",
    "language",
    "rating_name",
    "rating_value",
    "rating_best",
    "rating_worst",
    "publisher_name",
    "publisher_url",
    "claimant",
    "claim_date",
    "review_date",
    "raw",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)  # why each skipped review was skipped

    @property
    def read(self) -> int:
        """The usable reviews read: new, changed and unchanged ones."""
        return self.created + self.updated + self.unchanged

    def __str__(self):
        return _(
            "%(created)s new, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def content_sha256(review: dict) -> str:
    """The hash of a normalized review: the same for the same content, whatever its key order."""
    fields = {name: review.get(name) for name in ("url", *STORED_FIELDS)}
    encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def import_claimreviews(
    reviews, feed: ClaimReviewFeed | None = None, progress=None
) -> ImportResult:
    """Store normalized reviews (matching.feeds), new ones created, changed ones updated.

    `reviews` may carry `skipped` reasons (feeds.ClaimReviews): they are counted.
    A URL given twice is stored and counted once, as its last version. `progress(n)` is told how
    many reviews each batch handled.
    """
    skipped = list(getattr(reviews, "skipped", []))
    result = ImportResult(skipped=len(skipped), errors=skipped)
    latest = {review["url"]: review for review in reviews}  # the last version of a URL wins
    batch = list(latest.values())
    for start in range(0, len(batch), BATCH):
        chunk = batch[start : start + BATCH]
        written = _import_batch(chunk, feed, result)
        # Indexed after the batch committed (reading signatures takes a while): the new and
        # changed reviews, and any not indexed yet (imported before, or indexing failed).
        to_index = Q(url__in=written) | Q(match_entry__isnull=True)
        urls = [review["url"] for review in chunk]
        index.index_reviews(ExternalClaimReview.objects.filter(to_index, url__in=urls))
        if progress is not None:
            progress(len(chunk))
    return result


@transaction.atomic
def _import_batch(reviews: list[dict], feed, result: ImportResult) -> list[str]:
    """Store a batch; the URLs of the reviews created or changed."""
    hashes = {review["url"]: content_sha256(review) for review in reviews}
    # Locked: two imports of the same review wait for each other instead of colliding.
    existing = {
        stored.url: stored
        for stored in ExternalClaimReview.objects.select_for_update().filter(url__in=list(hashes))
    }
    new, changed = [], []
    for review in reviews:
        stored = existing.get(review["url"])
        if stored is not None and stored.content_sha256 == hashes[review["url"]]:
            result.unchanged += 1
            continue
        if stored is None:
            stored = ExternalClaimReview(url=review["url"])
            new.append(stored)
        else:
            changed.append(stored)
        for name in STORED_FIELDS:
            setattr(stored, name, review.get(name))
        stored.content_sha256 = hashes[review["url"]]
        stored.feed = feed if feed is not None else stored.feed
    # Another import may create a review between our look-up and our insert: it is then
    # taken as it is (ignore_conflicts), and this run's version comes with the next fetch.
    ExternalClaimReview.objects.bulk_create(new, ignore_conflicts=True)
    now = timezone.now()
    for stored in changed:
        stored.updated_at = now
    ExternalClaimReview.objects.bulk_update(
        changed, [*STORED_FIELDS, "content_sha256", "feed", "updated_at"]
    )
    result.created += len(new)
    result.updated += len(changed)
    return [stored.url for stored in (*new, *changed)]


def feed_max_bytes() -> int:
    return getattr(settings, "CLAIMREVIEW_FEED_MAX_BYTES", FEED_MAX_BYTES)


def fetch_claimreviews(url: str):
    """Fetch a feed's address through the safe fetcher and read it; raises FeedError."""
    policy = fetch_policy()
    limit = min(feed_max_bytes(), policy.max_bytes)
    try:
        with fetch(url, dataclasses.replace(policy, max_bytes=limit)) as result:
            if result.status >= 400:
                raise FeedError(
                    _("The feed answered with HTTP status %(status)s.") % {"status": result.status}
                )
            with large_page_turn(result.content_size):
                return read_claimreviews(result.content, result.content_type)
    except TooLarge:
        # The fetcher's words speak of archiving; a feed is imported.
        raise FeedError(
            _("The feed is larger than %(mb)s MB; it was not imported.")
            % {"mb": limit // (1024 * 1024)}
        ) from None
    except FetchRefused as refused:
        raise FeedError(refused.reason) from None
    except FetchFailed as failure:
        raise FeedError(failure.reason) from None


def fetch_feed(feed: ClaimReviewFeed) -> ImportResult | None:
    """Fetch, read and import one feed; record the outcome on the feed.

    A failure is kept in `last_error` (and returns None); what earlier fetches
    imported stays as it was.
    """
    try:
        reviews = fetch_claimreviews(feed.url)
    except FeedError as error:
        _record(feed, last_error=str(error))
        return None
    result = import_claimreviews(reviews, feed=feed)
    _record(feed, last_error="", last_imported=result.read)
    return result


def _record(feed: ClaimReviewFeed, **outcome) -> None:
    outcome["last_fetched_at"] = timezone.now()
    for name, value in outcome.items():
        setattr(feed, name, value)
    feed.save(update_fields=list(outcome))


def fetch_active_feeds() -> dict[str, int]:
    """Fetch every active feed once (the beat's task); tells how many went well and how many not."""
    done = {"fetched": 0, "failed": 0}
    for feed in ClaimReviewFeed.objects.filter(is_active=True).order_by("pk"):
        done["fetched" if fetch_feed(feed) is not None else "failed"] += 1
    return done
