"""What the claims app announces. Higher layers (publishing, desk) listen; claims
never calls them.

Every signal here is sent only after the transaction that caused it has
committed (a rolled-back change announces nothing), with the model class as
`sender`. Receivers run in the process that made the change; one that fails
raises in that process after the commit, so keep receivers short and hand long
work to a task.

article_extracted
    The article's claims were extracted or re-extracted and re-anchored.
    Arguments: `article` (the Article), `summary` (services.ExtractionSummary).

article_changed
    Something that a reply about the article shows has changed: the article, its
    claims or their verdicts, including bulk writes that send no model signal.
    Arguments: `article_id` (int).

claim_published
    A verdict was approved and published. Arguments: `claim`, `verdict` (the
    published Verdict), `corrected` (True when it replaces an earlier verdict).

claim_withdrawn
    A published verdict was taken back. Arguments: `claim`, `verdict` (now
    withdrawn), `reason` (str).

claim_flagged
    A claim needs attention again (a cited source went away, ...). Arguments:
    `claim`, `reason` (str, what the flag says).

claim_reworded
    How a claim reads as checked changed: a reviewer's wording with a proposed verdict,
    or an editor's edit in the admin. Arguments: `claim`, `fields` (tuple of the changed
    field names among reviewed_text, speaker_name, speaker_role, claimant, claimant_role).

ranking_changed
    Another check-worthiness model was put in force (a new version or a
    roll-back); every article's other sentences may differ. No arguments.
"""

from django.db import transaction
from django.dispatch import Signal

article_extracted = Signal()
article_changed = Signal()
claim_published = Signal()
claim_withdrawn = Signal()
claim_flagged = Signal()
claim_reworded = Signal()
ranking_changed = Signal()


def send_on_commit(signal: Signal, sender, **arguments) -> None:
    """Send `signal` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: signal.send(sender=sender, **arguments))
