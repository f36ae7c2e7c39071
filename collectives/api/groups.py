"""/api/groups: the text groups the user may see."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.groups import actions
from collectives.groups.models import Group
from collectives.scoping import require_manageable

from .common import Input, ObjectId, Page, PageQuery, ReferenceId, paginate, resolve

router = Router(tags=["groups"])


class GroupOut(Schema):
    id: int
    name: str
    region: int
    collective: int | None
    description: str
    created: date = Field(description="The day the group formed.")


class GroupIn(Input):
    name: str = Field(min_length=1, max_length=100)
    region: ReferenceId
    collective: ReferenceId | None = None
    description: str = Field("", max_length=10_000)
    created: date = Field(None, description="The day the group formed; today if not sent.")


class GroupPatch(Input):
    """Only the fields sent are changed; send ``"collective": null`` to leave a collective."""

    name: str = Field(None, min_length=1, max_length=100)
    region: ReferenceId = None
    collective: ReferenceId | None = None
    description: str = Field(None, max_length=10_000)
    created: date = None


class GroupsQuery(PageQuery):
    region: ReferenceId | None = Field(None, description="Only groups in this region.")
    collective: ReferenceId | None = Field(None, description="Only groups in this collective.")
    q: str | None = Field(None, max_length=100, description="Name contains this.")


def _out(group: Group) -> dict:
    return {
        "id": group.pk,
        "name": group.name,
        "region": group.region_id,
        "collective": group.collective_id,
        "description": group.description,
        "created": group.created,
    }


def _resolve_references(user, fields: dict) -> None:
    if "region" in fields:
        fields["region"] = resolve(
            scoping.visible_regions(user), fields["region"], "region", _("Unknown region.")
        )
    if "collective" in fields:
        fields["collective"] = resolve(
            scoping.visible_collectives(user),
            fields["collective"],
            "collective",
            _("Unknown collective."),
        )


@router.get("", response=Page[GroupOut], summary="List groups")
def list_groups(request, filters: Query[GroupsQuery]):
    groups = scoping.visible_groups(request.user).order_by("name", "id")
    if filters.region is not None:
        groups = groups.filter(region_id=filters.region)
    if filters.collective is not None:
        groups = groups.filter(collective_id=filters.collective)
    if filters.q:
        groups = groups.filter(name__icontains=filters.q)
    items, count = paginate(request, groups, filters)
    return {"items": [_out(group) for group in items], "count": count}


@router.get("/{group_id}", response=GroupOut, summary="Show a group")
def get_group(request, group_id: ObjectId):
    group = scoping.get_visible_or_404(scoping.visible_groups(request.user), pk=group_id)
    record(request.user, "view", group, via="api")
    return _out(group)


@router.post("", response={201: GroupOut}, summary="Add a group")
def create_group(request, payload: GroupIn):
    if not scoping.can_create_group(request.user):
        raise PermissionDenied(_("You cannot create groups."))
    fields = payload.dict(exclude_none=True)
    _resolve_references(request.user, fields)
    group = actions.create_group(user=request.user, via="api", **fields)
    return 201, _out(group)


@router.patch("/{group_id}", response=GroupOut, summary="Change a group")
def update_group(request, group_id: ObjectId, payload: GroupPatch):
    user = request.user
    group = scoping.get_visible_or_404(scoping.visible_groups(user), pk=group_id)
    require_manageable(user, scoping.visible_groups(user), scoping.manageable_groups(user), group)
    fields = payload.dict(exclude_unset=True)
    _resolve_references(user, fields)
    group = actions.update_group(user=user, group=group, via="api", **fields)
    return _out(group)


@router.delete("/{group_id}", response={204: None}, summary="Delete a group")
def delete_group(request, group_id: ObjectId):
    group = scoping.get_visible_or_404(scoping.visible_groups(request.user), pk=group_id)
    actions.delete_group(user=request.user, group=group, via="api")
    return 204, None
