"""Forms of the domain's actions, used by the admin and the reviewer UI alike."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import roles, selectors


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a stale save is refused, not applied."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    """Why: a withdrawal, a reopening, a sending back, a dismissal. The version the
    user saw comes along where a page showed one (the admin's actions act on rows)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DismissForm(ReasonForm):
    not_checkworthy = forms.BooleanField(
        label=_("Not check-worthy (the ranking learns from this)"), required=False
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = roles.desk_members().order_by("username")


DUPLICATE_BY = {
    selectors.SAME_EXTERNAL_ID: _("same external id"),
    selectors.SAME_URL: _("same URL"),
    selectors.SAME_TEXT: _("same text"),
}


def duplicate_message(existing, href: str) -> SafeString:
    """Names the stored article an input repeats, linked to `href` (escaped), and why."""
    link = format_html(
        '<a href="{}">{}</a>',
        href,
        gettext("article %(pk)s “%(title)s”") % {"pk": existing.pk, "title": existing.title},
    )
    reasons = ", ".join(str(DUPLICATE_BY[reason]) for reason in existing.duplicate_by)
    return format_html(
        gettext("This article is stored already as {article} ({reasons})."),
        article=link,
        reasons=reasons,
    )
