"""/api/collectives: sets of groups in one region being knit together."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.groups import actions
from collectives.groups.models import Collective
from collectives.scoping import require_manageable

from .common import Input, ObjectId, Page, PageQuery, ReferenceId, paginate, resolve

router = Router(tags=["collectives"])


class CollectiveOut(Schema):
    id: int
    name: str
    region: int
    description: str
    groups: list[int] = Field(description="The ids of its groups that you can see.")


class CollectiveIn(Input):
    name: str = Field(min_length=1, max_length=100)
    region: ReferenceId
    description: str = Field("", max_length=10_000)


class CollectivePatch(Input):
    """Only the fields sent are changed."""

    name: str = Field(None, min_length=1, max_length=100)
    region: ReferenceId = None
    description: str = Field(None, max_length=10_000)


class CollectivesQuery(PageQuery):
    region: ReferenceId | None = Field(None, description="Only collectives in this region.")


def _out(collective: Collective, group_ids: list[int]) -> dict:
    return {
        "id": collective.pk,
        "name": collective.name,
        "region": collective.region_id,
        "description": collective.description,
        "groups": group_ids,
    }


def _visible_group_ids(user, collectives: list[Collective]) -> dict[int, list[int]]:
    # Only groups the user can see: a collective must not reveal its other groups' ids.
    rows = (
        scoping.visible_groups(user)
        .filter(collective__in=[collective.pk for collective in collectives])
        .order_by("name", "id")
        .values_list("collective_id", "pk")
    )
    by_collective = defaultdict(list)
    for collective_id, group_id in rows:
        by_collective[collective_id].append(group_id)
    return by_collective


def _resolve_region(user, fields: dict) -> None:
    if "region" in fields:
        fields["region"] = resolve(
            scoping.visible_regions(user), fields["region"], "region", _("Unknown region.")
        )


@router.get("", response=Page[CollectiveOut], summary="List collectives")
def list_collectives(request, filters: Query[CollectivesQuery]):
    collectives = scoping.visible_collectives(request.user).order_by("name", "id")
    if filters.region is not None:
        collectives = collectives.filter(region_id=filters.region)
    items, count = paginate(request, collectives, filters)
    groups = _visible_group_ids(request.user, items)
    return {"items": [_out(c, groups[c.pk]) for c in items], "count": count}


@router.get("/{collective_id}", response=CollectiveOut, summary="Show a collective")
def get_collective(request, collective_id: ObjectId):
    collective = scoping.get_visible_or_404(
        scoping.visible_collectives(request.user), pk=collective_id
    )
    record(request.user, "view", collective, via="api")
    return _out(collective, _visible_group_ids(request.user, [collective])[collective.pk])


@router.post("", response={201: CollectiveOut}, summary="Add a collective")
def create_collective(request, payload: CollectiveIn):
    if not scoping.can_create_collective(request.user):
        raise PermissionDenied(_("You cannot create collectives."))
    fields = payload.dict()
    _resolve_region(request.user, fields)
    collective = actions.create_collective(user=request.user, via="api", **fields)
    return 201, _out(collective, [])


@router.patch("/{collective_id}", response=CollectiveOut, summary="Change a collective")
def update_collective(request, collective_id: ObjectId, payload: CollectivePatch):
    user = request.user
    visible = scoping.visible_collectives(user)
    collective = scoping.get_visible_or_404(visible, pk=collective_id)
    require_manageable(user, visible, scoping.manageable_collectives(user), collective)
    fields = payload.dict(exclude_unset=True)
    _resolve_region(user, fields)
    collective = actions.update_collective(user=user, collective=collective, via="api", **fields)
    return _out(collective, _visible_group_ids(user, [collective])[collective.pk])


@router.delete("/{collective_id}", response={204: None}, summary="Delete a collective")
def delete_collective(request, collective_id: ObjectId):
    collective = scoping.get_visible_or_404(
        scoping.visible_collectives(request.user), pk=collective_id
    )
    actions.delete_collective(user=request.user, collective=collective, via="api")
    return 204, None
