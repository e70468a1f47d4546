from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import ranking, roles, selectors, services, signals, workflow
from .forms import AssignForm, DismissForm, ReasonForm, duplicate_message
from .models import (
    Article,
    Claim,
    ImportedDecision,
    Notification,
    RankingModelVersion,
    Rating,
    Verdict,
)
from .text import normalize_body


def _chips(items):
    """(as written, normalized) pairs as chips: "3,3 Prozent = 3.3 percent", escaped."""
    chips = format_html_join(
        " ",
        '<span class="chip">{} <span class="chip-value">= {}</span></span>',
        items,
    )
    return chips or "–"


class HistoryAdmin(SimpleHistoryAdmin):
    """The audit history, to read. Reverting to an earlier version is refused: it would
    write every field of the old row (status, assignee, words) past the workflow, and
    django-simple-history accepts it from anyone who may merely view the object."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "kind", "speaker_name", "status", "assignee", "checkworthiness"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["start"]

    def has_add_permission(self, request, obj=None):
        # Claims are anchored to spans of the body: they come from extraction.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assignee")


class ArticleForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=2000, required=False, assume_scheme="https")

    class Meta:
        model = Article
        fields = [
            "title",
            "body",
            "language",
            "url",
            "outlet",
            "author",
            "published_at",
            "api_client",
            "external_id",
        ]

    # What the new article has in common with the stored one (selectors.duplicate_of).
    def clean_body(self):
        # As it will be stored and counted: the form shows the text claim offsets count.
        return normalize_body(self.cleaned_data.get("body") or "")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("body"):
            existing = selectors.duplicate_of(
                url=cleaned.get("url") or "",
                body=cleaned["body"],
                external_id=cleaned.get("external_id") or "",
                api_client=cleaned.get("api_client"),
            )
            if existing is not None:
                raise forms.ValidationError(self.duplicate_message(existing), code="duplicate")
        return cleaned

    def duplicate_message(self, existing):
        return duplicate_message(
            existing, reverse("admin:claims_article_change", args=[existing.pk])
        )


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = ArticleForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "language", "outlet", "published_at", "claim_count", "revision"]
    list_filter = ["language", "outlet", "api_client"]
    search_fields = ["title", "body", "external_id", "url"]
    date_hierarchy = "published_at"
    readonly_fields = ["revision", "created_at", "updated_at"]
    inlines = [ClaimInline]

    actions = ["extract_again"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    def save_model(self, request, obj, form, change):
        summary = services.save_article(obj, by=request.user)
        if summary:
            self.message_user(request, _("Claims: %(summary)s.") % {"summary": summary})

    def has_delete_permission(self, request, obj=None):
        # Published fact-checks stay: an article that carries one is never deleted.
        if obj is not None and Verdict.objects.filter(claim__article=obj).published().exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        _delete_unpublished(self, request, queryset, "claims__verdicts__published_at")

    @admin.action(description=_("Extract claims again"), permissions=["change"])
    def extract_again(self, request, queryset):
        for article in queryset:
            summary = services.extract_and_reanchor_claims(article, by=request.user)
            self.message_user(request, f"{article}: {summary}")


class VerdictInline(admin.StackedInline):
    """Verdicts as they are: proposed ones belong to their author, published ones to the
    record. Both change only through the workflow (send back, reopen, withdraw)."""

    model = Verdict
    fields = [
        "rating",
        "summary",
        "rationale",
        "author",
        "approver",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    class Media:
        css = {"all": ["css/admin.css"]}

    list_display = ["short_text", "article", "kind", "status", "assignee", "checkworthiness"]
    list_filter = [
        "status",
        "kind",
        "article__language",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        "is_anchored",
    ]
    search_fields = ["text", "speaker_name", "article__title"]
    list_select_related = ["article", "assignee"]
    ordering = ["-checkworthiness"]
    # The names of the workflow's actions (workflow.RULES) as the admin's actions say them.
    ACTION_LABELS = {
        "take": _("take"),
        "assign": _("assign"),
        "start": _("start the review"),
        "propose": _("propose a verdict"),
        "send_back": _("send back"),
        "approve": _("approve and publish"),
        "reopen": _("reopen"),
        "withdraw": _("withdraw"),
        "dismiss": _("dismiss"),
    }
    # Status and assignee change only through the workflow (the actions below).
    readonly_fields = [
        "article",
        "text",
        "start",
        "end",
        "is_anchored",
        "origin",
        "status",
        "assignee",
        "dismissal_reason",
        "dismissed_not_checkworthy",
        "figure_chips",
        "date_chips",
        "checkworthiness",
        "reasons",
        "model_version",
        "version",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["article", "text", ("start", "end", "is_anchored"), "origin"]}),
        (
            _("Workflow"),
            {
                "fields": [
                    "status",
                    "assignee",
                    ("dismissal_reason", "dismissed_not_checkworthy"),
                    "version",
                ]
            },
        ),
        (
            _("What the engine found"),
            {
                "fields": [
                    "kind",
                    ("speaker_name", "speaker_role"),
                    ("attribution", "attribution_is_vague"),
                    "claimant",
                    "reviewed_text",
                    "figure_chips",
                    "date_chips",
                    ("checkworthiness", "reasons"),
                    "model_version",
                ]
            },
        ),
    ]
    # sources/admin.py puts the claim's evidence first (claims does not know sources).
    inlines = [VerdictInline]
    actions = ["assign", "approve_and_publish", "send_back", "reopen", "withdraw", "dismiss"]
    # What ClaimReview shows of a published claim: changed only after reopening it.
    public_fields = [
        "kind",
        "speaker_name",
        "speaker_role",
        "attribution",
        "attribution_is_vague",
        "claimant",
        "reviewed_text",
    ]

    def get_queryset(self, request):
        # available_actions reads each claim's verdicts (four eyes): one query for the page.
        return super().get_queryset(request).prefetch_related("verdicts")

    def get_list_display(self, request):
        def next_steps(claim):
            actions = workflow.available_actions(claim, request.user)
            return ", ".join(str(label) for a, label in self.ACTION_LABELS.items() if a in actions)

        next_steps.short_description = _("you may")
        return [*self.list_display, next_steps]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Claim.Status.PUBLISHED:
            readonly += self.public_fields
        return readonly

    def save_model(self, request, obj, form, change):
        # An edit here is a change like any other: pages showing the claim (the approval
        # preview, an open workspace) hold its version and must see that it moved.
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)
        reworded = tuple(f for f in form.changed_data if f in workflow.WORDING_FIELDS)
        if change and reworded:
            signals.send_on_commit(signals.claim_reworded, Claim, claim=obj, fields=reworded)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.verdicts.published().exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        _delete_unpublished(self, request, queryset, "verdicts__published_at")

    @admin.display(description=_("figures"))
    def figure_chips(self, obj):
        return _chips(
            (
                f["text"],
                " ".join(str(p) for p in (f.get("value"), f.get("unit")) if p not in (None, "")),
            )
            for f in obj.figures
        )

    @admin.display(description=_("dates"))
    def date_chips(self, obj):
        return _chips((d["text"], d.get("value") or "") for d in obj.dates)

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return str(obj)

    def has_add_permission(self, request):
        return False

    def has_assign_permission(self, request):
        return request.user.has_perm("claims.assign_claim")

    def has_dismiss_permission(self, request):
        return request.user.has_perm("claims.dismiss_claim")

    def has_approve_permission(self, request):
        return roles.may_approve(request.user)

    @admin.action(description=_("Assign to a reviewer"), permissions=["assign"])
    def assign(self, request, queryset):
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._intermediate(request, queryset, form, _("Assign claims"), "assign")
        done = self._apply(
            request,
            queryset,
            lambda claim: workflow.assign_claim(
                claim, assignee=form.cleaned_data["assignee"], by=request.user
            ),
        )
        self.message_user(
            request,
            ngettext("%(n)d claim assigned.", "%(n)d claims assigned.", done) % {"n": done},
        )
        return None

    @admin.action(description=_("Dismiss claims"), permissions=["dismiss"])
    def dismiss(self, request, queryset):
        return self._with_reason(
            request, queryset, "dismiss", _("Dismiss claims"), workflow.dismiss_claim,
            lambda n: ngettext("%(n)d claim dismissed.", "%(n)d claims dismissed.", n),
            form_class=DismissForm,
        )  # fmt: skip

    @admin.action(description=_("Send back to the reviewer"), permissions=["approve"])
    def send_back(self, request, queryset):
        return self._with_reason(
            request, queryset, "send_back", _("Send back"), workflow.send_back,
            lambda n: ngettext("%(n)d claim sent back.", "%(n)d claims sent back.", n),
        )  # fmt: skip

    @admin.action(description=_("Reopen for a correction"), permissions=["approve"])
    def reopen(self, request, queryset):
        return self._with_reason(
            request, queryset, "reopen", _("Reopen for a correction"), workflow.reopen_claim,
            lambda n: ngettext("%(n)d claim reopened.", "%(n)d claims reopened.", n),
        )  # fmt: skip

    @admin.action(description=_("Withdraw the published verdict"), permissions=["approve"])
    def withdraw(self, request, queryset):
        return self._with_reason(
            request, queryset, "withdraw", _("Withdraw published verdicts"),
            workflow.withdraw_verdict,
            lambda n: ngettext("%(n)d verdict withdrawn.", "%(n)d verdicts withdrawn.", n),
        )  # fmt: skip

    # The confirmation page of "approve and publish". publishing/admin.py shows on it the
    # ClaimReview each claim will publish (its own template and approval_previews below):
    # publishing builds ClaimReview, and claims may not import publishing.
    approve_template = "admin/claims/claim/approve_and_publish.html"

    @admin.action(
        description=_("Approve and publish the proposed verdict"), permissions=["approve"]
    )
    def approve_and_publish(self, request, queryset):
        """First what would go public, claim by claim, then, on confirm, publish that.

        The page carries the version of each claim it showed; a claim that changed
        since (a new wording, rating or summary moves its version) is refused, not
        published. Claims this editor may not approve are listed with the reason.
        """
        if "apply" in request.POST:
            self._publish_previewed(request, queryset)
            return None
        claims = list(
            queryset.select_related("article")
            # In place of the list's plain verdicts: with what the page shows of each.
            .prefetch_related(None)
            .prefetch_related(
                models.Prefetch(
                    "verdicts",
                    queryset=Verdict.objects.select_related("rating", "author", "corrects"),
                )
            )
        )
        approvable, skipped = [], []
        for claim in claims:
            refusal = workflow.approval_refusal(claim, request.user)
            if refusal:
                skipped.append({"claim": claim, "reason": refusal})
            else:
                approvable.append((claim, next(v for v in claim.verdicts.all() if v.is_draft)))
        previews = self.approval_previews(request, approvable)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Approve and publish"),
            "approvable": [
                {"claim": claim, "draft": draft, "preview": previews.get(claim.pk)}
                for claim, draft in approvable
            ],
            "skipped": skipped,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.approve_template, context)

    def approval_previews(self, request, approvable) -> dict:
        """What each approvable (claim, draft) will publish, by claim id, for the page's
        `preview` block; the claims app alone knows no more than the verdict itself."""
        return {}

    def _publish_previewed(self, request, queryset):
        done = 0
        for claim in queryset:
            seen = request.POST.get(f"version-{claim.pk}", "")
            if not seen.isdigit():
                self.message_user(
                    request,
                    _("%(claim)s: not published, it was not on the page you confirmed.")
                    % {"claim": claim},
                    messages.WARNING,
                )
                continue
            try:
                workflow.approve_and_publish(claim, by=request.user, expected_version=int(seen))
                done += 1
            except workflow.StaleVersion:
                self.message_user(
                    request,
                    _(
                        "%(claim)s: not published, it changed after you saw it. Look at "
                        "what it would publish now and confirm again."
                    )
                    % {"claim": claim},
                    messages.WARNING,
                )
            except workflow.WorkflowError as refused:
                self.message_user(request, f"{claim}: {refused}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%(n)d verdict published.", "%(n)d verdicts published.", done) % {"n": done},
        )

    def _with_reason(
        self, request, queryset, action, title, change, done_message, form_class=ReasonForm
    ):
        form = form_class(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._intermediate(request, queryset, form, title, action)
        # The reason, and whatever else the form asks (e.g. not_checkworthy for a dismissal).
        # An action acts on rows, each at the version it has now: no version is passed.
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        done = self._apply(request, queryset, lambda claim: change(claim, **data, by=request.user))
        self.message_user(request, done_message(done) % {"n": done})
        return None

    def _apply(self, request, queryset, change) -> int:
        done = 0
        for claim in queryset:
            try:
                change(claim)
                done += 1
            except workflow.WorkflowError as refused:
                self.message_user(request, f"{claim}: {refused}", messages.WARNING)
        return done

    def _intermediate(self, request, queryset, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "claims": queryset,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/action_form.html", context)


@admin.register(Verdict)
class VerdictAdmin(HistoryAdmin):
    """Read only: a verdict is proposed, sent back, published, corrected and withdrawn
    through the workflow (the claim's actions), never by editing its row."""

    list_display = ["claim", "rating", "author", "approver", "published_at", "withdrawn_at"]
    list_filter = ["rating", "published_at", "withdrawn_at"]
    search_fields = ["claim__text", "summary"]
    list_select_related = ["claim", "rating", "author", "approver"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _delete_unpublished(model_admin, request, queryset, published_lookup: str):
    """Delete what carries no published verdict; say which were kept and why."""
    kept = queryset.filter(**{f"{published_lookup}__isnull": False}).distinct()
    kept_count = kept.count()
    if kept_count:
        model_admin.message_user(
            request,
            ngettext(
                "%(n)d carries a published verdict and was kept.",
                "%(n)d carry a published verdict and were kept.",
                kept_count,
            )
            % {"n": kept_count},
            messages.WARNING,
        )
    queryset.exclude(pk__in=kept.values("pk")).delete()


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = [
        "label_de",
        "label_en",
        "rating_value",
        "worst_rating",
        "best_rating",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Each editor sees their own notifications: assignments, verdicts awaiting approval."""

    list_display = ["message", "claim", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["claim"]
    actions = ["mark_read"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Mark as read"), permissions=["view"])
    def mark_read(self, request, queryset):
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())


@admin.register(RankingModelVersion)
class RankingModelVersionAdmin(admin.ModelAdmin):
    """The check-worthiness models the desk trained (train_checkworthiness); read only.

    Editors put an older version back in force ("roll back"); the one in force
    cannot be deleted.
    """

    list_display = [
        "version",
        "is_active",
        "trained_on",
        "auc",
        "f1",
        "threshold",
        "base_version",
        "language",
        "created_at",
    ]
    list_filter = ["is_active", "language"]
    search_fields = ["version", "note"]
    fields = [
        "version",
        "is_active",
        "trained_on",
        "base_version",
        "language",
        "threshold",
        "metrics",
        "note",
        "created_at",
        "created_by",
    ]
    readonly_fields = fields
    actions = ["make_active"]

    @admin.display(description=_("AUC (held out)"))
    def auc(self, obj):
        return _metric(obj.metrics, "auc")

    @admin.display(description=_("F1 (held out)"))
    def f1(self, obj):
        return _metric(obj.metrics, "f1")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_active:
            return False
        return super().has_delete_permission(request, obj)

    def has_activate_permission(self, request):
        return request.user.has_perm("claims.activate_rankingmodelversion")

    @admin.action(description=_("Make this version active"), permissions=["activate"])
    def make_active(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version."), messages.WARNING)
            return
        version = ranking.activate(queryset.get(), by=request.user)
        self.message_user(request, _("%(version)s is now in force.") % {"version": version})


def _metric(metrics, name):
    value = (metrics or {}).get(name)
    return "–" if value is None else f"{value:.3f}"


@admin.register(ImportedDecision)
class ImportedDecisionAdmin(admin.ModelAdmin):
    """Decisions imported from another tool (train_checkworthiness --import); read only."""

    list_display = ["text", "language", "label", "source_file", "line_number", "imported_at"]
    list_filter = ["language", "label"]
    search_fields = ["text", "source_file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
