"""Reading the paper online, and the editors' forms to make and publish issues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectives import scoping
from collectives.audit.log import record

from .. import actions
from ..forms import ArticleForm, IssueForm, apply_errors
from ..models import Article


def _issue_or_404(user, number):
    return scoping.get_visible_or_404(scoping.visible_paper_issues(user), number=number)


def _require_editor(user) -> None:
    if not scoping.can_edit_paper(user):
        raise PermissionDenied


@login_required
def home(request):
    issues = scoping.visible_paper_issues(request.user).prefetch_related("editions")
    return render(
        request,
        "paper/home.html",
        {"issues": issues, "can_edit": scoping.can_edit_paper(request.user)},
    )


@login_required
def issue(request, number):
    issue = _issue_or_404(request.user, number)
    editions = list(issue.editions.all())
    wanted = request.GET.get("lang") or (get_language() or "en")[:2]
    edition = next((e for e in editions if e.language == wanted), editions[0] if editions else None)
    articles = edition.articles.select_related("region") if edition else Article.objects.none()
    record(request.user, "view", issue)
    context = {"issue": issue, "editions": editions, "edition": edition, "articles": articles}
    context["can_edit"] = scoping.can_edit_paper(request.user)
    return render(request, "paper/issue.html", context)


@login_required
def article(request, pk):
    visible = scoping.visible_articles(request.user).select_related("edition__issue", "region")
    article = scoping.get_visible_or_404(visible, pk=pk)
    record(request.user, "view", article)
    context = {"article": article, "issue": article.edition.issue}
    context["counterparts"] = (
        scoping.visible_articles(request.user)
        .filter(pk__in=article.counterparts().values("pk"))
        .select_related("edition")
    )
    context["can_edit"] = scoping.can_edit_paper(request.user)
    return render(request, "paper/article.html", context)


@login_required
def new_issue(request):
    _require_editor(request.user)
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = actions.create_issue(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(issue)s was started as a draft.") % {"issue": issue})
            return redirect("paper:issue", number=issue.number)
    return render(request, "paper/issue_form.html", {"form": form})


@login_required
def edit_issue(request, number):
    _require_editor(request.user)
    issue = _issue_or_404(request.user, number)
    initial = {"number": issue.number, "date": issue.date}
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_issue(user=request.user, issue=issue, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("paper:issue", number=issue.number)
    return render(request, "paper/issue_form.html", {"form": form, "issue": issue})


@login_required
@require_POST
def publish_issue(request, number):
    _require_editor(request.user)
    issue = _issue_or_404(request.user, number)
    try:
        actions.publish_issue(user=request.user, issue=issue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(issue)s is published.") % {"issue": issue})
    return redirect("paper:issue", number=issue.number)


@login_required
def new_article(request, number):
    _require_editor(request.user)
    issue = _issue_or_404(request.user, number)
    initial = {"language": request.GET.get("lang", "en")}
    form = ArticleForm(request.POST or None, issue=issue, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article = actions.create_article(user=request.user, issue=issue, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Article added."))
            return redirect("paper:article", pk=article.pk)
    return render(request, "paper/article_form.html", {"form": form, "issue": issue})


@login_required
def edit_article(request, pk):
    _require_editor(request.user)
    article = scoping.get_visible_or_404(scoping.visible_articles(request.user), pk=pk)
    issue = article.edition.issue
    form = ArticleForm(request.POST or None, article=article, issue=issue, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in actions.ARTICLE_FIELDS}
        try:
            actions.update_article(user=request.user, article=article, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("paper:article", pk=article.pk)
    context = {"form": form, "issue": issue, "article": article}
    return render(request, "paper/article_form.html", context)
