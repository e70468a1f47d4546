"""Writes to articles and their claims (the workflow of a claim is in workflow.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import promotion, roles, signals
from .exceptions import ClaimEditError as ClaimEditError  # the views catch it as services'
from .extracted import ENGINE_FIELDS, claim_fields
from .extraction import ExtractedClaim, detect_language, extract_claims
from .html import relocate_links
from .locking import lock_claim, lock_claims
from .models import Article, Claim, ClaimNote
from .ranking import active_model
from .text import normalize_body, normalize_text


@dataclass(frozen=True)
class ExtractionSummary:
    created: int = 0
    kept: int = 0
    moved: int = 0
    unanchored: int = 0

    def __str__(self):
        return (
            f"{self.created} new, {self.kept} kept, {self.moved} re-anchored, "
            f"{self.unanchored} no longer in the text"
        )


def save_article(article: Article, *, by=None) -> ExtractionSummary | None:
    """Save a new or edited article; a new body is extracted and its claims re-anchored.

    Every way in (admin, API, commands, fetching) comes here, and the body is stored
    normalized (claims.text.normalize_body: LF line breaks, NFC, no trailing
    whitespace), so that claim offsets count what a browser counts.

    The article's own links (Article.links) are kept on their text: see
    claims.html.relocate_links.

    Returns what happened to the claims, or None when the body did not change.
    """
    article.body = normalize_body(article.body)
    if not article.language:
        article.language = detect_language(article.body)
    if article.links:
        # Links of an earlier text (the body edited in the admin, or sent again as plain
        # text) that no longer stand at their offsets are found again by their text, or go.
        article.links = relocate_links(article.links, article.body)
    with transaction.atomic():
        if article.pk is None:
            article.save()
            return extract_and_reanchor_claims(article, by=by)
        stored_body = Article.objects.filter(pk=article.pk).values_list("body", flat=True).get()
        if stored_body == article.body:
            article.save()
            return None
        if stored_body:  # a first text (fetched from a URL) is not a new revision
            article.revision += 1
        article.save()
        return extract_and_reanchor_claims(article, by=by)


@transaction.atomic
def extract_and_reanchor_claims(article: Article, *, by=None) -> ExtractionSummary:
    """Extract the article's claims and reconcile them with the stored ones.

    A stored claim whose text is still in the body is moved to an occurrence of
    it (see _reanchor) and keeps its reviewer work, sources and verdicts; one
    whose text is gone is marked as no longer anchored. Extracted claims that no
    stored claim covers are added.
    """
    published = article.published_at.date() if article.published_at else None
    model = active_model()
    # Every candidate at once: those at or above the threshold are the claims, and the
    # rest are the article's other sentences, kept so that listing them costs nothing.
    candidates = extract_claims(
        article.body,
        article.language,
        published,
        max_chars=settings.EXTRACTION_MAX_CHARS,
        model=model,
        min_checkworthiness=0,
    )
    extracted = [c for c in candidates if c.checkworthiness >= model.threshold]
    stored = list(Claim.objects.select_for_update().filter(article=article))
    positions = _reanchor(article.body, stored)
    kept = moved = unanchored = 0
    changed = []
    for claim in stored:
        position = positions.get(claim.pk)
        if position is None:
            unanchored += claim.is_anchored
            if claim.is_anchored:
                claim.is_anchored = False
                changed.append(claim)
            continue
        if position == claim.start and claim.is_anchored:
            kept += 1
            continue
        moved += 1
        claim.start, claim.end, claim.is_anchored = (
            position,
            position + len(normalize_text(claim.text)),
            True,
        )
        changed.append(claim)

    anchored = [c for c in stored if c.is_anchored]
    by_span = {(c.start, c.end): c for c in anchored}
    new_claims = []
    for found in extracted:
        same = by_span.get((found.start, found.end))
        if same is not None:
            if same.status == Claim.Status.NEW and _refresh(same, found):
                changed.append(same)
            continue
        if any(c.start < found.end and found.start < c.end for c in anchored):
            continue  # a stored claim already covers this text
        new_claims.append(_claim(article, found))

    for claim in _unique(changed):
        claim.version += 1
    if changed:
        bulk_update_with_history(
            _unique(changed),
            Claim,
            ["start", "end", "is_anchored", "version", *ENGINE_FIELDS],
            default_user=by,
            default_change_reason=f"re-extracted (revision {article.revision})",
        )
    if new_claims:
        bulk_create_with_history(new_claims, Claim, default_user=by)
    promotion.remember_candidates(article, model, candidates)
    summary = ExtractionSummary(len(new_claims), kept, moved, unanchored)
    # Bulk writes send no model signal: announce what changed here.
    signals.send_on_commit(signals.article_changed, Article, article_id=article.pk)
    signals.send_on_commit(signals.article_extracted, Article, article=article, summary=summary)
    return summary


def _claim(article: Article, found: ExtractedClaim) -> Claim:
    return Claim(
        article=article, text=found.text, start=found.start, end=found.end, **claim_fields(found)
    )


def _refresh(claim: Claim, found: ExtractedClaim) -> bool:
    fields = claim_fields(found)
    if all(getattr(claim, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(claim, name, value)
    return True


def _reanchor(body: str, claims: list[Claim]) -> dict[int, int]:
    """Where each claim's text is now: claim id -> start, for the claims still in the body.

    Claims with the same text share its occurrences one to one, never two on one
    span, and keep their order: the first of two claims on a repeated sentence
    stays on the first occurrence however far the text moved. When there are
    fewer occurrences than claims, the ones left without are no longer anchored.
    """
    by_text: dict[str, list[Claim]] = {}
    for claim in claims:
        # A published claim keeps its words as published, line breaks included; it
        # stands where its normalized form stands in the (normalized) body.
        by_text.setdefault(normalize_text(claim.text), []).append(claim)
    positions = {}
    for text, same in by_text.items():
        same.sort(key=lambda claim: (claim.start, claim.pk))
        found = _occurrences(body, text)
        for claim, position in zip(same, _align([c.start for c in same], found), strict=True):
            if position is not None:
                positions[claim.pk] = position
    return positions


def _occurrences(body: str, text: str) -> list[int]:
    found = []
    position = body.find(text) if text else -1
    while position != -1:
        found.append(position)
        position = body.find(text, position + 1)
    return found


def _align(starts: list[int], found: list[int]) -> list[int | None]:
    """An order-keeping one-to-one match of old starts to occurrences.

    As many claims as possible get an occurrence; among those matchings, the one
    that moves the claims least in total. Dynamic programming over
    (claims, occurrences); both lists are sorted.
    """
    if not found:
        return [None] * len(starts)
    if len(starts) == 1:
        return [min(found, key=lambda position: abs(position - starts[0]))]
    # Leaving a claim without an occurrence costs more than any possible move.
    unmatched = (max(max(starts), max(found)) + 1) * (len(starts) + 1)
    n, m = len(starts), len(found)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = i * unmatched
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + abs(found[j - 1] - starts[i - 1]),  # claim i on occurrence j
                cost[i - 1][j] + unmatched,  # claim i left without
                cost[i][j - 1],  # occurrence j left free
            )
    result: list[int | None] = [None] * n
    i, j = n, m
    while i > 0:
        if j > 0 and cost[i][j] == cost[i][j - 1]:
            j -= 1
        elif j > 0 and cost[i][j] == cost[i - 1][j - 1] + abs(found[j - 1] - starts[i - 1]):
            result[i - 1] = found[j - 1]
            i, j = i - 1, j - 1
        else:
            i -= 1
    return result


def _unique(claims: list[Claim]) -> list[Claim]:
    return list({claim.pk: claim for claim in claims}.values())


EDITABLE_BY_HAND = {Claim.Status.NEW, Claim.Status.ASSIGNED, Claim.Status.IN_REVIEW}


def add_claim(article: Article, *, start: int, end: int, by) -> Claim:
    """A claim a reviewer marked by hand; figures and dates are read from its text."""
    text = article.body[start:end] if 0 <= start < end <= len(article.body) else ""
    stripped = text.strip()
    if not stripped:
        raise ClaimEditError(_("Select some text of the article to make it a claim."))
    start += len(text) - len(text.lstrip())
    end = start + len(stripped)
    if article.claims.filter(start=start, end=end).exists():
        raise ClaimEditError(_("This text is already a claim."))
    claim = Claim(article=article, text=stripped, start=start, end=end, origin=Claim.Origin.MANUAL)
    found = extract_claims(stripped, article.language, min_checkworthiness=0, model=active_model())
    if found:
        fields = claim_fields(found[0])
        fields["figures"] = [f.to_dict() for c in found for f in c.figures]
        fields["dates"] = [d.to_dict() for c in found for d in c.dates]
        for name, value in fields.items():
            setattr(claim, name, value)
    claim._history_user = by
    claim._change_reason = "added by hand"
    claim.save()
    return claim


def split_claim(claim: Claim, *, at: int, by, expected_version: int) -> tuple[Claim, Claim]:
    """Cut a claim in two at `at` characters into its text (neither part may be empty)."""
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_editable(claim)
        _check_may_edit(claim, by)
        left, right = claim.text[:at].rstrip(), claim.text[at:].lstrip()
        if not left or not right:
            raise ClaimEditError(_("Both parts of a split claim need some text."))
        right_start = claim.start + len(claim.text) - len(right)
        new = Claim(
            article=claim.article,
            text=right,
            start=right_start,
            end=right_start + len(right),
            origin=Claim.Origin.MANUAL,
            kind=claim.kind,
            speaker_name=claim.speaker_name,
            speaker_role=claim.speaker_role,
            attribution=claim.attribution,
        )
        new._history_user, new._change_reason = by, f"split from claim {claim.pk}"
        new.save()
        claim.text, claim.end = left, claim.start + len(left)
        claim.version += 1
        claim._history_user, claim._change_reason = by, f"split, second part is claim {new.pk}"
        claim.save()
        return claim, new


def merge_claims(
    first: Claim, second: Claim, *, by, expected_version: int, other_version: int
) -> Claim:
    """Join two neighbouring claims of one article into the earlier one; the later goes.

    Both must be claims `by` may edit, next to each other (no claim between them), and
    still at the versions the user saw (`expected_version` for `first`,
    `other_version` for `second`); otherwise nothing changes.
    """
    with transaction.atomic():
        locked = lock_claims({first.pk: expected_version, second.pk: other_version})
        if len(locked) != 2 or locked[first.pk].article_id != locked[second.pk].article_id:
            raise ClaimEditError(_("Only two claims of the same article can be merged."))
        keep, drop = sorted(locked.values(), key=lambda claim: claim.start)
        for claim in (keep, drop):
            _check_editable(claim)
            _check_may_edit(claim, by)
        if not (keep.is_anchored and drop.is_anchored) or _claims_between(keep, drop):
            raise ClaimEditError(
                _("Only neighbouring claims can be merged; another claim stands between them.")
            )
        if drop.evidence.exists() or drop.verdicts.exists():
            raise ClaimEditError(
                _("The second claim has sources or a verdict; it cannot be merged away.")
            )
        body = keep.article.body
        keep.end = max(keep.end, drop.end)
        keep.text = body[keep.start : keep.end]
        keep.version += 1
        keep._history_user, keep._change_reason = by, f"merged with claim {drop.pk}"
        keep.save()
        drop._history_user, drop._change_reason = by, f"merged into claim {keep.pk}"
        drop.delete()
        return keep


def neighbours(claim: Claim) -> tuple[Claim | None, Claim | None]:
    """The anchored claims just before and just after `claim` in its article."""
    others = Claim.objects.filter(article_id=claim.article_id, is_anchored=True).exclude(
        pk=claim.pk
    )
    before = others.filter(end__lte=claim.start).order_by("-start").first()
    after = others.filter(start__gte=claim.end).order_by("start").first()
    return before, after


def _claims_between(first: Claim, second: Claim) -> bool:
    return (
        Claim.objects.filter(
            article_id=first.article_id,
            is_anchored=True,
            start__lt=second.start,
            end__gt=first.end,
        )
        .exclude(pk__in=[first.pk, second.pk])
        .exists()
    )


def may_edit_text(claim: Claim, user) -> bool:
    """Whether `user` may split, merge or otherwise change the claim's text now."""
    try:
        _check_editable(claim)
        _check_may_edit(claim, user)
    except ClaimEditError:
        return False
    return True


def _check_may_edit(claim: Claim, by):
    # A claim assigned to someone else is theirs to change (editors may change any).
    if claim.assignee_id not in (None, by.pk) and not roles.may_approve(by):
        raise ClaimEditError(
            _("Claim %(id)s is assigned to someone else; only they or an editor may change it.")
            % {"id": claim.pk}
        )


def _check_editable(claim: Claim):
    # Uses the claim's prefetched verdicts if there are any.
    if claim.status not in EDITABLE_BY_HAND or len(claim.verdicts.all()):
        raise ClaimEditError(
            _("Only claims without a verdict, not yet awaiting approval, can be changed.")
        )


def add_note(claim: Claim, *, text: str, by):
    text = (text or "").strip()
    if not text:
        raise ClaimEditError(_("A note needs some text."))
    return ClaimNote.objects.create(claim=claim, author=by, text=text)


def flag_claims(claim_ids, *, reason: str) -> list[Claim]:
    """Mark claims as needing attention again (a cited source went away, ...).

    Each claim gets the flag, a new version (an edit made on the old one is stale)
    and a history entry; `claim_flagged` is announced for each.
    """
    reason = reason[:300]
    now = timezone.now()
    with transaction.atomic():
        claims = list(lock_claims(dict.fromkeys(claim_ids)).values())
        for claim in claims:
            claim.flag, claim.flagged_at = reason, now
            claim.version += 1
            claim._change_reason = "flagged"
            claim.save(update_fields=["flag", "flagged_at", "version", "updated_at"])
            signals.send_on_commit(signals.claim_flagged, Claim, claim=claim, reason=reason)
    return claims
