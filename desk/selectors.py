"""Reads for the reviewer UI: each function is a fixed number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Article, Claim, ClaimKind, ClaimNote, Notification, Rating, Verdict
from claims.promotion import OtherSentence
from claims.selectors import claim_rows
from matching.models import MatchCandidate
from matching.selectors import count_claims_matching_published
from sources.models import Evidence, Source

from . import counts_cache, history

Status = Claim.Status
WORKING = [Status.ASSIGNED, Status.IN_REVIEW]


def labelled(claims):
    """The claims (already loaded), each given `kind_label` and `status_label`: the
    words for its kind and status in the active language, for the pages that list them.

    Claim.get_kind_display() and get_status_display() translate every choice of the
    field on each call (Django hashes the lazy labels to look one up); on a page of
    fifty claims that was a fifth of the rendering time.
    """
    kinds = {value: str(label) for value, label in ClaimKind.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    for claim in claims:
        claim.kind_label = kinds.get(claim.kind, claim.kind)
        claim.status_label = statuses.get(claim.status, claim.status)
    return claims


@dataclass
class Dashboard:
    my_queue: list
    awaiting_my_approval: list
    recently_published: list
    by_status: list  # (value, label, count)
    by_rating: list  # (rating, count)
    unassigned: int  # claims in the unassigned queue, unfiltered
    matching_published: int  # claims with a match (not dismissed) to a published verdict
    problem_sources: list
    notifications: list


def claim_counts() -> dict:
    """{"by_status": {status: n}, "by_rating": {rating id: verdicts in force},
    "unassigned": n, "matching_published": n}: the dashboard's counts over all claims,
    from the cache when no claim, verdict, article or stored match has changed since
    they were counted (desk.receivers).

    Counting reads every claim (with 100,000 of them, a quarter of the dashboard's
    server time), and the dashboard is the page looked at most.
    """
    key = counts_cache.key()
    counts = cache.get(key)
    # An entry cached before a count was added lacks it: counted again.
    if counts is None or "matching_published" not in counts:
        counts = {
            "by_status": dict(
                Claim.objects.values_list("status").annotate(n=Count("*")).order_by()
            ),
            "by_rating": dict(
                Verdict.objects.in_force().values_list("rating").annotate(n=Count("*")).order_by()
            ),
            "unassigned": _unassigned().count(),
            "matching_published": count_claims_matching_published(),
        }
        cache.set(key, counts, counts_cache.TIMEOUT)
    return counts


def dashboard(user, *, is_editor: bool, limit: int = 10) -> Dashboard:
    counts = claim_counts()
    by_status = [
        (value, label, counts["by_status"].get(value, 0)) for value, label in Status.choices
    ]
    by_rating = [(rating, counts["by_rating"].get(rating.pk, 0)) for rating in Rating.objects.all()]
    awaiting = []
    if is_editor:
        own_draft = Verdict.objects.drafts().filter(claim=OuterRef("pk"), author=user)
        awaiting = labelled(
            list(
                claim_rows()
                .filter(status=Status.AWAITING_APPROVAL)
                .exclude(Exists(own_draft))
                .order_by("updated_at")[:limit]
            )
        )
    return Dashboard(
        my_queue=labelled(
            list(
                claim_rows()
                .filter(assignee=user, status__in=WORKING)
                .order_by("-checkworthiness")[:limit]
            )
        ),
        awaiting_my_approval=awaiting,
        recently_published=labelled(
            list(claim_rows().filter(status=Status.PUBLISHED).order_by("-updated_at")[:limit])
        ),
        by_status=by_status,
        by_rating=by_rating,
        unassigned=counts["unassigned"],
        matching_published=counts["matching_published"],
        problem_sources=problem_sources(limit),
        notifications=list(
            Notification.objects.filter(recipient=user, read_at__isnull=True).select_related(
                "claim"
            )[:limit]
        ),
    )


def problem_sources(limit: int) -> list:
    """Sources that failed or went away, and changed ones cited for a published claim."""
    # Whether a changed source is cited for a published claim is asked source by source
    # (a subquery in the SELECT runs for the changed ones only). Joined, with DISTINCT
    # or as a semi-join, PostgreSQL read all the evidence and its claims to show ten
    # sources; as a filter, it expected so much work that it compiled the query first.
    citation = (
        Evidence.objects.filter(source=OuterRef("pk"), claim__status=Status.PUBLISHED)
        .order_by()
        .values("pk")[:1]
    )
    changed = (
        Source.objects.filter(changed_at__isnull=False)
        .order_by()
        .annotate(citation=Subquery(citation))
    )
    cited = [pk for pk, citation in changed.values_list("pk", "citation") if citation]
    return list(
        Source.objects.filter(
            Q(status__in=[Source.Status.FAILED, Source.Status.GONE]) | Q(pk__in=cited)
        ).order_by("-updated_at")[:limit]
    )


def unassigned_queue(user, *, language: str = "", my_articles: bool = False):
    """Claims nobody has taken, most check-worthy first; `my_articles`: only articles
    in which `user` has (or had) a claim assigned."""
    queue = _unassigned()
    if language:
        queue = queue.filter(article__language=language)
    if my_articles:
        worked_on = Claim.objects.filter(article=OuterRef("article_id"), assignee=user)
        queue = queue.filter(Exists(worked_on))
    return queue.order_by("-checkworthiness", "id")


def claim_page(
    claims, number, per_page: int, *, count: int | None = None, count_up_to: int | None = None
) -> Page:
    """One page of a claim list (claims.selectors.claim_rows(), ordered), numbered as
    Paginator.get_page numbers them, its claims labelled.

    The page's claims are chosen on the claims table alone and only those are loaded
    with their articles and assignees: joining every match before sorting cost more
    than the extra query. `count`: how many claims there are, when already known.
    With `count_up_to`, the ids of the first that many claims (and one more) are read
    in order instead of counting every match: finding one page's claims sorts all the
    matches anyway, so reading the first thousand costs about what reading fifty does,
    while counting thousands of matches (a common word) cost as much again. The
    paginator then says `more` when there are more, and pages reach only that far.
    """
    more, first_ids = False, None
    if count is None and count_up_to is None:
        count = claims.count()
    elif count is None:
        first_ids = list(claims.values_list("pk", flat=True)[: count_up_to + 1])
        count, more = min(len(first_ids), count_up_to), len(first_ids) > count_up_to
    paginator = _CountedPaginator(claims, per_page, count=count, more=more)
    try:
        number = paginator.validate_number(number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    bottom = (number - 1) * per_page
    if first_ids is not None:
        ids = first_ids[bottom : min(bottom + per_page, count)]
    else:
        ids = list(claims.values_list("pk", flat=True)[bottom : bottom + per_page])
    rows = claims.order_by().in_bulk(ids)
    # A claim changed or deleted since its id was read is left out.
    return Page(labelled([rows[pk] for pk in ids if pk in rows]), number, paginator)


class _CountedPaginator(Paginator):
    """A paginator told its count; `more`: there are more objects than that."""

    def __init__(self, object_list, per_page, *, count: int, more: bool):
        super().__init__(object_list, per_page)
        self.count = count  # instead of the cached property's COUNT query
        self.more = more


def _unassigned():
    return claim_rows().filter(status=Status.NEW, assignee__isnull=True, is_anchored=True)


def claims_with_matches(article: Article) -> set[int]:
    """The ids of the article's claims that have a match not dismissed (one query)."""
    return set(
        MatchCandidate.objects.filter(claim__article=article, dismissed_at__isnull=True)
        .order_by()
        .values_list("claim_id", flat=True)
        .distinct()
    )


def article_with_claims(article_id: int) -> Article:
    """The article with its claims (labelled) and their assignees."""
    claims = Claim.objects.select_related("assignee").order_by("start", "id")
    article = Article.objects.prefetch_related(Prefetch("claims", queryset=claims)).get(
        pk=article_id
    )
    labelled(article.claims.all())
    return article


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
