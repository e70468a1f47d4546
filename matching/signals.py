"""What the matching app announces. Higher layers (desk) listen; matching never calls them.

Like claims.signals, every signal here is sent only after the transaction that
caused it has committed (a rolled-back change announces nothing), with the model
class as `sender`, in whichever process made the change (web server or worker).
Keep receivers short.

matches_changed
    A claim's stored matches changed: matched again (candidates stored, refreshed
    or removed) or one was dismissed ("Not the same claim"). Counts of matched
    claims may differ now. Arguments: `claim_ids` (tuple of int: one claim, or all
    claims of an article matched in one go).
"""

from django.dispatch import Signal

matches_changed = Signal()
