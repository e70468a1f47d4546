"""Writes to articles and their claims (the workflow of a claim is in workflow.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .api.cache import article_changed
from .extraction import ExtractedClaim, detect_language, extract_claims
from .models import Article, Claim

# What extraction decides about a claim; reviewers' and editors' work is never touched.
ENGINE_FIELDS = [
    "kind",
    "speaker_name",
    "speaker_role",
    "attribution",
    "attribution_is_vague",
    "figures",
    "dates",
    "checkworthiness",
    "reasons",
]


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


def article_save(article: Article, *, by=None) -> ExtractionSummary | None:
    """Save a new or edited article; a new body is extracted and its claims re-anchored.

    Returns what happened to the claims, or None when the body did not change.
    """
    if not article.language:
        article.language = detect_language(article.body)
    with transaction.atomic():
        if article.pk is None:
            article.save()
            return store_claims(article, by=by)
        stored_body = Article.objects.filter(pk=article.pk).values_list("body", flat=True).get()
        if stored_body == article.body:
            article.save()
            return None
        if stored_body:  # a first text (fetched from a URL) is not a new revision
            article.revision += 1
        article.save()
        return store_claims(article, by=by)


@transaction.atomic
def store_claims(article: Article, *, by=None) -> ExtractionSummary:
    """Extract the article's claims and reconcile them with the stored ones.

    A stored claim whose text is still in the body is moved to it (the nearest
    occurrence) and keeps its reviewer work, sources and verdicts; one whose
    text is gone is marked as no longer anchored. Extracted claims that no
    stored claim covers are added.
    """
    published = article.published_at.date() if article.published_at else None
    extracted = extract_claims(
        article.body,
        article.language,
        published,
        max_chars=settings.EXTRACTION_MAX_CHARS,
    )
    stored = list(Claim.objects.select_for_update().filter(article=article))
    kept = moved = unanchored = 0
    changed = []
    for claim in stored:
        position = _nearest_occurrence(article.body, claim.text, claim.start)
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
        claim.start, claim.end, claim.is_anchored = position, position + len(claim.text), True
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
    article_changed(article.pk)  # bulk writes send no signals
    return ExtractionSummary(len(new_claims), kept, moved, unanchored)


def claim_fields(found: ExtractedClaim) -> dict:
    return {
        "kind": found.kind,
        "speaker_name": found.speaker.name if found.speaker else "",
        "speaker_role": (found.speaker.role or "") if found.speaker else "",
        "attribution": found.attribution or "",
        "attribution_is_vague": found.attribution_vague,
        "figures": [f.to_dict() for f in found.figures],
        "dates": [d.to_dict() for d in found.dates],
        "checkworthiness": found.checkworthiness,
        "reasons": list(found.reasons),
    }


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


def _nearest_occurrence(body: str, text: str, near: int) -> int | None:
    best = None
    position = body.find(text)
    while position != -1:
        if best is None or abs(position - near) < abs(best - near):
            best = position
        position = body.find(text, position + 1)
    return best


def _unique(claims: list[Claim]) -> list[Claim]:
    return list({claim.pk: claim for claim in claims}.values())


class ClaimEditError(ValueError):
    """A manual change of claims that is not possible; the message says why."""


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
    found = extract_claims(stripped, article.language, min_checkworthiness=0)
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
    from .workflow import StaleVersion

    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.version != expected_version:
            raise StaleVersion(claim, expected_version)
        _check_editable(claim)
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


def merge_claims(first: Claim, second: Claim, *, by) -> Claim:
    """Join two claims of one article into the first; the second is removed."""
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update().filter(pk__in=[first.pk, second.pk]).order_by("start")
        )
        if len(claims) != 2 or claims[0].article_id != claims[1].article_id:
            raise ClaimEditError(_("Only two claims of the same article can be merged."))
        keep, drop = claims
        for claim in claims:
            _check_editable(claim)
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


def _check_editable(claim: Claim):
    if claim.status not in EDITABLE_BY_HAND or claim.verdicts.exists():
        raise ClaimEditError(
            _("Only claims without a verdict, not yet awaiting approval, can be changed.")
        )


def add_note(claim: Claim, *, text: str, by):
    from .models import ClaimNote

    text = (text or "").strip()
    if not text:
        raise ClaimEditError(_("A note needs some text."))
    return ClaimNote.objects.create(claim=claim, author=by, text=text)


def fetch_article_text(article: Article) -> str:
    """For an article sent by URL only: fetch it safely, take its main text, extract claims."""
    from sources.content import extract_content
    from sources.fetcher import FetchFailed, FetchRefused, fetch
    from sources.services import policy

    from . import webhooks

    try:
        with fetch(article.url, policy()) as result:
            if result.status >= 400:
                raise FetchFailed(f"The page answered {result.status}.", retryable=False)
            content = extract_content(result.content, result.content_type, result.final_url)
    except (FetchRefused, FetchFailed) as failure:
        Article.objects.filter(pk=article.pk).update(
            fetch_status="failed", fetch_error=failure.reason
        )
        return failure.reason
    if not content.text.strip():
        Article.objects.filter(pk=article.pk).update(
            fetch_status="failed", fetch_error="No article text was found at this address."
        )
        return "no text"
    article.body = content.text[: settings.EXTRACTION_MAX_CHARS]
    article.title = article.title or content.title[:500]
    article.author = article.author or content.author[:200]
    article.outlet = article.outlet or content.site_name[:200]
    article.fetch_status, article.fetch_error = "fetched", ""
    with transaction.atomic():
        summary = article_save(article)
        webhooks.emit(article.api_client, "article.extracted", extracted_payload(article))
    return str(summary)


def extracted_payload(article: Article) -> dict:
    return {
        "article": article.pk,
        "external_id": article.external_id,
        "revision": article.revision,
        "claims": article.claims.filter(is_anchored=True).count(),
    }
