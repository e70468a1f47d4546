from django import forms
from django.utils.translation import gettext_lazy as _

from claims.forms import VersionedForm
from claims.models import Claim, Language, Rating
from sources.models import Evidence


class VerdictForm(VersionedForm):
    rating = forms.ModelChoiceField(
        label=_("Rating"),
        queryset=Rating.objects.filter(is_active=True),
        empty_label=_("– choose a rating –"),  # no verdict by default
    )
    summary = forms.CharField(
        label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    rationale = forms.CharField(
        label=_("Internal rationale"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
    )
    # The claim as the public will read it in the fact-check (prefilled from the article).
    reviewed_text = forms.CharField(
        label=_("The claim as checked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,  # empty: the text as it stands in the article
        max_length=5000,
        help_text=_("Word the claim as you checked it; the marked text in the article stays."),
    )
    speaker_name = forms.CharField(label=_("Speaker"), required=False, max_length=200)
    speaker_role = forms.CharField(label=_("Speaker role"), required=False, max_length=200)
    claimant = forms.CharField(
        label=_("Claimant (organisation)"),
        required=False,
        max_length=200,
        help_text=_("Who makes the claim when no person is named."),
    )


class SourceForm(forms.Form):
    url = forms.URLField(label=_("Address of the source"), max_length=2000, assume_scheme="https")
    stance = forms.ChoiceField(label=_("Stance"), choices=Evidence.Stance.choices)
    excerpt = forms.CharField(
        label=_("Excerpt that matters"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ManualClaimForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SplitForm(VersionedForm):
    at = forms.IntegerField(label=_("Split after character"), min_value=1)


class MergeForm(VersionedForm):
    """Merge with a neighbour, at the versions of both claims that the user saw."""

    other = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    other_version = forms.IntegerField(widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("any")), *Claim.Status.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("any")), *Claim.Kind.choices], required=False
    )
    rating = forms.ChoiceField(label=_("Rating"), required=False)
    assignee = forms.CharField(label=_("Assignee"), required=False)
    article = forms.CharField(label=_("Article id"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [("", _("any"))] + [
            (r.slug, str(r)) for r in Rating.objects.all()
        ]


class QueueFilterForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("any")), *Language.choices],
    )
    my_articles = forms.BooleanField(label=_("Only articles I work on"), required=False)
