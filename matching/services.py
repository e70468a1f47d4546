"""Importing other fact-checkers' ClaimReview: by hand (a file, a URL) or from registered feeds;
reusing an earlier fact-check's verdict for a claim that repeats it.

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

from claims import workflow
from claims.exceptions import WorkflowError
from claims.locking import lock_claim
from claims.models import Claim, Rating, Verdict
from sources.fetcher import FetchFailed, FetchRefused, TooLarge, fetch
from sources.models import Evidence
from sources.services import SourceError, cite, fetch_policy, large_page_turn, normalize_url

from . import index
from .feeds import FeedError, read_claimreviews
from .models import ClaimReviewFeed, ExternalClaimReview, MatchCandidate

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


# --- reusing an earlier fact-check ----------------------------------------------------


class ReuseRefused(WorkflowError):
    """The earlier fact-check cannot be reused as it is; the message says why."""


class UnknownRating(ReuseRefused):
    """Another fact-checker's rating that no rating of ours is called: not guessed."""

    def __init__(self, rating_name: str, summary: str):
        self.rating_name, self.summary = rating_name, summary
        super().__init__(
            _(
                "No rating of ours is called “%(name)s”. Choose the rating yourself in the "
                "verdict form; nothing was changed."
            )
            % {"name": rating_name}
        )


# The workflow actions with which a user works on a claim towards a verdict.
_WORKING_ACTIONS = frozenset({"take", "start", "propose"})


def may_reuse(claim: Claim, user) -> bool:
    """Whether `user` may act on the claim's matches (reuse one, hide one): whoever may
    take the claim or propose its verdict, as the workflow's rules say now."""
    return bool(_WORKING_ACTIONS & workflow.available_actions(claim, user))


def rating_named(name: str) -> Rating | None:
    """The active rating whose label (German or English) or slug is `name`, whatever its
    case; None if there is none: another fact-checker's scale is not guessed at."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for rating in Rating.objects.filter(is_active=True):
        names = {rating.label_de, rating.label_en, rating.slug, rating.slug.replace("-", " ")}
        if wanted in {n.casefold() for n in names}:
            return rating
    return None


@dataclass(frozen=True)
class _Reuse:
    rating: Rating | None
    summary: str
    rationale: str
    citations: list[tuple[str, str, str]]  # (url, stance, excerpt)


def reuse_proposal(candidate: MatchCandidate) -> _Reuse:
    """What reusing the match proposes: its rating, a summary and what to cite."""
    entry = candidate.entry
    if entry.review_id:
        review = entry.review
        publisher = review.publisher_name or _("another fact-checker")
        return _Reuse(
            rating=rating_named(review.rating_name),
            summary=_("Already checked by %(publisher)s: %(rating)s (%(url)s)")
            % {"publisher": publisher, "rating": review.rating_name, "url": review.url},
            rationale=_("Reused from the fact-check of %(publisher)s.") % {"publisher": publisher},
            citations=[(review.url, Evidence.Stance.CONTEXT, review.claim_reviewed[:1000])],
        )
    verdict = (
        Verdict.objects.in_force()
        .filter(claim_id=entry.claim_id)
        .select_related("rating")
        .order_by("-published_at")
        .first()
    )
    if verdict is None:
        raise ReuseRefused(_("That claim has no published verdict to reuse."))
    evidence = Evidence.objects.filter(claim_id=entry.claim_id).select_related("source")
    return _Reuse(
        rating=verdict.rating,
        summary=verdict.summary,
        rationale=_("Reused from the published verdict of claim %(id)s.") % {"id": entry.claim_id},
        citations=[(e.source.url, e.stance, e.excerpt) for e in evidence.order_by("created_at")],
    )


def reuse_verdict(
    claim: Claim, candidate: MatchCandidate, *, by, expected_version: int | None
) -> Verdict:
    """Propose for `claim` the verdict of the earlier fact-check it repeats (`candidate`).

    Another fact-checker's review: its URL is cited (and archived) and its rating mapped
    to ours by name (UnknownRating if none is called so). The desk's own published claim:
    its rating and summary, and the sources of its verdict not cited here yet. A claim
    nobody has taken is taken first. The verdict then awaits an editor like any other
    (four eyes). All or nothing: a refusal (stale version included) changes nothing.
    """
    if candidate.claim_id != claim.pk or candidate.dismissed_at is not None:
        raise ReuseRefused(_("This match is no longer shown for this claim."))
    proposal = reuse_proposal(candidate)
    if proposal.rating is None:
        raise UnknownRating(candidate.entry.review.rating_name, proposal.summary)
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        version = claim.version
        actions = workflow.available_actions(claim, by)
        if "take" in actions:
            claim = workflow.take_claim(claim, by=by, expected_version=version)
        if claim.status == Claim.Status.ASSIGNED and claim.assignee_id == by.pk:
            # As the verdict form does: proposing starts the review.
            claim = workflow.start_review(claim, by=by, expected_version=claim.version)
        if "propose" not in workflow.available_actions(claim, by):
            # Refused before anything is cited (the workflow's words for it).
            raise ReuseRefused(
                _("Only the reviewer this claim is assigned to may work on it.")
                if claim.status in workflow.RULES["propose"].states
                else _("A claim that is %(status)s cannot be %(action)s.")
                % {"status": claim.get_status_display(), "action": _("given a verdict")}
            )
        cited = set(
            Evidence.objects.filter(claim=claim).values_list("source__normalized_url", flat=True)
        )
        for url, stance, excerpt in proposal.citations:
            try:
                if normalize_url(url) not in cited:
                    cite(claim, url, stance=stance, excerpt=excerpt, by=by)
            except SourceError as refused:
                raise ReuseRefused(str(refused)) from None
        return workflow.propose_verdict(
            claim,
            rating=proposal.rating,
            summary=proposal.summary,
            rationale=proposal.rationale,
            by=by,
            expected_version=claim.version,
        )
