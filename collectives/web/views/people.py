"""People: the scoped list, a person's page, and the forms to add, edit and move them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from collectives import scoping
from collectives.audit.log import record
from collectives.people import actions, privacy
from collectives.people.models import Stage

from ..forms import (
    NewPersonForm,
    NewTieForm,
    PeopleSearchForm,
    PersonForm,
    StageForm,
    add_action_errors,
)
from .common import get_manageable_or_403, posted

PAGE_SIZE = 50


def _load_for_edit(user, pk):
    return get_manageable_or_403(scoping.visible_people(user), scoping.manageable_people(user), pk)


def person_context(user, person, **extra) -> dict:
    """What the person page and its partials show: only what ``user`` may see."""
    can_manage = scoping.manageable_people(user).filter(pk=person.pk).exists()
    ties = scoping.visible_ties(user).touching(person).select_related("person_a", "person_b")
    memberships = scoping.visible_memberships(user).filter(person=person).select_related("group")
    reached = {}  # stage -> the latest date the person stepped onto it
    for step in person.stage_steps.all():
        reached[step.stage] = step.date
    if can_manage:
        extra.setdefault("tie_form", NewTieForm(user=user, person=person))
        extra.setdefault("stage_form", StageForm(initial={"stage": person.stage}))
    return {
        "person": person,
        "can_manage": can_manage,
        "ties": [
            (tie, tie.person_b if tie.person_a_id == person.pk else tie.person_a) for tie in ties
        ],
        "memberships": memberships,
        "ladder": [(stage, reached.get(stage.value)) for stage in Stage],
        **extra,
    }


@require_safe
@login_required
def people(request):
    search = PeopleSearchForm(request.GET)
    query = search.query()
    found = scoping.visible_people(request.user).select_related("region", "workplace")
    if query:
        found = found.filter(display_name__icontains=query)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/people.html", {"page": page, "query": query, "search": search})


@require_safe
@login_required
def person(request, pk):
    visible = scoping.visible_people(request.user).select_related("region", "workplace")
    person = scoping.get_visible_or_404(visible, pk=pk)
    record(request.user, "view", person)
    return render(request, "web/person.html", person_context(request.user, person))


@login_required
def new_person(request):
    form = NewPersonForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.create_person(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": person})
            return redirect("web:person", pk=person.pk)
    return render(request, "web/person_form.html", {"form": form})


@login_required
def edit_person(request, pk):
    person = _load_for_edit(request.user, pk)
    form = PersonForm(posted(request), instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(user=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:person", pk=person.pk)
    return render(request, "web/person_form.html", {"form": form, "person": person})


@login_required
def delete_person(request, pk):
    person = _load_for_edit(request.user, pk)
    if request.method == "POST":
        try:
            actions.delete_person(user=request.user, person=person)
        except ProtectedError:
            # The distribution ledger is append-only, so its rows keep the person alive.
            error = _("%(name)s has copies of the paper on record, so nothing was deleted.")
            context = {"person": person, "error": error % {"name": person}}
            return render(request, "web/person_delete.html", context, status=409)
        messages.success(request, _("Deleted %(name)s.") % {"name": person})
        return redirect("web:people")
    return render(request, "web/person_delete.html", {"person": person})


@require_safe
@login_required
@never_cache
def export_person(request, pk):
    """What we hold about a person, as a JSON file: for those who manage them."""
    person = _load_for_edit(request.user, pk)
    data = privacy.export_person_data(user=request.user, person=person)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
def erase_person(request, pk):
    """Confirm, then erase: delete the person, or anonymize them if the ledger names them."""
    person = _load_for_edit(request.user, pk)
    try:
        privacy.check_erase_person(user=request.user, person=person)
        refusal = None
    except PermissionDenied as error:
        refusal = str(error)
    if request.method == "POST" and refusal is None:
        if privacy.erase_person(user=request.user, person=person) == "deleted":
            messages.success(request, _("Erased: the person was deleted."))
        else:
            messages.success(request, _("Erased: the person was anonymized."))
        return redirect("web:people")
    context = {"person": person, "refusal": refusal, "in_ledger": privacy.is_in_ledger(person)}
    status = 403 if refusal and request.method == "POST" else 200
    return render(request, "web/person_erase.html", context, status=status)


@login_required
def record_stage(request, pk):
    person = _load_for_edit(request.user, pk)
    form = StageForm(posted(request), initial={"stage": person.stage})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_stage(
                user=request.user,
                person=person,
                stage=form.cleaned_data["stage"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Recorded the step on the ladder."))
            return redirect("web:person", pk=person.pk)
    return render(request, "web/stage_form.html", {"form": form, "person": person})


@login_required
def new_tie(request, pk):
    """Add a tie from a person's page; with htmx, answer with the refreshed list of ties."""
    person = _load_for_edit(request.user, pk)
    form = NewTieForm(posted(request), user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_tie(user=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Added the tie."))
                return redirect("web:person", pk=person.pk)
            form = None  # the partial shows a fresh, empty form
    if request.htmx:
        extra = {"tie_form": form} if form else {"added": True}
        return render(
            request, "web/person.html#ties", person_context(request.user, person, **extra)
        )
    return render(request, "web/tie_form.html", {"form": form, "person": person})
