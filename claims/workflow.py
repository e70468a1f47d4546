"""The claim workflow: every change of a claim's state goes through here.

    new ─assign/take─> assigned ─start─> in_review ─propose─> awaiting_approval
                                            ^                      │ approve (editor,
                                            └── send back / reopen ┘  not the author)
                                                                   v
    dismissed <─ dismiss (editor, any state before published)   published ─withdraw─> withdrawn
                                                                    (editor, with a reason)
    published / withdrawn ─reopen (editor, with a reason)─> in_review (or new)

The admin, the reviewer UI, the API and the tasks all call these functions, so
the rules live in one place. Each function locks the claim, compares the
caller's version with the stored one (a stale write is refused and nothing is
written), checks the acting user's role, writes, bumps the version and records
who did what (django-simple-history) and why.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import roles, signals
from .exceptions import NotAllowed, WorkflowError
from .exceptions import StaleVersion as StaleVersion  # callers catch it as workflow's
from .locking import lock_claim
from .models import Claim, Notification, Rating, Verdict

Status = Claim.Status

ASSIGNABLE = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_REVIEW})
DISMISSABLE = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_REVIEW, Status.AWAITING_APPROVAL})


# What a reviewer may word for the public record when proposing a verdict.
WORDING_FIELDS = ("reviewed_text", "speaker_name", "speaker_role", "claimant", "claimant_role")


def _works_on(claim: Claim, user) -> bool:
    """The assignee, or an editor standing in for them."""
    return claim.assignee_id == user.pk or (
        roles.may_approve(user) and claim.assignee_id is not None
    )


def _may_approve(claim: Claim, user) -> bool:
    # Four eyes: never one's own proposal (uses the claim's prefetched verdicts if any).
    draft = next((v for v in claim.verdicts.all() if v.is_draft), None)
    return roles.may_approve(user) and draft is not None and draft.author_id != user.pk


@dataclass(frozen=True)
class Rule:
    states: frozenset
    may: Callable[[Claim, object], bool]  # (claim, user) -> whether this user may


# The rulebook: each action, the states it starts from, and who may take it. The
# actions below check against it; the UI and the admin offer what it allows.
RULES = {
    "take": Rule(
        frozenset({Status.NEW}), lambda c, u: roles.is_reviewer(u) and c.assignee_id is None
    ),
    "assign": Rule(ASSIGNABLE, lambda c, u: u.has_perm("claims.assign_claim")),
    "start": Rule(frozenset({Status.ASSIGNED}), _works_on),
    "propose": Rule(frozenset({Status.ASSIGNED, Status.IN_REVIEW}), _works_on),
    "send_back": Rule(frozenset({Status.AWAITING_APPROVAL}), lambda c, u: roles.may_approve(u)),
    "approve": Rule(frozenset({Status.AWAITING_APPROVAL}), _may_approve),
    "reopen": Rule(
        frozenset({Status.PUBLISHED, Status.WITHDRAWN}), lambda c, u: roles.may_approve(u)
    ),
    "withdraw": Rule(frozenset({Status.PUBLISHED}), lambda c, u: roles.may_approve(u)),
    "dismiss": Rule(DISMISSABLE, lambda c, u: u.has_perm("claims.dismiss_claim")),
}


def available_actions(claim: Claim, user) -> frozenset[str]:
    """The workflow actions `user` may take on `claim` as it is now."""
    if not user.is_active:
        return frozenset()
    return frozenset(
        name
        for name, rule in RULES.items()
        if claim.status in rule.states and rule.may(claim, user)
    )


def _check_state(action: str, claim: Claim, verb: str) -> None:
    if claim.status not in RULES[action].states:
        _refuse_state(claim, verb)


def _save(claim: Claim, by, reason: str) -> Claim:
    claim.version += 1
    claim._change_reason = reason
    claim._history_user = by
    claim.save()
    return claim


def _state_refusal(claim: Claim, action: str) -> str:
    return _("A claim that is %(status)s cannot be %(action)s.") % {
        "status": claim.get_status_display(),
        "action": action,
    }


def _refuse_state(claim: Claim, action: str):
    raise NotAllowed(_state_refusal(claim, action))


def _require(condition: bool, message: str):
    if not condition:
        raise NotAllowed(message)


def assign_claim(claim: Claim, *, assignee, by, expected_version: int | None = None) -> Claim:
    """An editor gives a claim to a reviewer (or another editor)."""
    _require(RULES["assign"].may(claim, by), _("Only editors may assign claims."))
    _require(
        roles.is_reviewer(assignee),
        _("%(user)s is not a reviewer or editor.") % {"user": assignee.get_username()},
    )
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_state("assign", claim, _("assigned"))
        claim.assignee = assignee
        claim.status = Status.ASSIGNED
        claim = _save(claim, by, f"assigned to {assignee.get_username()}")
        if assignee != by:
            notify(
                assignee, claim, gettext_noop("You were assigned a claim: %(claim)s"), claim=claim
            )
        return claim


def take_claim(claim: Claim, *, by, expected_version: int | None = None) -> Claim:
    """A reviewer takes an unassigned claim for themselves."""
    _require(roles.is_reviewer(by), _("Only reviewers and editors may take claims."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        if not RULES["take"].may(claim, by):
            _refuse_state(claim, _("taken"))
        _check_state("take", claim, _("taken"))
        claim.assignee = by
        claim.status = Status.ASSIGNED
        return _save(claim, by, "taken")


def start_review(claim: Claim, *, by, expected_version: int | None = None) -> Claim:
    """The assignee starts working on the claim."""
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _require_assignee(claim, by)
        _check_state("start", claim, _("started"))
        claim.status = Status.IN_REVIEW
        return _save(claim, by, "review started")


def propose_verdict(
    claim: Claim,
    *,
    rating: Rating,
    summary: str,
    rationale: str = "",
    by,
    expected_version: int | None = None,
    wording: dict | None = None,
) -> Verdict:
    """The assignee proposes a verdict; the claim then awaits an editor's approval.

    `wording` may say how the claim reads as checked, the public record's words:
    `reviewed_text` (the claim as checked; the span stays as it is), `speaker_name`,
    `speaker_role`, `claimant` and `claimant_role`. Given keys replace the engine's reading.
    """
    summary = (summary or "").strip()
    if not summary:
        raise WorkflowError(_("A verdict needs a public summary."))
    _require(rating.is_active, _("This rating is no longer in use."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _require_assignee(claim, by)
        _check_state("propose", claim, _("given a verdict"))
        published = _published_verdict(claim)
        verdict = _draft(claim)
        if verdict is not None and verdict.author_id != by.pk:
            # A proposed verdict is its author's words; only a new assignee replaces it.
            _require(
                claim.assignee_id == by.pk,
                _("This verdict was proposed by %(author)s; only they can change it.")
                % {"author": verdict.author.get_username()},
            )
            verdict._history_user = by
            verdict._change_reason = f"replaced by a proposal of {by.get_username()}"
            verdict.delete()
            verdict = None
        reworded = []
        for name, value in (wording or {}).items():
            if name not in WORDING_FIELDS:
                raise WorkflowError(f"{name} is not part of a claim's wording.")
            value = (value or "").strip()
            if getattr(claim, name) != value:
                reworded.append(name)
            setattr(claim, name, value)
        if reworded:
            signals.send_on_commit(
                signals.claim_reworded, Claim, claim=claim, fields=tuple(reworded)
            )
        if verdict is None:
            verdict = Verdict(claim=claim, author=by)
        verdict.rating, verdict.summary, verdict.rationale = rating, summary, rationale.strip()
        if published and verdict.corrects_id is None:
            verdict.corrects = published
            verdict.correction_reason = claim.reopen_reason
        _save_verdict(verdict, by, "proposed")
        claim.status = Status.AWAITING_APPROVAL
        _save(claim, by, "verdict proposed")
        for editor in roles.editors().exclude(pk=by.pk):
            notify(
                editor,
                claim,
                gettext_noop("A verdict awaits your approval: %(claim)s"),
                claim=claim,
            )
        return verdict


def send_back(claim: Claim, *, reason: str, by, expected_version: int | None = None) -> Claim:
    """An editor returns a proposed verdict to the reviewer with a reason."""
    _require(RULES["send_back"].may(claim, by), _("Only editors may send a verdict back."))
    reason = _reason(reason, _("Say what should change."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_state("send_back", claim, _("sent back"))
        claim.status = Status.IN_REVIEW
        claim = _save(claim, by, f"sent back: {reason}")
        if claim.assignee:
            notify(
                claim.assignee, claim, gettext_noop("Sent back to you: %(reason)s"), reason=reason
            )
        return claim


def approval_refusal(claim: Claim, by) -> str:
    """Why `by` may not approve and publish `claim` as it is now ("" if they may): the
    checks of `approve_and_publish`, for pages that explain before anyone confirms."""
    if not roles.may_approve(by):
        return _("Only editors may approve and publish verdicts.")
    if claim.status not in RULES["approve"].states:
        return _state_refusal(claim, _("published"))
    verdict = next((v for v in claim.verdicts.all() if v.is_draft), None)
    if verdict is None:
        return _("There is no proposed verdict to publish.")
    if verdict.author_id == by.pk:
        return _("Four eyes: you wrote this verdict, so someone else must approve it.")
    if not claim.is_anchored:
        return _(
            "The claim's text is no longer in the article (revision %(revision)s changed "
            "it); send the verdict back or dismiss the claim."
        ) % {"revision": claim.article.revision}
    return ""


def approve_and_publish(claim: Claim, *, by, expected_version: int | None = None) -> Verdict:
    """An editor approves the proposed verdict and publishes it; never their own (four eyes)."""
    _require(roles.may_approve(by), _("Only editors may approve and publish verdicts."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        refusal = approval_refusal(claim, by)
        if refusal:
            raise NotAllowed(refusal)
        verdict = _draft(claim)
        now = timezone.now()
        verdict.approver, verdict.published_at = by, now
        _save_verdict(verdict, by, "approved and published")
        corrected = verdict.corrects_id is not None
        if corrected:
            replaced = Verdict.objects.select_for_update().get(pk=verdict.corrects_id)
            replaced.withdrawn_at = now
            _save_verdict(replaced, by, f"replaced by the correction {verdict.pk}")
            claim.corrected_at = now
        claim.status = Status.PUBLISHED
        claim.flag, claim.flagged_at = "", None
        _save(claim, by, "corrected and published" if corrected else "published")
        signals.send_on_commit(
            signals.claim_published, Claim, claim=claim, verdict=verdict, corrected=corrected
        )
        return verdict


def withdraw_verdict(
    claim: Claim, *, reason: str, by, expected_version: int | None = None
) -> Verdict:
    """An editor takes a published fact-check back; the verdict is kept, marked withdrawn."""
    _require(RULES["withdraw"].may(claim, by), _("Only editors may withdraw published verdicts."))
    reason = _reason(reason, _("Say why the verdict is withdrawn."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_state("withdraw", claim, _("withdrawn"))
        verdict = _published_verdict(claim)
        _require(verdict is not None, _("There is no published verdict to withdraw."))
        verdict.withdrawn_at, verdict.withdrawal_reason = timezone.now(), reason
        _save_verdict(verdict, by, f"withdrawn: {reason}")
        claim.status = Status.WITHDRAWN
        _save(claim, by, f"verdict withdrawn: {reason}")
        signals.send_on_commit(
            signals.claim_withdrawn, Claim, claim=claim, verdict=verdict, reason=reason
        )
        return verdict


def reopen_claim(claim: Claim, *, reason: str, by, expected_version: int | None = None) -> Claim:
    """An editor reopens a published (or withdrawn) claim; the published verdict stays."""
    _require(RULES["reopen"].may(claim, by), _("Only editors may reopen published claims."))
    reason = _reason(reason, _("Say why the fact-check is reopened."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_state("reopen", claim, _("reopened"))
        claim.status = Status.IN_REVIEW if claim.assignee_id else Status.NEW
        claim.reopen_reason = reason
        claim = _save(claim, by, f"reopened: {reason}")
        if claim.assignee:
            notify(
                claim.assignee,
                claim,
                gettext_noop("Reopened for a correction: %(reason)s"),
                reason=reason,
            )
        return claim


def dismiss_claim(
    claim: Claim,
    *,
    reason: str,
    by,
    not_checkworthy: bool = False,
    expected_version: int | None = None,
) -> Claim:
    """An editor decides a claim is not to be checked; the reason is kept.

    With not_checkworthy the editor says the sentence is not worth checking at all
    (rather than, say, a duplicate or a badly cut claim): the desk's ranking model
    learns it as a negative example (claims.ranking).
    """
    _require(RULES["dismiss"].may(claim, by), _("Only editors may dismiss claims."))
    reason = _reason(reason, _("Say why the claim is dismissed."))
    with transaction.atomic():
        claim = lock_claim(claim, expected_version)
        _check_state("dismiss", claim, _("dismissed"))
        claim.status = Status.DISMISSED
        claim.dismissal_reason = reason
        claim.dismissed_not_checkworthy = bool(not_checkworthy)
        label = "dismissed as not check-worthy" if not_checkworthy else "dismissed"
        return _save(claim, by, f"{label}: {reason}")


def update_verdict(
    verdict: Verdict, *, by, expected_version: int, rating=None, summary=None, rationale=None
) -> Verdict:
    """Its author edits a proposed (not yet published) verdict; a stale version is refused.

    Nobody else changes a proposed verdict (four eyes: an editor who wants changes
    sends it back). The claim's version moves too, so an approval based on the
    words as they were before is refused as stale.
    """
    with transaction.atomic():
        claim = lock_claim(verdict.claim, None)
        fresh = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if fresh.version != expected_version:
            raise StaleVersion(fresh, expected_version)
        _require(fresh.is_draft, _("A published verdict cannot be edited; reopen it."))
        _require(fresh.author_id == by.pk, _("Only its author may change a proposed verdict."))
        _require(claim.status != Status.PUBLISHED, _("Reopen the claim to change its verdict."))
        for name, value in (("rating", rating), ("summary", summary), ("rationale", rationale)):
            if value is not None:
                setattr(fresh, name, value)
        _save(claim, by, "proposed verdict edited")
        return _save_verdict(fresh, by, "edited")


def _require_assignee(claim: Claim, by):
    _require(_works_on(claim, by), _("Only the reviewer this claim is assigned to may work on it."))


def _reason(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise WorkflowError(message)
    return text


def _draft(claim: Claim) -> Verdict | None:
    return (
        Verdict.objects.select_for_update()
        .filter(claim=claim)
        .drafts()
        .order_by("-created_at")
        .first()
    )


def _published_verdict(claim: Claim) -> Verdict | None:
    return (
        Verdict.objects.select_for_update()
        .filter(claim=claim)
        .in_force()
        .order_by("-published_at")
        .first()
    )


def _save_verdict(verdict: Verdict, by, reason: str) -> Verdict:
    if verdict.pk:
        verdict.version += 1
    verdict._change_reason = reason
    verdict._history_user = by
    verdict.save()
    return verdict


def notify(recipient, about: Claim | None, message: str, **values) -> Notification:
    """Tell a user inside the product and by e-mail (after the transaction commits), in
    the user's own language: `message` is the untranslated text (gettext_noop) with
    %(name)s placeholders for `values`."""
    with translation.override(roles.language_of(recipient)):
        text = (_(message) % {name: str(value) for name, value in values.items()})[:300]
    notification = Notification.objects.create(recipient=recipient, claim=about, message=text)
    if recipient.email:
        transaction.on_commit(
            lambda: send_mail(
                text[:150],
                text,
                settings.DEFAULT_FROM_EMAIL,
                [recipient.email],
                fail_silently=True,
            )
        )
    return notification
