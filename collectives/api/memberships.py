"""/api/memberships: who is in which text group, for the groups the user may see."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.groups import actions
from collectives.groups.models import Membership
from collectives.scoping import require_manageable

from .common import Input, ObjectId, Page, PageQuery, ReferenceId, paginate, resolve

router = Router(tags=["memberships"])


class MembershipOut(Schema):
    id: int
    person: int
    group: int
    role: Membership.Role
    joined: date


class MembershipIn(Input):
    person: ReferenceId
    group: ReferenceId
    role: Membership.Role = Membership.Role.MEMBER
    joined: date = Field(None, description="Today if not sent.")


class MembershipPatch(Input):
    """Only the fields sent are changed; to move someone, delete and create."""

    role: Membership.Role = None
    joined: date = None


class MembershipsQuery(PageQuery):
    group: ReferenceId | None = Field(None, description="Only this group's memberships.")
    person: ReferenceId | None = Field(None, description="Only this person's memberships.")


def _out(membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "person": membership.person_id,
        "group": membership.group_id,
        "role": membership.role,
        "joined": membership.joined,
    }


@router.get("", response=Page[MembershipOut], summary="List memberships")
def list_memberships(request, filters: Query[MembershipsQuery]):
    memberships = scoping.visible_memberships(request.user).order_by(
        "group__name", "person__display_name", "id"
    )
    if filters.group is not None:
        memberships = memberships.filter(group_id=filters.group)
    if filters.person is not None:
        memberships = memberships.filter(person_id=filters.person)
    items, count = paginate(request, memberships, filters)
    return {"items": [_out(membership) for membership in items], "count": count}


@router.get("/{membership_id}", response=MembershipOut, summary="Show a membership")
def get_membership(request, membership_id: ObjectId):
    membership = scoping.get_visible_or_404(
        scoping.visible_memberships(request.user), pk=membership_id
    )
    record(request.user, "view", membership, via="api")
    return _out(membership)


@router.post("", response={201: MembershipOut}, summary="Put a person into a group")
def create_membership(request, payload: MembershipIn):
    user = request.user
    fields = payload.dict(exclude_none=True)
    groups = scoping.visible_groups(user)
    group = resolve(groups, fields.pop("group"), "group", _("Unknown group."))
    # Someone who cannot manage the group learns nothing more about the person.
    require_manageable(user, groups, scoping.manageable_groups(user), group)
    person = resolve(
        scoping.visible_people(user), fields.pop("person"), "person", _("Unknown person.")
    )
    membership = actions.add_member(user=user, group=group, person=person, via="api", **fields)
    return 201, _out(membership)


@router.patch("/{membership_id}", response=MembershipOut, summary="Change a membership")
def update_membership(request, membership_id: ObjectId, payload: MembershipPatch):
    membership = scoping.get_visible_or_404(
        scoping.visible_memberships(request.user), pk=membership_id
    )
    fields = payload.dict(exclude_unset=True)
    membership = actions.update_membership(
        user=request.user, membership=membership, via="api", **fields
    )
    return _out(membership)


@router.delete("/{membership_id}", response={204: None}, summary="Take a person out of a group")
def delete_membership(request, membership_id: ObjectId):
    membership = scoping.get_visible_or_404(
        scoping.visible_memberships(request.user), pk=membership_id
    )
    actions.remove_member(user=request.user, membership=membership, via="api")
    return 204, None
