"""The reviewer UI: plain views over selectors (reads) and services/workflow (writes)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import i18n
from django.views.decorators.http import require_POST

from claims import promotion, roles, services, workflow
from claims.extraction import ExtractionError
from claims.forms import ReasonForm, VersionedForm
from claims.html import links_around
from claims.models import Article, Claim, Language
from claims.selectors import search_claims
from matching import index as matching_index
from matching import selectors as matching_selectors
from matching import services as matching_services
from matching.models import MatchCandidate
from matching.selectors import matches_for_claim
from sources import articles as source_articles
from sources import services as source_services
from sources.models import Evidence

from . import selectors
from .forms import (
    DetectLanguageForm,
    ManualClaimForm,
    MergeForm,
    NewArticleForm,
    NoteForm,
    QueueFilterForm,
    SearchForm,
    SourceForm,
    SplitForm,
    VerdictForm,
)


def desk_member(view):
    """Reviewers and editors only; everyone else is refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.is_reviewer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


QUEUE_PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 50
# Searches count their matches this far, and page through the most check-worthy that
# many: a common word matches thousands of claims, and counting them all cost as much
# as the rest of the page.
SEARCH_COUNT_UP_TO = 1000
# The "Already checked" panel shows the best matches only.
MATCHES_SHOWN = 5


@desk_member
def dashboard(request):
    board = selectors.dashboard(request.user, is_editor=roles.may_approve(request.user))
    queue_filter = QueueFilterForm(request.GET)
    filters = queue_filter.cleaned_data if queue_filter.is_valid() else {}
    language, my_articles = filters.get("language", ""), filters.get("my_articles", False)
    queue = selectors.unassigned_queue(request.user, language=language, my_articles=my_articles)
    # Unfiltered, the queue's length is one of the dashboard's cached counts.
    queue_count = None if language or my_articles else board.unassigned
    query = request.GET.copy()
    query.pop("page", None)
    most = max([count for _v, _l, count in board.by_status] + [1])
    most_rated = max([count for _r, count in board.by_rating] + [1])
    return render(
        request,
        "desk/dashboard.html",
        {
            "board": board,
            "queue": selectors.claim_page(
                queue, request.GET.get("page"), QUEUE_PAGE_SIZE, count=queue_count
            ),
            "queue_filter": queue_filter,
            "query_string": f"{query.urlencode()}&" if query else "",
            "most": most,
            "most_rated": most_rated,
            "is_editor": roles.may_approve(request.user),
        },
    )


@desk_member
def article_list(request):
    articles = Article.objects.order_by("-created_at").only(
        "id", "title", "language", "outlet", "created_at", "url", "fetch_status"
    )
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "desk/article_list.html", {"page": page})


@desk_member
def article_new(request):
    """A new article: pasted text or HTML is stored and extracted at once; an address is
    fetched by a worker, and the article page shows how far it got."""
    form = NewArticleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["kind"] == NewArticleForm.URL:
            article = source_articles.add_article_by_url(
                data["url"],
                title=data["title"],
                language=data["language"],
                published_at=data["published_at"],
            )
            messages.success(
                request,
                _("The article is being fetched; this page shows it when its text is there."),
            )
            return redirect("desk:article", pk=article.pk)
        article = Article(
            title=data["title"],
            body=data["body"],
            links=data["links"],
            language=data["language"],
            published_at=data["published_at"],
        )
        try:
            with transaction.atomic():
                summary = services.save_article(article, by=request.user)
        except ExtractionError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                ngettext(
                    "Article saved; %(n)s claim found.",
                    "Article saved; %(n)s claims found.",
                    summary.created,
                )
                % {"n": summary.created},
            )
            return redirect("desk:article", pk=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/article_new.html", {"form": form}, status=status)


@desk_member
@require_POST
def article_language(request):
    """The language of pasted text or HTML, for the new-article form to show."""
    form = DetectLanguageForm(request.POST)
    language = form.language() if form.is_valid() else ""
    return JsonResponse(
        {"language": language, "label": str(dict(Language.choices).get(language, ""))}
    )


@desk_member
def article_status(request, pk):
    """How far fetching an article sent by its address got, for its page to poll."""
    article = get_object_or_404(Article.objects.only("fetch_status", "fetch_error"), pk=pk)
    return JsonResponse(
        {
            "status": article.fetch_status,
            "label": article.get_fetch_status_display(),
            "error": article.fetch_error,
        }
    )


@desk_member
def article_detail(request, pk):
    try:
        article = selectors.article_with_claims(pk)
    except Article.DoesNotExist:
        raise Http404(_("No such article.")) from None
    promoted = request.GET.get("promoted", "")
    other_sentences = promotion.other_sentences(article)
    return render(
        request,
        "desk/article_detail.html",
        {
            "article": article,
            "segments": selectors.highlighted_segments(article, other_sentences),
            "claims": selectors.ranked_claims(article),
            "matched_ids": selectors.claims_with_matches(article),
            "other_sentences": other_sentences,
            "levels": selectors.LEVELS,
            "promoted": int(promoted) if promoted.isdigit() else None,
            "statuses": Claim.Status.choices,
            "is_editor": roles.may_approve(request.user),
        },
    )


@desk_member
@require_POST
def sentence_promote(request, pk):
    """One of the article's other sentences becomes a claim; the article shows it marked."""
    article = get_object_or_404(Article, pk=pk)
    form = ManualClaimForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return redirect("desk:article", pk=pk)
    try:
        claim = promotion.promote_sentence(
            article, start=form.cleaned_data["start"], end=form.cleaned_data["end"], by=request.user
        )
    except promotion.PromotionError as refused:
        messages.error(request, str(refused))
        return redirect("desk:article", pk=pk)
    messages.success(request, _("The sentence is now claim %(id)s.") % {"id": claim.pk})
    url = reverse("desk:article", args=[pk])
    return redirect(f"{url}?promoted={claim.pk}#claim-{claim.pk}")


@desk_member
@require_POST
def claim_add(request, pk):
    article = get_object_or_404(Article, pk=pk)
    form = ManualClaimForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select the text of the claim first."))
        return redirect("desk:article", pk=pk)
    try:
        claim = services.add_claim(
            article, start=form.cleaned_data["start"], end=form.cleaned_data["end"], by=request.user
        )
    except services.ClaimEditError as refused:
        messages.error(request, str(refused))
        return redirect("desk:article", pk=pk)
    messages.success(request, _("Claim added."))
    return redirect("desk:claim", pk=claim.pk)


@desk_member
def claim_detail(request, pk):
    claim = _workspace(pk)
    return render(request, "desk/claim_detail.html", _claim_context(request, claim))


def _workspace(pk) -> Claim:
    try:
        return selectors.claim_workspace(pk)
    except Claim.DoesNotExist:
        raise Http404(_("No such claim.")) from None


def _claim_context(request, claim, **forms):
    user = request.user
    draft = next((v for v in claim.verdicts.all() if v.is_draft), None)
    published = next((v for v in claim.verdicts.all() if v.is_in_force), None)
    body = claim.article.body
    context_start = max(0, body.rfind("\n", 0, claim.start) + 1)
    context_end = body.find("\n", claim.end)
    context_end = len(body) if context_end == -1 else context_end
    verdict_initial = {
        "version": claim.version,
        "reviewed_text": claim.reviewed_text or claim.text,
        "speaker_name": claim.speaker_name,
        "speaker_role": claim.speaker_role,
        "claimant": "" if claim.claimant == claim.speaker_name else claim.claimant,
    }
    if draft:
        verdict_initial.update(
            rating=draft.rating_id, summary=draft.summary, rationale=draft.rationale
        )
    return {
        "claim": claim,
        "article": claim.article,
        "before": body[context_start : claim.start],
        "after": body[claim.end : context_end],
        "draft": draft,
        "published": published,
        "is_editor": roles.may_approve(user),
        "is_assignee": claim.assignee_id == user.pk,
        "actions": workflow.available_actions(claim, user),
        "may_edit_text": services.may_edit_text(claim, user),
        "may_remove_sources": source_services.may_remove_evidence(claim, user),
        "proposed_links": _proposed_links(claim),
        "verdict_form": forms.get("verdict_form") or VerdictForm(initial=verdict_initial),
        "source_form": forms.get("source_form") or SourceForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "reason_form": ReasonForm(initial={"version": claim.version}),
        "split_form": SplitForm(initial={"version": claim.version}),
        "neighbours": [n for n in services.neighbours(claim) if n is not None],
        "timeline": selectors.timeline(claim),
        "conflict": forms.get("conflict"),
        "typed": forms.get("typed") or {},
        "matches": matches_for_claim(claim)[:MATCHES_SHOWN],
        "may_reuse": matching_services.may_reuse(claim, user),
        "reuse_error": forms.get("reuse_error", ""),
    }


def _proposed_links(claim) -> list[dict]:
    """The article's own links in or next to the claim, not cited for it yet."""
    article = claim.article
    if not article.links or not claim.is_anchored:
        return []
    cited = {evidence.source.normalized_url for evidence in claim.evidence.all()}
    proposed = []
    for link in links_around(article.links, article.body, claim.start, claim.end):
        try:
            normalized = source_services.normalize_url(link["url"])
        except source_services.SourceError:
            continue  # not an address that could be cited
        if normalized not in cited:
            cited.add(normalized)
            proposed.append(link)
    return proposed


ACTIONS = {
    "take": lambda claim, by, v, data: workflow.take_claim(claim, by=by, expected_version=v),
    "start": lambda claim, by, v, data: workflow.start_review(claim, by=by, expected_version=v),
    "approve": lambda claim, by, v, data: workflow.approve_and_publish(claim, by=by, expected_version=v),
    "send_back": lambda claim, by, v, data: workflow.send_back(claim, reason=data.get("reason", ""), by=by, expected_version=v),
    "reopen": lambda claim, by, v, data: workflow.reopen_claim(claim, reason=data.get("reason", ""), by=by, expected_version=v),
    "withdraw": lambda claim, by, v, data: workflow.withdraw_verdict(claim, reason=data.get("reason", ""), by=by, expected_version=v),
    "dismiss": lambda claim, by, v, data: workflow.dismiss_claim(claim, reason=data.get("reason", ""), not_checkworthy=bool(data.get("not_checkworthy")), by=by, expected_version=v),
}  # fmt: skip


# What each action did, said after it (the page then shows the changed part).
DONE = {
    "take": gettext_lazy("Claim taken: it is yours to check."),
    "start": gettext_lazy("Review started."),
    "approve": gettext_lazy("Verdict approved and published."),
    "send_back": gettext_lazy("Verdict sent back to the reviewer."),
    "reopen": gettext_lazy("Claim reopened for a correction."),
    "withdraw": gettext_lazy("Published verdict withdrawn."),
    "dismiss": gettext_lazy("Claim dismissed."),
}


@desk_member
@require_POST
def claim_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404(_("No such action."))
    claim = get_object_or_404(Claim, pk=pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return redirect("desk:claim", pk=pk)
    try:
        ACTIONS[action](claim, request.user, form.cleaned_data["version"], request.POST)
    except workflow.StaleVersion as conflict:
        # What the user typed stays in the form they see again.
        typed = {"action": action, "reason": request.POST.get("reason", "")}
        typed["not_checkworthy"] = bool(request.POST.get("not_checkworthy"))
        return _conflict(request, pk, conflict, typed=typed)
    except workflow.WorkflowError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, DONE[action])
    return redirect(f"{reverse('desk:claim', args=[pk])}#workflow")


@desk_member
@require_POST
def verdict_propose(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = VerdictForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if claim.status == Claim.Status.ASSIGNED and claim.assignee_id == request.user.pk:
                claim = workflow.start_review(
                    claim, by=request.user, expected_version=data["version"]
                )
                data["version"] = claim.version
            workflow.propose_verdict(
                claim,
                rating=data["rating"],
                summary=data["summary"],
                rationale=data["rationale"],
                by=request.user,
                expected_version=data["version"],
                # A page from before the wording fields leaves the wording as it is.
                wording=_wording(claim, data) if "reviewed_text" in request.POST else None,
            )
        except workflow.StaleVersion as conflict:
            return _conflict(request, pk, conflict, verdict_form=form)
        except workflow.WorkflowError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Verdict proposed; an editor will review it."))
            return redirect("desk:claim", pk=pk)
    return _invalid(request, pk, verdict_form=form)


def _match_of(request, pk, candidate_pk) -> tuple[Claim, MatchCandidate]:
    """The claim and one of its matches, for a user who may act on them (else 403)."""
    claim = get_object_or_404(Claim, pk=pk)
    candidate = get_object_or_404(
        MatchCandidate.objects.select_related("entry__review", "entry__claim"),
        pk=candidate_pk,
        claim_id=pk,
    )
    if not matching_services.may_reuse(claim, request.user):
        raise PermissionDenied
    return claim, candidate


def _to_matches(pk):
    return redirect(f"{reverse('desk:claim', args=[pk])}#already-checked")


@desk_member
@require_POST
def match_reuse(request, pk, candidate_pk):
    """ "Reuse this verdict": a proposed verdict from the earlier fact-check, which it cites."""
    claim, candidate = _match_of(request, pk, candidate_pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return _to_matches(pk)
    try:
        matching_services.reuse_verdict(
            claim, candidate, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except workflow.StaleVersion as conflict:
        return _conflict(request, pk, conflict)
    except matching_services.UnknownRating as unknown:
        # Not guessed: the reviewer chooses the rating; the summary is written for them.
        claim = _workspace(pk)
        verdict_form = VerdictForm(
            {
                "version": claim.version,
                "summary": unknown.summary,
                "rationale": "",
                "reviewed_text": claim.reviewed_text or claim.text,
                "speaker_name": claim.speaker_name,
                "speaker_role": claim.speaker_role,
                "claimant": "" if claim.claimant == claim.speaker_name else claim.claimant,
            }
        )
        verdict_form.is_valid()  # the rating is missing: the form says so
        verdict_form.add_error(None, str(unknown))
        context = _claim_context(
            request, claim, verdict_form=verdict_form, reuse_error=str(unknown)
        )
        return render(request, "desk/claim_detail.html", context, status=400)
    except workflow.WorkflowError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Verdict proposed from an earlier fact-check."))
    return _to_matches(pk)


@desk_member
@require_POST
def match_dismiss(request, pk, candidate_pk):
    """ "Not the same claim": the match is hidden, also after the claim is matched again."""
    _claim, candidate = _match_of(request, pk, candidate_pk)
    matching_index.dismiss_match(candidate, by=request.user)
    messages.success(request, _("Match hidden."))
    return _to_matches(pk)


def _wording(claim, data) -> dict:
    """The claim's public wording from the verdict form; the span's text means none."""
    text = data["reviewed_text"].strip()
    speaker = data["speaker_name"].strip()
    claimant = data["claimant"].strip() or speaker
    return {
        "reviewed_text": "" if text == claim.text else text,
        "speaker_name": speaker,
        "speaker_role": data["speaker_role"].strip() if speaker else "",
        "claimant": claimant,
        # The engine's role belongs to the engine's claimant; another claimant has none.
        "claimant_role": claim.claimant_role if claimant == claim.claimant else "",
    }


def _invalid(request, pk, **forms):
    """The workspace again, with the form that did not validate and its errors."""
    context = _claim_context(request, _workspace(pk), **forms)
    return render(request, "desk/claim_detail.html", context, status=400)


def _conflict(request, pk, conflict, **forms):
    claim = _workspace(pk)
    current = conflict.current
    what = _("status “%(status)s”, assignee %(assignee)s, version %(version)s") % {
        "status": current.get_status_display() if isinstance(current, Claim) else "",
        "assignee": getattr(getattr(current, "assignee", None), "username", "–"),
        "version": current.version,
    }
    context = _claim_context(
        request, claim, conflict={"message": str(conflict), "now": what}, **forms
    )
    return render(request, "desk/claim_detail.html", context, status=409)


@desk_member
@require_POST
def source_add(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = SourceForm(request.POST)
    if form.is_valid():
        try:
            source_services.cite(
                claim,
                form.cleaned_data["url"],
                stance=form.cleaned_data["stance"],
                excerpt=form.cleaned_data["excerpt"],
                by=request.user,
            )
        except source_services.SourceError as refused:
            form.add_error("url", str(refused))
        else:
            messages.success(request, _("Source added; it is being archived."))
            return redirect("desk:claim", pk=pk)
    return _invalid(request, pk, source_form=form)


@desk_member
@require_POST
def evidence_remove(request, pk, evidence_pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("claim"), pk=evidence_pk, claim_id=pk
    )
    try:
        source_services.remove_evidence(evidence, by=request.user)
    except source_services.SourceError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Source removed from this claim."))
    return redirect(f"{reverse('desk:claim', args=[pk])}#sources-heading")


@desk_member
@require_POST
def source_retry(request, pk, evidence_pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("source"), pk=evidence_pk, claim_id=pk
    )
    if source_services.retry_archive(evidence.source):
        messages.success(request, _("Trying the source again; the page updates when it is done."))
    else:
        messages.error(request, _("Only a source that failed can be tried again."))
    return redirect(f"{reverse('desk:claim', args=[pk])}#sources-heading")


@desk_member
def evidence_status(request, pk):
    """The sources of a claim and how far archiving got, for the page to poll."""
    claim = get_object_or_404(Claim, pk=pk)
    rows = claim.evidence.select_related("source").order_by("created_at")
    return JsonResponse(
        {
            "evidence": [
                {
                    "id": e.pk,
                    "status": e.source.status,
                    "status_label": e.source.get_status_display(),
                    "error": e.source.last_error,
                    "located": e.located,
                }
                for e in rows
            ]
        }
    )


@desk_member
@require_POST
def note_add(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(claim, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("Note added."))
        return redirect("desk:claim", pk=pk)
    return _invalid(request, pk, note_form=form)


@desk_member
@require_POST
def claim_split(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the position to split at."))
        return redirect("desk:claim", pk=pk)
    try:
        services.split_claim(
            claim,
            at=form.cleaned_data["at"],
            by=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except workflow.StaleVersion as conflict:
        return _conflict(request, pk, conflict)
    except services.ClaimEditError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Claim split in two."))
    return redirect("desk:article", pk=claim.article_id)


@desk_member
@require_POST
def claim_merge(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = MergeForm(request.POST)
    other = None
    if form.is_valid():
        other = Claim.objects.filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        messages.error(request, _("Choose the neighbouring claim to merge with."))
        return redirect("desk:claim", pk=pk)
    try:
        services.merge_claims(
            claim,
            other,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            other_version=form.cleaned_data["other_version"],
        )
    except workflow.StaleVersion as conflict:
        return _conflict(request, pk, conflict)
    except services.ClaimEditError as refused:
        messages.error(request, str(refused))
        return redirect("desk:claim", pk=pk)
    messages.success(request, _("Claims merged."))
    return redirect("desk:article", pk=claim.article_id)


@desk_member
def claim_search(request):
    form = SearchForm(request.GET or None)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    checked_before = filters.pop("checked_before", False)
    results = search_claims(**{k: v for k, v in filters.items() if v})
    if checked_before:
        results = matching_selectors.matching_published(results)
    page = selectors.claim_page(
        results, request.GET.get("page"), SEARCH_PAGE_SIZE, count_up_to=SEARCH_COUNT_UP_TO
    )
    query = request.GET.copy()
    query.pop("page", None)
    query_string = f"{query.urlencode()}&" if query else ""
    return render(
        request, "desk/search.html", {"form": form, "page": page, "query_string": query_string}
    )


@require_POST
def set_language(request):
    """Django's language switch, and for a signed-in person also their preference:
    notifications and e-mails reach them in it, whoever caused them."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        roles.remember_language(request.user, language)
    return response
