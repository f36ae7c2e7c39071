"""/api/regions: the regions and cells of the organization the user may see."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.groups import actions
from collectives.groups.models import Region

from .common import Input, ObjectId, Page, PageQuery, paginate

router = Router(tags=["regions"])


class RegionOut(Schema):
    id: int
    name: str
    country: str


class RegionIn(Input):
    name: str = Field(min_length=1, max_length=100)
    country: str = Field("", max_length=100)


class RegionPatch(Input):
    """Only the fields sent are changed."""

    name: str = Field(None, min_length=1, max_length=100)
    country: str = Field(None, max_length=100)


def _out(region: Region) -> dict:
    return {"id": region.pk, "name": region.name, "country": region.country}


@router.get("", response=Page[RegionOut], summary="List regions")
def list_regions(request, filters: Query[PageQuery]):
    items, count = paginate(request, scoping.visible_regions(request.user), filters)
    return {"items": [_out(region) for region in items], "count": count}


@router.get("/{region_id}", response=RegionOut, summary="Show a region")
def get_region(request, region_id: ObjectId):
    region = scoping.get_visible_or_404(scoping.visible_regions(request.user), pk=region_id)
    record(request.user, "view", region, via="api")
    return _out(region)


@router.post("", response={201: RegionOut}, summary="Add a region (admins)")
def create_region(request, payload: RegionIn):
    region = actions.create_region(user=request.user, via="api", **payload.dict())
    return 201, _out(region)


@router.patch("/{region_id}", response=RegionOut, summary="Change a region (admins)")
def update_region(request, region_id: ObjectId, payload: RegionPatch):
    region = scoping.get_visible_or_404(scoping.visible_regions(request.user), pk=region_id)
    fields = payload.dict(exclude_unset=True)
    region = actions.update_region(user=request.user, region=region, via="api", **fields)
    return _out(region)


@router.delete("/{region_id}", response={204: None}, summary="Delete an empty region (admins)")
def delete_region(request, region_id: ObjectId):
    region = scoping.get_visible_or_404(scoping.visible_regions(request.user), pk=region_id)
    actions.delete_region(user=request.user, region=region, via="api")
    return 204, None
