"""The match index: desk claims and external reviews, found again by their signatures.

Each indexed item (a claim, an external review) is one MatchEntry holding its
signature (claims.extraction.matching.signature, computed once per text) and one
MatchKey per index key (matching.keys). Finding what a text may repeat never scans
every entry:

1. the query's keys; a key that more than COMMON_KEY entries share (a year, "percent",
   a frequent word) is skipped: it tells nothing about which entries to look at;
2. the entries sharing the most (IDF-weighted) rare keys, in one grouped query, at
   most CANDIDATES of them;
3. their stored signatures compared in Python (compare()), those at or above THRESHOLD kept.

Writes: index_claims / index_reviews (idempotent: an entry's keys are replaced),
match_claim (stores MatchCandidate rows, keeps dismissed ones dismissed),
dismiss_match; both send matching.signals.matches_changed on commit. Reads for the
API: match_text.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, FloatField, Q, Sum, Value, When
from django.utils import timezone

from claims.extraction.matching import (
    THRESHOLD,
    FigureValue,
    Match,
    Reason,
    Signature,
    compare,
    describe,
    keys,
    signature,
)
from claims.models import Claim, Verdict
from claims.signals import send_on_commit

from .models import ExternalClaimReview, MatchCandidate, MatchEntry, MatchKey
from .signals import matches_changed

# A key with this many postings or more is not discriminating and is skipped.
COMMON_KEY = 2000
# Entries compared in Python per query: the best ranked by shared rare keys.
CANDIDATES = 50
# The languages the signature reader knows; reviews in others are not indexed.
LANGUAGES = ("de", "en")
# What the signature reader reads; a stored signature of another version is read again
# when its claim or review is indexed next (manage.py match_claims indexes them all).
SIGNATURE_VERSION = 2
# MatchKey.key is CharField(120); a longer key (a long bigram) is cut, still stable.
KEY_LENGTH = 120


# --- signatures as stored ------------------------------------------------------------


def signature_to_dict(sig: Signature) -> dict:
    return {
        "version": SIGNATURE_VERSION,
        "language": sig.language,
        "figures": [[f.value, f.unit, f.noun, f.concept] for f in sig.figures],
        "dates": list(sig.dates),
        "persons": list(sig.persons),
        "actors": list(sig.actors),
        "names": sorted(sig.names),
        "words": list(sig.words),
        "directions": sorted(sig.directions),
        "roles": sorted(sig.roles),
        "measures": sorted(sig.measures),
        "places": sorted(sig.places),
    }


def signature_from_dict(data: dict) -> Signature:
    return Signature(
        language=data["language"],
        # A figure stored before counts had concepts has three fields.
        figures=tuple(FigureValue(*figure) for figure in data["figures"]),
        dates=tuple(data["dates"]),
        persons=tuple(data["persons"]),
        actors=tuple(data["actors"]),
        names=frozenset(data["names"]),
        words=tuple(data["words"]),
        # Stored by an older reader: read again by the next indexing (SIGNATURE_VERSION).
        directions=frozenset(data.get("directions", ())),
        roles=frozenset(data.get("roles", ())),
        measures=frozenset(data.get("measures", ())),
        places=frozenset(data.get("places", ())),
    )


def reasons_to_records(match: Match) -> list[dict]:
    return [{"kind": reason.kind, "value": reason.value} for reason in match.reasons]


def match_from_records(score: float, records: list[dict]) -> Match:
    return Match(score, tuple(Reason(r["kind"], r["value"]) for r in records))


def index_keys(sig: Signature) -> list[str]:
    return sorted({key[:KEY_LENGTH] for key in keys(sig)})


# --- indexing ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    owner: str  # "claim" or "review"
    owner_id: int
    text: str
    language: str
    published_at: object
    is_published: bool


def claim_text(claim: Claim) -> str:
    """What a claim is matched by: as checked (reviewed_text) if worded so, else as written."""
    return claim.reviewed_text or claim.text


def index_claims(claims: Iterable[Claim]) -> list[MatchEntry]:
    """Index (or re-index) desk claims; a claim whose text did not change keeps its keys."""
    claims = list(claims)
    published = set(
        Verdict.objects.in_force()
        .filter(claim__in=[c.pk for c in claims])
        .values_list("claim_id", flat=True)
    )
    items = [
        _Item(
            "claim",
            c.pk,
            claim_text(c),
            c.article.language,
            c.article.published_at,
            c.pk in published,
        )
        for c in claims
    ]
    return _index(items)


def index_claim(claim: Claim) -> MatchEntry:
    return index_claims([claim])[0]


def index_reviews(reviews: Iterable[ExternalClaimReview]) -> list[MatchEntry]:
    """Index (or re-index) external reviews; those in a language other than German or
    English are left out (the signature reader knows these two)."""
    items = [
        _Item(
            "review",
            r.pk,
            r.claim_reviewed,
            r.language,
            r.claim_date or r.review_date,
            True,
        )
        for r in reviews
        if r.language in LANGUAGES and r.claim_reviewed.strip()
    ]
    return _index(items)


def index_review(review: ExternalClaimReview) -> MatchEntry | None:
    entries = index_reviews([review])
    return entries[0] if entries else None


def _index(items: Sequence[_Item]) -> list[MatchEntry]:
    if not items:
        return []
    lookup = Q()
    for owner in ("claim", "review"):
        ids = [i.owner_id for i in items if i.owner == owner]
        if ids:
            lookup |= Q(**{f"{owner}_id__in": ids})
    existing = {
        (("claim", e.claim_id) if e.claim_id else ("review", e.review_id)): e
        for e in MatchEntry.objects.filter(lookup)
    }
    # Reading signatures runs the engine: outside any transaction, no lock held meanwhile.
    read = {}
    for item in items:
        stored = existing.get((item.owner, item.owner_id))
        if (
            stored is None
            or stored.text != item.text
            or stored.language != item.language
            or stored.signature.get("version") != SIGNATURE_VERSION
        ):
            sig = signature(item.text, item.language, published_at=item.published_at)
            read[(item.owner, item.owner_id)] = sig
    with transaction.atomic():
        entries, rekeyed = [], []
        for item in items:
            key = (item.owner, item.owner_id)
            entry = existing.get(key) or MatchEntry(**{f"{item.owner}_id": item.owner_id})
            entry.is_published = item.is_published
            if key in read:
                entry.text, entry.language = item.text, item.language
                entry.signature = signature_to_dict(read[key])
                rekeyed.append(entry)
            entries.append(entry)
        new = [e for e in entries if e.pk is None]
        old = [e for e in entries if e.pk is not None]
        # A redelivered task may index the same item at once: the first one wins, the
        # second finds it on its next run (the unique owner columns).
        MatchEntry.objects.bulk_create(new, ignore_conflicts=True)
        _refetch_ids(new)
        now = timezone.now()
        for entry in old:
            entry.indexed_at = now
        MatchEntry.objects.bulk_update(
            old, ["is_published", "text", "language", "signature", "indexed_at"]
        )
        rekeyed = [e for e in rekeyed if e.pk is not None]
        MatchKey.objects.filter(entry__in=[e.pk for e in rekeyed]).delete()
        MatchKey.objects.bulk_create(
            MatchKey(entry_id=e.pk, key=k)
            for e in rekeyed
            for k in index_keys(signature_from_dict(e.signature))
        )
    return [e for e in entries if e.pk is not None]


def _refetch_ids(entries: list[MatchEntry]) -> None:
    """Primary keys of freshly inserted entries (bulk_create with ignore_conflicts does
    not return them on every database); an entry that lost a race keeps pk None."""
    if not entries:
        return
    claims = {e.claim_id: e for e in entries if e.claim_id}
    reviews = {e.review_id: e for e in entries if e.review_id}
    found = MatchEntry.objects.filter(
        Q(claim_id__in=list(claims)) | Q(review_id__in=list(reviews))
    ).values_list("pk", "claim_id", "review_id")
    for pk, claim_id, review_id in found:
        entry = claims.get(claim_id) if claim_id else reviews.get(review_id)
        if entry is not None:
            entry.pk = pk


# --- finding candidates --------------------------------------------------------------


def _rare_keys(query_keys: list[str]) -> dict[str, int]:
    """{key: postings} of the keys shared by fewer than COMMON_KEY entries (a capped count
    each: an index range scan that stops at COMMON_KEY rows)."""
    counts = {}
    for key in query_keys:
        postings = MatchKey.objects.filter(key=key)[:COMMON_KEY].count()
        if 0 < postings < COMMON_KEY:
            counts[key] = postings
    return counts


def find_candidates(
    sig: Signature,
    *,
    published_only: bool = False,
    exclude: Q | None = None,
    limit: int = CANDIDATES,
) -> list[MatchEntry]:
    """The entries sharing the most rare keys with `sig` (IDF-weighted), best first."""
    rare = _rare_keys(index_keys(sig))
    if not rare:
        return []
    # IDF on the capped scale: a key found once weighs about 7.6, one found 1,999 times 0.
    weight = Case(
        *[When(key=key, then=Value(math.log(COMMON_KEY / n))) for key, n in rare.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    postings = MatchKey.objects.filter(key__in=list(rare))
    if published_only:
        postings = postings.filter(entry__is_published=True)
    if exclude is not None:
        postings = postings.exclude(exclude)
    ranked = list(
        postings.values("entry_id")
        .annotate(weight=Sum(weight))
        .order_by("-weight", "entry_id")
        .values_list("entry_id", flat=True)[:limit]
    )
    entries = MatchEntry.objects.in_bulk(ranked)
    return [entries[pk] for pk in ranked if pk in entries]


def best_entries(
    sig: Signature, entries: Iterable[MatchEntry], limit: int | None = None
) -> list[tuple[MatchEntry, Match]]:
    """The entries matching `sig` at or above THRESHOLD, best first."""
    scored = []
    for entry in entries:
        match = compare(sig, signature_from_dict(entry.signature))
        if match.score >= THRESHOLD:
            scored.append((entry, match))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].pk))
    return scored[:limit] if limit else scored


# --- stored matches of desk claims ---------------------------------------------------


def match_claim(claim: Claim, *, announce: bool = True) -> list[MatchCandidate]:
    """Store the claim's matches (refreshing scores and reasons); a match that no longer
    holds is removed unless it was dismissed: "Not the same claim" is remembered.
    `announce=False` leaves matches_changed to the caller (one signal per article)."""
    entry = MatchEntry.objects.filter(claim=claim).first() or index_claim(claim)
    sig = signature_from_dict(entry.signature)
    # Never itself, nor another claim of its own article (the same quote split in parts).
    exclude = Q(entry_id=entry.pk) | Q(entry__claim__article_id=claim.article_id)
    found = best_entries(sig, find_candidates(sig, exclude=exclude))
    with transaction.atomic():
        MatchCandidate.objects.filter(claim=claim, dismissed_at__isnull=True).exclude(
            entry_id__in=[e.pk for e, _ in found]
        ).delete()
        MatchCandidate.objects.bulk_create(
            [
                MatchCandidate(claim=claim, entry=e, score=m.score, reasons=reasons_to_records(m))
                for e, m in found
            ],
            update_conflicts=True,
            unique_fields=["claim", "entry"],
            update_fields=["score", "reasons", "updated_at"],
        )
        # The desk's count of matched claims is cached: it listens (matching.signals).
        if announce:
            send_on_commit(matches_changed, MatchCandidate, claim_ids=(claim.pk,))
    return list(MatchCandidate.objects.filter(claim=claim, dismissed_at__isnull=True))


def match_article(article_id: int) -> int:
    """Index the article's claims and store their matches; how many matches are in store."""
    claims = list(Claim.objects.filter(article_id=article_id).select_related("article"))
    index_claims(claims)
    stored = sum(len(match_claim(claim, announce=False)) for claim in claims)
    if claims:
        ids = tuple(claim.pk for claim in claims)
        send_on_commit(matches_changed, MatchCandidate, claim_ids=ids)
    return stored


def dismiss_match(candidate: MatchCandidate, by) -> MatchCandidate:
    """ "Not the same claim": hidden, and kept hidden when the claim is matched again."""
    if candidate.dismissed_at is None:
        candidate.dismissed_at = timezone.now()
        candidate.dismissed_by = by
        candidate.save(update_fields=["dismissed_at", "dismissed_by", "updated_at"])
        send_on_commit(matches_changed, MatchCandidate, claim_ids=(candidate.claim_id,))
    return candidate


# --- matching a text (the API) -------------------------------------------------------


@dataclass(frozen=True)
class TextMatch:
    score: float
    reasons: list[dict]
    reasons_text: str
    source: str  # "desk" or "external"
    text: str  # the claim as reviewed
    rating: str
    url: str  # an external review's address; "" for the desk's (publishing knows its own)
    publisher: str
    claim_id: int | None  # the desk's claim


def review_fields(review: ExternalClaimReview) -> dict:
    """What a match shows of another fact-checker's review."""
    return {
        "text": review.claim_reviewed,
        "rating": review.rating_name,
        "url": review.url,
        "publisher": review.publisher_name,
        "claim_id": None,
    }


def match_text(text: str, language: str, limit: int = 5) -> list[TextMatch]:
    """Published verdicts (the desk's in force, external reviews) matching `text`, best first."""
    sig = signature(text, language)
    found = best_entries(sig, find_candidates(sig, published_only=True), limit)
    if not found:
        return []
    ids = [e.pk for e, _ in found]
    entries = MatchEntry.objects.select_related("claim", "review").in_bulk(ids)
    verdicts = {
        v.claim_id: v
        for v in Verdict.objects.in_force()
        .filter(claim__match_entry__in=ids)
        .select_related("rating")
        .order_by("published_at")
    }
    results = []
    for stub, match in found:
        entry = entries[stub.pk]
        common = {
            "score": match.score,
            "reasons": reasons_to_records(match),
            "reasons_text": describe(match, language),
        }
        if entry.review_id:
            results.append(TextMatch(**common, source="external", **review_fields(entry.review)))
        else:
            verdict = verdicts.get(entry.claim_id)
            if verdict is None:  # withdrawn since the entry was read
                continue
            results.append(
                TextMatch(
                    **common,
                    source="desk",
                    text=claim_text(entry.claim),
                    rating=verdict.rating.alternate_name(language),
                    url="",
                    publisher="",
                    claim_id=entry.claim_id,
                )
            )
    return results
