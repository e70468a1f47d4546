"""What matching hears from the domain: new claims to index and match, verdicts that
make a claim's entry published or not.

Imported with the app (matching.apps), before models can be imported: so no models
and no tasks module here. Tasks are sent by name (the worker has them registered), and
the one model is looked up in the app registry when a signal arrives.
"""

from celery import current_app
from django.apps import apps

from claims import signals


def connect():
    # All are sent on commit, in whichever process made the change.
    signals.article_extracted.connect(_article_extracted, dispatch_uid="matching.extracted")
    signals.claim_published.connect(_verdict_changed, dispatch_uid="matching.published")
    signals.claim_withdrawn.connect(_verdict_changed, dispatch_uid="matching.withdrawn")
    signals.claim_reworded.connect(_claim_reworded, dispatch_uid="matching.reworded")


def _send(task: str, *args) -> None:
    # A signature runs the registered task (eagerly, when so configured) and falls back
    # to sending the task by name where the tasks module is not imported.
    current_app.signature(task, args=args).apply_async()


def _article_extracted(sender, article, **kwargs):
    _send("matching.tasks.match_article", article.pk)


def _claim_reworded(sender, claim, fields=(), **kwargs):
    # The claim is matched by its text as checked: index and match it again when that
    # changed (a speaker or claimant edit leaves its signature as it was).
    if "reviewed_text" in fields:
        _send("matching.tasks.index_claim", claim.pk)


def _verdict_changed(sender, claim, **kwargs):
    # At once, so the API never answers with a withdrawn verdict; the worker then reads
    # the claim again (its wording as checked may have come with the verdict).
    Verdict = apps.get_model("claims", "Verdict")
    MatchEntry = apps.get_model("matching", "MatchEntry")
    in_force = Verdict.objects.in_force().filter(claim=claim).exists()
    MatchEntry.objects.filter(claim=claim).update(is_published=in_force)
    _send("matching.tasks.index_claim", claim.pk)
