"""Ties: edit one, or delete it. New ties are added from a person's page (people.new_tie)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectives import scoping
from collectives.people import actions

from ..forms import TieForm, add_action_errors
from .common import get_manageable_or_403, posted, redirect_next


def _load_for_edit(user, pk):
    ties = scoping.visible_ties(user).select_related("person_a", "person_b")
    return get_manageable_or_403(ties, scoping.manageable_ties(user), pk)


@login_required
def edit_tie(request, pk):
    tie = _load_for_edit(request.user, pk)
    initial = {"kinds": tie.kinds, "strength": tie.strength, "since": tie.since}
    form = TieForm(posted(request), initial={**initial, "source": tie.source})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_tie(user=request.user, tie=tie, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect_next(request, "web:person", pk=tie.person_a_id)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return render(request, "web/tie_form.html", {"form": form, "tie": tie, "next": next_url})


@require_POST
@login_required
def delete_tie(request, pk):
    tie = _load_for_edit(request.user, pk)
    actions.delete_tie(user=request.user, tie=tie)
    messages.success(request, _("Deleted the tie."))
    return redirect_next(request, "web:person", pk=tie.person_a_id)
