"""The claim workflow: every change of a claim's status goes through here.

The admin, the reviewer UI, the API and the tasks all call these functions, so
the rules (who may do what, from which state) live in one place. Each function
locks the claim, checks the caller's version against the stored one (no lost
updates), checks the acting user's rights, then writes and bumps the version.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from . import roles
from .models import Claim

Status = Claim.Status

# Where an editor may (re)assign from, and what may still be dismissed.
ASSIGNABLE = {Status.NEW, Status.ASSIGNED, Status.IN_REVIEW}
DISMISSABLE = {Status.NEW, Status.ASSIGNED, Status.IN_REVIEW, Status.AWAITING_APPROVAL}


class WorkflowError(Exception):
    """A refused action; the message is meant for the person who tried it."""


class NotAllowed(WorkflowError):
    pass


class StaleVersion(WorkflowError):
    """The claim changed since the caller read it; nothing was written."""

    def __init__(self, claim: Claim, expected: int):
        self.current = claim
        super().__init__(
            _("This claim was changed by someone else (version %(current)s, you had %(expected)s).")
            % {"current": claim.version, "expected": expected}
        )


def _locked(claim: Claim, expected_version: int | None) -> Claim:
    fresh = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersion(fresh, expected_version)
    return fresh


def _save(claim: Claim, by, reason: str) -> Claim:
    claim.version += 1
    claim._change_reason = reason
    claim._history_user = by
    claim.save()
    return claim


def assign_claim(claim: Claim, *, assignee, by, expected_version: int | None = None) -> Claim:
    """An editor gives a claim to a reviewer (or another editor)."""
    if not by.has_perm("claims.assign_claim"):
        raise NotAllowed(_("Only editors may assign claims."))
    if not roles.is_reviewer(assignee):
        raise NotAllowed(
            _("%(user)s is not a reviewer or editor.") % {"user": assignee.get_username()}
        )
    with transaction.atomic():
        claim = _locked(claim, expected_version)
        if claim.status not in ASSIGNABLE:
            raise NotAllowed(
                _("A claim that is %(status)s cannot be assigned.")
                % {"status": claim.get_status_display()}
            )
        claim.assignee = assignee
        claim.status = Status.ASSIGNED
        return _save(claim, by, f"assigned to {assignee.get_username()}")


def dismiss_claim(claim: Claim, *, reason: str, by, expected_version: int | None = None) -> Claim:
    """An editor decides a claim is not worth checking; the reason is kept."""
    if not by.has_perm("claims.dismiss_claim"):
        raise NotAllowed(_("Only editors may dismiss claims."))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Say why the claim is dismissed."))
    with transaction.atomic():
        claim = _locked(claim, expected_version)
        if claim.status not in DISMISSABLE:
            raise NotAllowed(
                _("A claim that is %(status)s cannot be dismissed.")
                % {"status": claim.get_status_display()}
            )
        claim.status = Status.DISMISSED
        claim.dismissal_reason = reason
        return _save(claim, by, f"dismissed: {reason}")
