"""Reads for the capture page: what was found where in a capture's text."""

from dataclasses import dataclass

from .models import Capture, Evidence


@dataclass(frozen=True)
class Passage:
    evidence: Evidence
    before: str  # the text before the passage, shortened to its last words
    passage: str
    after: str


CONTEXT_CHARS = 300


def located_passages(capture: Capture) -> list[Passage]:
    """Each claim's passage found in this capture, with some of the text around it."""
    found = (
        Evidence.objects.filter(located_capture=capture, located=True)
        .select_related("claim")
        .order_by("located_start", "pk")
    )
    text = capture.text
    passages = []
    for evidence in found:
        start, end = evidence.located_start, evidence.located_end
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue  # offsets of another text version: nothing to mark
        before = text[max(0, start - CONTEXT_CHARS) : start]
        after = text[end : end + CONTEXT_CHARS]
        passages.append(
            Passage(
                evidence,
                ("…" if start > CONTEXT_CHARS else "") + before,
                text[start:end],
                after + ("…" if end + CONTEXT_CHARS < len(text) else ""),
            )
        )
    return passages
