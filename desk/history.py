"""The audit history as sentences in the reader's language.

The history keeps what happened as the workflow recorded it (`history_change_reason`,
written in English, with the reason a person gave after a colon). Here each entry
becomes a sentence: "Petra Albers took the claim", "Verdict proposed: mostly false".
"""

import re

from django.utils.translation import gettext as _

# (recorded reason, what it says); %(who)s is the person, %(detail)s what followed the colon.
_CLAIM_EVENTS = [
    (r"taken", lambda: _("%(who)s took the claim")),
    (r"assigned to (?P<detail>.+)", lambda: _("%(who)s assigned the claim to %(detail)s")),
    (r"review started", lambda: _("%(who)s started the review")),
    (r"verdict proposed", lambda: _("%(who)s proposed a verdict")),
    (r"proposed verdict edited", lambda: _("%(who)s edited the proposed verdict")),
    (r"published", lambda: _("%(who)s approved and published the verdict")),
    (r"corrected and published", lambda: _("%(who)s published a correction")),
    (r"sent back: (?P<detail>.+)", lambda: _("%(who)s sent the verdict back: %(detail)s")),
    (r"reopened: (?P<detail>.+)", lambda: _("%(who)s reopened the claim: %(detail)s")),
    (r"verdict withdrawn: (?P<detail>.+)", lambda: _("%(who)s withdrew the verdict: %(detail)s")),
    (
        r"dismissed as not check-worthy: (?P<detail>.+)",
        lambda: _("%(who)s dismissed the claim as not check-worthy: %(detail)s"),
    ),
    (r"dismissed: (?P<detail>.+)", lambda: _("%(who)s dismissed the claim: %(detail)s")),
    (
        r"flagged",
        lambda: _("The claim needs attention again (a cited source changed or went away)"),
    ),
    (
        r"re-extracted \(revision (?P<detail>\d+)\)",
        lambda: _("Re-read from revision %(detail)s of the article"),
    ),
    (r"added by hand", lambda: _("%(who)s marked the claim in the text")),
    (r"promoted from other sentences", lambda: _("%(who)s made the sentence a claim")),
    (r"split from claim (?P<detail>\d+)", lambda: _("%(who)s split it from claim %(detail)s")),
    (
        r"split, second part is claim (?P<detail>\d+)",
        lambda: _("%(who)s split the claim; the second part is claim %(detail)s"),
    ),
    (r"merged with claim (?P<detail>\d+)", lambda: _("%(who)s merged claim %(detail)s into it")),
]
_VERDICT_EVENTS = [
    (r"proposed", lambda: _("Verdict proposed: %(rating)s")),
    (r"edited", lambda: _("Proposed verdict edited: %(rating)s")),
    (r"approved and published", lambda: _("Verdict published: %(rating)s")),
    (r"replaced by the correction \d+", lambda: _("Verdict replaced by a correction: %(rating)s")),
    (r"withdrawn: (?P<detail>.+)", lambda: _("Verdict withdrawn: %(detail)s")),
]


def sentence(*, what: str, reason: str, who: str, kind: str, rating: str = "") -> str:
    """One history entry as a sentence; `kind` is simple_history's + (created), ~ or -."""
    who = who or _("The system")
    events = _VERDICT_EVENTS if what == "verdict" else _CLAIM_EVENTS
    for pattern, template in events if what != "evidence" else ():
        match = re.fullmatch(pattern, reason)
        if match:
            detail = match.groupdict().get("detail", "")
            return template() % {"who": who, "detail": detail, "rating": rating}
    if what == "evidence":
        return {
            "+": _("%(who)s added a source"),
            "-": _("%(who)s removed a source"),
        }.get(kind, _("%(who)s changed a source")) % {"who": who}
    if kind == "+":
        return (
            _("The claim was found in the article")
            if what == "claim"
            else _("%(who)s wrote a verdict") % {"who": who}
        )
    if reason:
        return f"{who}: {reason}"
    return _("%(who)s made a change") % {"who": who}
