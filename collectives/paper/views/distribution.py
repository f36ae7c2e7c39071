"""Logging copies: the three-tap phone form, bundles, hand-outs, returns and corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectives import scoping

from .. import actions
from ..forms import (
    BundleForm,
    CorrectionForm,
    CountForm,
    HandoutForm,
    QuickHandoutForm,
    apply_errors,
    published_issues,
)
from ..models import Category, Holding

PAGE_SIZE = 50


def _published_or_404(user, number):
    return scoping.get_visible_or_404(published_issues(user), number=number)


def _on_hand(user, issue) -> Holding | None:
    if not (user.person_id and issue):
        return None
    return Holding.objects.filter(issue=issue, person_id=user.person_id).first()


def _recorded(request, issue, by, what: str):
    """Say what was recorded and how many copies are left, then go back to the log."""
    holding = Holding.objects.get(issue=issue, person=by)
    left = ngettext(
        "%(left)s copy of %(issue)s left with %(name)s.",
        "%(left)s copies of %(issue)s left with %(name)s.",
        holding.on_hand,
    ) % {"left": holding.on_hand, "issue": issue, "name": by}
    messages.success(request, f"{what} {left}")
    return redirect(reverse("paper:log") + f"?issue={issue.number}")


@login_required
def log(request):
    """Tap the issue (the latest is chosen), tap whom the copies went to, type a number."""
    form = QuickHandoutForm(request.POST or None, user=request.user)
    issues = list(form.fields["issue"].queryset)
    chosen = next((i for i in issues if str(i.number) == request.GET.get("issue")), None)
    form.initial["issue"] = chosen or (issues[0] if issues else None)
    if request.method == "POST" and request.user.person_id and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_handout(user=request.user, by=request.user.person, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            what = ngettext(
                "Recorded %(copies)s copy to %(category)s.",
                "Recorded %(copies)s copies to %(category)s.",
                data["copies"],
            ) % {"copies": data["copies"], "category": Category(data["category"]).label}
            return _recorded(request, data["issue"], request.user.person, what)
    shown = getattr(form, "cleaned_data", {}).get("issue") or form.initial["issue"]
    holding = _on_hand(request.user, shown)
    return render(request, "paper/log.html", {"form": form, "issues": issues, "holding": holding})


def _count_view(request, number, *, taking: bool):
    issue = _published_or_404(request.user, number)
    form = CountForm(request.POST or None)
    if not taking:
        del form.fields["place"]
    if request.method == "POST" and request.user.person_id and form.is_valid():
        data = form.cleaned_data
        record = actions.record_bundle if taking else actions.record_return
        try:
            record(user=request.user, issue=issue, by=request.user.person, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            what = _("Recorded.")
            return _recorded(request, issue, request.user.person, what)
    context = {"form": form, "issue": issue, "taking": taking}
    context["holding"] = _on_hand(request.user, issue)
    return render(request, "paper/count_form.html", context)


@login_required
def take(request, number):
    return _count_view(request, number, taking=True)


@login_required
def give_back(request, number):
    return _count_view(request, number, taking=False)


@login_required
def new_bundle(request):
    form = BundleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_bundle(
                user=request.user, issue=data["issue"], by=data["person"], copies=data["copies"],
                on=data["date"], place=data["place"],
            )  # fmt: skip
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _recorded(request, data["issue"], data["person"], _("Recorded."))
    return render(request, "paper/entry_form.html", {"form": form, "bundle": True})


@login_required
def new_handout(request):
    form = HandoutForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_handout(
                user=request.user, issue=data["issue"], by=data["person"], copies=data["copies"],
                category=data["category"], to=data["to"], new_contact=data["new_contact"],
                on=data["date"],
            )  # fmt: skip
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _recorded(request, data["issue"], data["person"], _("Recorded."))
    return render(request, "paper/entry_form.html", {"form": form, "bundle": False})


@login_required
def entries(request):
    """The visible ledger, newest first, with a link to correct each row one may change."""
    user = request.user
    issue = request.GET.get("issue", "")
    kind = "bundles" if request.GET.get("kind") == "bundles" else "handouts"
    rows = scoping.visible_bundles(user) if kind == "bundles" else scoping.visible_handouts(user)
    if issue.isdigit() and len(issue) < 10:
        rows = rows.filter(issue__number=int(issue))
    rows = rows.select_related("issue", "person", "group", "corrects")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    manageable = set(scoping.distributing_people(user).values_list("pk", flat=True))
    context = {"page": page, "kind": kind, "issue": issue, "manageable": manageable}
    context["issues"] = published_issues(user).order_by("-number")
    return render(request, "paper/entries.html", context)


def _correct_view(request, pk, *, bundle: bool):
    rows = scoping.visible_bundles if bundle else scoping.visible_handouts
    row = scoping.get_visible_or_404(rows(request.user).select_related("issue", "person"), pk=pk)
    original = row.corrects or row
    if not scoping.distributing_people(request.user).filter(pk=original.person_id).exists():
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        correct = actions.correct_bundle if bundle else actions.correct_handout
        target = {"bundle": original} if bundle else {"handout": original}
        try:
            correct(user=request.user, **target, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _recorded(request, original.issue, original.person, _("Corrected."))
    context = {"form": form, "row": original, "bundle": bundle}
    context["current"] = actions.corrected_total(original)
    return render(request, "paper/correct_form.html", context)


@login_required
def correct_bundle(request, pk):
    return _correct_view(request, pk, bundle=True)


@login_required
def correct_handout(request, pk):
    return _correct_view(request, pk, bundle=False)
