"""Home, text groups and memberships."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from collectives import scoping
from collectives.audit.log import record
from collectives.groups import actions

from ..drawing import circle_layout
from ..forms import GroupForm, MembershipForm, NewMemberForm, add_action_errors
from .common import get_manageable_or_403, posted


@require_safe
@login_required
def home(request):
    """My groups first; coordinators and admins also get the other groups they can see."""
    user = request.user
    mine = (
        scoping.visible_memberships(user)
        .filter(person_id=user.person_id)
        .select_related("group__region")
        .order_by("group__name")
    )
    others = scoping.visible_groups(user)
    if user.person_id:
        others = others.exclude(memberships__person_id=user.person_id)
    others = (
        others.select_related("region", "collective")
        .annotate(member_count=Count("memberships"))
        .order_by("region__name", "name")
    )
    return render(
        request,
        "web/home.html",
        {"mine": mine, "others": others, "can_create_group": scoping.can_create_group(user)},
    )


def group_context(user, group, **extra) -> dict:
    """What the group page and its partials show: members, their roles and stages, ties."""
    can_manage = scoping.manageable_groups(user).filter(pk=group.pk).exists()
    # Organizers first ("organizer" sorts after "member"), then by name.
    memberships = list(
        scoping.visible_memberships(user)
        .filter(group=group)
        .select_related("person")
        .order_by("-role", "person__display_name", "pk")
    )
    people = {m.person_id: m.person for m in memberships}
    ties = list(
        scoping.visible_ties(user).filter(person_a__in=list(people), person_b__in=list(people))
    )
    degree = Counter()
    for tie in ties:
        degree[tie.person_a_id] += 1
        degree[tie.person_b_id] += 1
    if can_manage:
        extra.setdefault("member_form", NewMemberForm(user=user, group=group))
    return {
        "group": group,
        "can_manage": can_manage,
        "members": [(m, degree[m.person_id]) for m in memberships],
        "pairs": [(people[t.person_a_id], people[t.person_b_id], t) for t in ties],
        "drawing": circle_layout([m.person for m in memberships], ties),
        **extra,
    }


@require_safe
@login_required
def group(request, pk):
    visible = scoping.visible_groups(request.user).select_related("region", "collective")
    group = scoping.get_visible_or_404(visible, pk=pk)
    record(request.user, "view", group)
    return render(request, "web/group.html", group_context(request.user, group))


def _load_for_edit(user, pk):
    groups = scoping.visible_groups(user).select_related("region", "collective")
    return get_manageable_or_403(groups, scoping.manageable_groups(user), pk)


@login_required
def new_group(request):
    if not scoping.can_create_group(request.user):
        raise PermissionDenied
    form = GroupForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.create_group(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Created the group %(name)s.") % {"name": group})
            return redirect("web:group", pk=group.pk)
    return render(request, "web/group_form.html", {"form": form})


@login_required
def edit_group(request, pk):
    group = _load_for_edit(request.user, pk)
    form = GroupForm(posted(request), instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_group(user=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:group", pk=group.pk)
    return render(request, "web/group_form.html", {"form": form, "group": group})


@login_required
def delete_group(request, pk):
    group = _load_for_edit(request.user, pk)
    if request.method == "POST":
        actions.delete_group(user=request.user, group=group)
        messages.success(request, _("Deleted the group %(name)s.") % {"name": group})
        return redirect("web:home")
    return render(request, "web/group_delete.html", {"group": group})


@login_required
def add_member(request, pk):
    """Add a member from the group page; with htmx, answer with the refreshed member list."""
    group = _load_for_edit(request.user, pk)
    form = NewMemberForm(posted(request), user=request.user, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_member(user=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Added the member."))
                return redirect("web:group", pk=group.pk)
            form = None  # the partial shows a fresh, empty form
    if request.htmx:
        extra = {"member_form": form} if form else {"added": True}
        return render(
            request, "web/group.html#members", group_context(request.user, group, **extra)
        )
    return render(request, "web/member_form.html", {"form": form, "group": group})


def _load_membership(user, pk):
    memberships = scoping.visible_memberships(user).select_related("person", "group")
    return get_manageable_or_403(memberships, scoping.manageable_memberships(user), pk)


@login_required
def edit_membership(request, pk):
    membership = _load_membership(request.user, pk)
    form = MembershipForm(posted(request), instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_membership(user=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:group", pk=membership.group_id)
    return render(request, "web/membership_form.html", {"form": form, "membership": membership})


@require_POST
@login_required
def remove_member(request, pk):
    membership = _load_membership(request.user, pk)
    actions.remove_member(user=request.user, membership=membership)
    messages.success(request, _("Removed %(name)s from the group.") % {"name": membership.person})
    return redirect("web:group", pk=membership.group_id)
