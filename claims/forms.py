"""Forms of the domain's actions, used by the admin and the reviewer UI alike."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import roles


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
