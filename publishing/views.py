"""The desk's last look before publishing: the ClaimReview as readers will get it.

It lives here, not in desk, because publishing builds the ClaimReview and desk
may not import publishing; the confirm button posts to the desk's approve action.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import roles, workflow
from claims.models import Claim

from .preview import EVIDENCE, VERDICTS, publication_preview


def _claim(pk) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related("article").prefetch_related(VERDICTS, EVIDENCE), pk=pk
    )


@login_required
def publish_preview(request, pk):
    if not roles.is_reviewer(request.user):
        raise PermissionDenied
    claim = _claim(pk)
    if claim.status != Claim.Status.AWAITING_APPROVAL:
        # Someone published, sent back or dismissed it since the link was opened.
        messages.info(request, _("No verdict of this claim awaits approval now."))
        return redirect("desk:claim", pk=claim.pk)
    draft = next(v for v in claim.verdicts.all() if v.is_draft)
    if "approve" not in workflow.available_actions(claim, request.user):
        if draft.author_id == request.user.pk:
            reason = _("Four eyes: you wrote this verdict, so someone else must approve it.")
        else:
            reason = _("Only editors may approve and publish verdicts.")
        return render(
            request, "publishing/refused.html", {"claim": claim, "reason": reason}, status=403
        )
    return render(
        request,
        "publishing/preview.html",
        publication_preview(claim, draft, now=timezone.now()),
    )
