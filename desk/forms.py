import datetime as dt

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims import selectors
from claims.extraction import detect_language
from claims.forms import VersionedForm, duplicate_message
from claims.html import article_from_html, looks_like_html
from claims.models import Claim, Language, Rating
from claims.text import normalize_body, split_headline
from claims.validators import validate_body_length
from sources import fetcher
from sources import services as source_services
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
    checked_before = forms.BooleanField(
        label=_("Only claims matching a published verdict"), required=False
    )

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


class NewArticleForm(forms.Form):
    """A new article from the desk: pasted text, pasted HTML, or an address to fetch.

    Cleaned, it carries what the article is made of: `body` and `links` (text and
    HTML), or `url` (fetched by a worker), plus `title`, `language` ("" to detect it)
    and `published_at`. Nothing is written here.
    """

    TEXT, HTML, URL = "text", "html", "url"
    # Pasted markup is larger than its text; the text itself is held to the body's limit.
    HTML_MAX_CHARS = 2_000_000
    # What the new article has in common with the stored one (selectors.duplicate_of).
    kind = forms.ChoiceField(
        label=_("The article comes as"),
        choices=[
            (TEXT, _("Pasted text")),
            (HTML, _("Pasted HTML (keeps its links)")),
            (URL, _("A web address to fetch")),
        ],
        initial=TEXT,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Text of the article"),
        widget=forms.Textarea(attrs={"rows": 12, "data-detect-language": ""}),
        required=False,
        strip=False,
        help_text=_("Without a title below, a short first line is taken as the title."),
    )
    html = forms.CharField(
        label=_("HTML of the article"),
        widget=forms.Textarea(
            attrs={"rows": 12, "data-detect-language": "", "spellcheck": "false"}
        ),
        required=False,
        strip=False,
        max_length=HTML_MAX_CHARS,
        help_text=_("The page's source or a part of it; its links are proposed as sources."),
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("A worker fetches the page; the article shows how far it got."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=500,
        help_text=_("Optional for HTML and web addresses: the page's headline is taken."),
    )
    published_at = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect automatically")), *Language.choices],
    )

    def clean_published_at(self):
        day = self.cleaned_data.get("published_at")
        if day is not None and not 1900 <= day.year <= 2100:
            raise forms.ValidationError(_("Give a publication date between 1900 and 2100."))
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == self.TEXT:
            self._clean_text(cleaned)
        elif kind == self.HTML:
            self._clean_html(cleaned)
        elif kind == self.URL:
            self._clean_url(cleaned)
        day = cleaned.get("published_at")
        cleaned["published_at"] = (
            timezone.make_aware(dt.datetime.combine(day, dt.time())) if day else None
        )
        return cleaned

    def _clean_text(self, cleaned):
        text = normalize_body(cleaned.get("text") or "").strip()
        if not text:
            self.add_error("text", _("Paste the text of the article."))
            return
        title = (cleaned.get("title") or "").strip()
        if not title and (headline := split_headline(text)):
            title, text = headline
        if not title:
            self.add_error("title", _("Give the article a title."))
        self._check_body("text", text)
        cleaned.update(title=title, body=text, links=[])

    def _clean_html(self, cleaned):
        html = cleaned.get("html") or ""
        if not html.strip():
            if "html" not in self.errors:
                self.add_error("html", _("Paste the HTML of the article."))
            return
        if not looks_like_html(html):
            self.add_error(
                "html", _("This is not HTML (there is no tag in it); paste it as text instead.")
            )
            return
        page = article_from_html(html)
        if not page.body.strip():
            self.add_error("html", _("There is no article text in this HTML."))
            return
        title = (cleaned.get("title") or "").strip() or page.title
        if not title:
            self.add_error("title", _("Give the article a title; the HTML has none."))
        self._check_body("html", page.body)
        cleaned.update(title=title[:500], body=page.body, links=page.links)

    def _clean_url(self, cleaned):
        url = cleaned.get("url") or ""
        if not url:
            if "url" not in self.errors:
                self.add_error("url", _("Give the address of the article."))
            return
        try:
            fetcher.check_url(url, source_services.fetch_policy())
        except (fetcher.FetchRefused, fetcher.FetchFailed) as refused:
            self.add_error(
                "url",
                gettext("This address cannot be fetched: %(reason)s") % {"reason": refused.reason},
            )
            return
        existing = selectors.duplicate_of(url=url)
        if existing is not None:
            self.add_error("url", self.duplicate_message(existing))
        cleaned.update(title=(cleaned.get("title") or "").strip(), body="", links=[])

    def _check_body(self, field: str, body: str):
        try:
            validate_body_length(body)
        except forms.ValidationError as too_long:
            self.add_error(field, too_long)
            return
        existing = selectors.duplicate_of(body=body)
        if existing is not None:
            self.add_error(field, self.duplicate_message(existing))

    def duplicate_message(self, existing):
        return duplicate_message(existing, reverse("desk:article", args=[existing.pk]))


class DetectLanguageForm(forms.Form):
    """Pasted text or HTML, of which the first part tells the language."""

    SAMPLE_CHARS = 20_000

    text = forms.CharField(required=False, strip=False)
    html = forms.CharField(required=False, strip=False)

    def language(self) -> str:
        text = (self.cleaned_data.get("text") or "")[: self.SAMPLE_CHARS]
        html = (self.cleaned_data.get("html") or "")[: self.SAMPLE_CHARS * 5]
        if html.strip() and not text.strip():
            text = article_from_html(html).body
        return detect_language(text) if text.strip() else ""
