"""Reads for the reviewer UI: each function is a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Article, Claim, ClaimNote, Notification, Rating, Verdict
from claims.promotion import OtherSentence
from claims.selectors import claim_rows
from sources.models import Evidence, Source

from . import history

Status = Claim.Status
WORKING = [Status.ASSIGNED, Status.IN_REVIEW]


@dataclass
class Dashboard:
    my_queue: list
    awaiting_my_approval: list
    recently_published: list
    by_status: list  # (value, label, count)
    by_rating: list  # (rating, count)
    problem_sources: list
    notifications: list


def dashboard(user, *, is_editor: bool, limit: int = 10) -> Dashboard:
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_status = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    rating_counts = dict(
        Verdict.objects.in_force().values_list("rating").annotate(n=Count("id")).order_by()
    )
    by_rating = [(rating, rating_counts.get(rating.pk, 0)) for rating in Rating.objects.all()]
    awaiting = []
    if is_editor:
        own_draft = Verdict.objects.drafts().filter(claim=OuterRef("pk"), author=user)
        awaiting = list(
            claim_rows()
            .filter(status=Status.AWAITING_APPROVAL)
            .exclude(Exists(own_draft))
            .order_by("updated_at")[:limit]
        )
    return Dashboard(
        my_queue=list(
            claim_rows()
            .filter(assignee=user, status__in=WORKING)
            .order_by("-checkworthiness")[:limit]
        ),
        awaiting_my_approval=awaiting,
        recently_published=list(
            claim_rows().filter(status=Status.PUBLISHED).order_by("-updated_at")[:limit]
        ),
        by_status=by_status,
        by_rating=by_rating,
        problem_sources=list(
            Source.objects.filter(
                Q(status__in=[Source.Status.FAILED, Source.Status.GONE])
                | Q(changed_at__isnull=False, evidence__claim__status=Status.PUBLISHED)
            )
            .distinct()
            .order_by("-updated_at")[:limit]
        ),
        notifications=list(
            Notification.objects.filter(recipient=user, read_at__isnull=True).select_related(
                "claim"
            )[:limit]
        ),
    )


def unassigned_queue(user, *, language: str = "", my_articles: bool = False):
    """Claims nobody has taken, most check-worthy first; `my_articles`: only articles
    in which `user` has (or had) a claim assigned."""
    queue = claim_rows().filter(status=Status.NEW, assignee__isnull=True, is_anchored=True)
    if language:
        queue = queue.filter(article__language=language)
    if my_articles:
        worked_on = Claim.objects.filter(article=OuterRef("article_id"), assignee=user)
        queue = queue.filter(Exists(worked_on))
    return queue.order_by("-checkworthiness", "id")


def article_with_claims(article_id: int) -> Article:
    claims = Claim.objects.select_related("assignee").order_by("start", "id")
    return Article.objects.prefetch_related(Prefetch("claims", queryset=claims)).get(pk=article_id)


@dataclass(frozen=True)
class Level:
    """A band of check-worthiness, drawn as one strength of highlight."""

    number: int
    lowest: float
    highest: float | None  # exclusive; None: up to 1 inclusive
    label: str


# Strongest first. Fixed bands rather than ones relative to the model's threshold: the
# same score looks the same on every article, whichever model version scored it.
LEVELS = (
    Level(4, 0.9, None, gettext_lazy("very high")),
    Level(3, 0.7, 0.9, gettext_lazy("high")),
    Level(2, 0.5, 0.7, gettext_lazy("medium")),
    Level(1, 0.0, 0.5, gettext_lazy("low")),
)


def checkworthiness_level(score: float) -> Level:
    return next((level for level in LEVELS if score >= level.lowest), LEVELS[-1])


@dataclass(frozen=True)
class Segment:
    """A piece of an article's body: a claim, an other sentence, or plain text."""

    text: str
    claim: Claim | None = None
    sentence: OtherSentence | None = None
    level: Level | None = None


def highlighted_segments(article: Article, other_sentences=()) -> list[Segment]:
    """The body cut into segments in order; where claims or sentences overlap, the first
    to start (a claim before a sentence at the same place) keeps the text."""
    spans = [
        (claim.start, 0, claim.id, claim.end, claim, None)
        for claim in article.claims.all()
        if claim.is_anchored
    ]
    spans += [(s.start, 1, 0, s.end, None, s) for s in other_sentences]
    segments, position = [], 0
    for start, _rank, _id, end, claim, sentence in sorted(spans, key=lambda span: span[:3]):
        if start < position or end > len(article.body) or end <= start:
            continue
        if start > position:
            segments.append(Segment(article.body[position:start]))
        level = checkworthiness_level((claim or sentence).checkworthiness)
        segments.append(Segment(article.body[start:end], claim, sentence, level))
        position = end
    segments.append(Segment(article.body[position:]))
    return segments


@dataclass(frozen=True)
class RankedClaim:
    claim: Claim
    level: Level


def ranked_claims(article: Article) -> list[RankedClaim]:
    """The article's claims, most check-worthy first; those no longer in the text last."""
    claims = sorted(
        article.claims.all(), key=lambda c: (not c.is_anchored, -c.checkworthiness, c.start, c.id)
    )
    return [RankedClaim(claim, checkworthiness_level(claim.checkworthiness)) for claim in claims]


def claim_workspace(claim_id: int) -> Claim:
    evidence = Evidence.objects.select_related("source", "added_by", "located_capture").order_by(
        "created_at"
    )
    verdicts = Verdict.objects.select_related("rating", "author", "approver").order_by(
        "-created_at"
    )
    return (
        Claim.objects.select_related("article", "assignee")
        .prefetch_related(
            Prefetch("evidence", queryset=evidence),
            Prefetch("verdicts", queryset=verdicts),
            Prefetch("notes", queryset=_notes()),
        )
        .get(pk=claim_id)
    )


def _notes():
    return ClaimNote.objects.select_related("author")


def timeline(claim: Claim, limit: int = 50) -> list[dict]:
    """What happened to a claim, its verdicts and evidence, newest first, as sentences."""
    entries = []
    records = list(
        claim.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    for record, older in zip(records, [*records[1:], None], strict=True):
        entries.append(_entry(record, "claim", changed=_changed_fields(record, older)))
    verdict_history = Verdict.history.filter(claim_id=claim.pk).select_related(
        "history_user", "rating"
    )
    for record in verdict_history.order_by("-history_date")[:limit]:
        entries.append(_entry(record, "verdict", rating=str(record.rating)))
    evidence_history = Evidence.history.filter(claim_id=claim.pk).select_related("history_user")
    for record in evidence_history.order_by("-history_date")[:limit]:
        entries.append(_entry(record, "evidence"))
    return sorted(entries, key=lambda e: e["when"], reverse=True)[:limit]


# Bookkeeping that changes with every write: not worth a line in the history.
_QUIET_FIELDS = {"version", "updated_at"}


def _changed_fields(record, older) -> list[str]:
    if older is None or record.history_type != "~":
        return []
    delta = record.diff_against(older, excluded_fields=_QUIET_FIELDS)
    return [str(Claim._meta.get_field(change.field).verbose_name) for change in delta.changes]


def _entry(record, what: str, rating: str = "", changed=()) -> dict:
    who = record.history_user.get_username() if record.history_user else ""
    reason = record.history_change_reason or ""
    text = history.sentence(
        what=what, reason=reason, who=who, kind=record.history_type, rating=rating
    )
    if changed and not reason:
        text = _("%(who)s changed %(fields)s") % {
            "who": who or _("The system"),
            "fields": ", ".join(changed),
        }
    return {
        "when": record.history_date,
        "who": who,
        "what": what,
        "type": record.history_type,
        "reason": reason,
        "text": text,
    }
