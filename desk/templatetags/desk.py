from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The check-worthiness reasons (claims.extraction.ranking.REASONS) in words.
REASON_WORDS = {
    "figure": _("a figure"),
    "date": _("a date"),
    "attributed_statement": _("someone is quoted"),
    "named_actor": _("a named person or body"),
    "comparison": _("a comparison"),
    "measure": _("a public measure (prices, crime, jobs …)"),
    "change": _("a change"),
    "voting_record": _("a voting record"),
    "causal": _("a cause"),
    "consequence": _("a consequence"),
    "law": _("a law or rule"),
    "future": _("a promise or plan"),
    "opinion": _("an opinion"),
    "speculation": _("speculation"),
    "vague": _("vague"),
    "question": _("a question"),
    "first_person": _("a personal account"),
    "filler": _("no claim of its own"),
}


@register.filter
def reason_words(reasons) -> str:
    """["figure", "date"] -> "a figure, a date", in the page's language."""
    return ", ".join(str(REASON_WORDS.get(code, code)) for code in reasons or ())
