"""What the extraction engine decides about a claim, as the Claim model's fields."""

from .extraction import ExtractedClaim

# What extraction decides about a claim; reviewers' and editors' work is never touched.
ENGINE_FIELDS = [
    "kind",
    "speaker_name",
    "speaker_role",
    "attribution",
    "attribution_is_vague",
    "claimant",
    "claimant_role",
    "figures",
    "dates",
    "checkworthiness",
    "reasons",
    "model_version",
]


def claim_fields(found: ExtractedClaim) -> dict:
    return {
        "kind": found.kind,
        "speaker_name": found.speaker.name if found.speaker else "",
        "speaker_role": (found.speaker.role or "") if found.speaker else "",
        "attribution": found.attribution or "",
        "attribution_is_vague": found.attribution_vague,
        "claimant": found.claimant or "",
        "claimant_role": found.claimant_role or "",
        "figures": [f.to_dict() for f in found.figures],
        "dates": [d.to_dict() for d in found.dates],
        "checkworthiness": found.checkworthiness,
        "reasons": list(found.reasons),
        # The check-worthiness model version that scored it.
        "model_version": found.model_version or "",
    }
