"""Optimistic locking: every write to a claim names the version its author saw.

The row is locked for the rest of the transaction and its version compared; a
stale write raises StaleVersion before anything is written. Every claim write
(workflow, split, merge, edits) goes through `lock_claims`.
"""

from .exceptions import StaleVersion
from .models import Claim


def lock_claims(expected: dict[int, int | None]) -> dict[int, Claim]:
    """Lock the claims {id: version seen}, in id order; None skips the version check.

    Returns the locked rows by id; a missing claim is left out.
    """
    locked = {
        c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=expected).order_by("pk")
    }
    for pk, version in expected.items():
        if pk in locked and version is not None and locked[pk].version != version:
            raise StaleVersion(locked[pk], version)
    return locked


def lock_claim(claim: Claim, expected_version: int | None) -> Claim:
    """The claim's locked row, at the version the caller saw (see lock_claims)."""
    locked = lock_claims({claim.pk: expected_version})
    if claim.pk not in locked:
        raise Claim.DoesNotExist(f"Claim {claim.pk} no longer exists.")
    return locked[claim.pk]
