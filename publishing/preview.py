"""What a proposed verdict will look like once published: the reader's card and the JSON-LD.

One builder for the two places an editor looks before publishing, the desk's preview
page and the admin's "approve and publish" confirmation; both render it with the
partials templates/publishing/_claimreview_card.html and _claimreview_json_ld.html.
"""

from django.db.models import Prefetch

from claims.models import Claim, Verdict
from sources.models import Evidence

from .claimreview import claim_review, first_publication, to_json_ld

# What the builder reads of a claim, fetched for one claim or for a page of them.
VERDICTS = Prefetch(
    "verdicts",
    queryset=Verdict.objects.select_related("rating", "author", "corrects").order_by("pk"),
)
EVIDENCE = Prefetch("evidence", queryset=Evidence.objects.select_related("source").order_by("pk"))


def publication_preview(claim: Claim, draft: Verdict, *, now) -> dict:
    """The card's and the JSON-LD's context for `draft` as if published at `now`.

    The ClaimReview comes from claim_review, the function the API serves it with, so
    the editor sees what readers and the CMS will get. `claim.evidence` should be
    prefetched with EVIDENCE (its sources, in the order they were cited).
    """
    review = claim_review(claim, draft, now=now)
    return {
        "claim": claim,
        "article": claim.article,
        "draft": draft,
        "review": review,
        "json_ld": to_json_ld(review, indent=2),
        # A correction keeps the first publication's date (and says when it changed).
        "published_on": first_publication(claim) or now,
        "modified_on": now if draft.corrects_id else None,
        "evidence": list(claim.evidence.all()),
    }
