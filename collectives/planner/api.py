"""The collective planner's JSON API: reports, plans, growth and gatherings, all scoped.

Every endpoint works on what the caller may see: the graph is built from
``scoping.visible_people`` and ``scoping.visible_ties``, so a plan never mentions anyone
outside the caller's scope. The set is chosen by ``group`` (repeatable), ``collective`` or
``region``; without any of them it is everyone the caller sees.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from pydantic import Field

from collectives import scoping
from collectives.api.common import MAX_ID
from collectives.audit.log import record_ids
from collectives.people.models import Person

from . import services
from .adapter import Selection, select_for

router = Router(tags=["planner"])

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class SetQuery(Schema):
    group: list[Id] = Field(
        default_factory=list, max_length=50, description="Group ids (repeatable, up to 50)."
    )
    collective: Id | None = None
    region: Id | None = None


class PlanQuery(SetQuery):
    k: Annotated[int, Field(ge=1, le=2)] = Field(
        2, description="1: connected; 2: no single tie's loss splits it."
    )
    vertex: bool = Field(False, description="No single person's departure splits it.")
    cost: Literal["default", "uniform"] = "default"
    max_per_person: Annotated[int, Field(ge=1, le=1000)] | None = None
    time_limit: Annotated[float, Field(gt=0, le=60)] = 20


class GrowthQuery(SetQuery):
    limit: Annotated[int, Field(ge=1, le=200)] = 20


class GatheringsQuery(SetQuery):
    count: Annotated[int, Field(ge=1, le=50)] = 3
    size: Annotated[int, Field(ge=2, le=200)] = 12


def _selection(request, query: SetQuery) -> Selection:
    user = request.auth
    chosen = sum(bool(x) for x in (query.group, query.collective, query.region))
    if chosen > 1:
        raise ValidationError({"group": "Choose groups, a collective or a region, not several."})
    groups = [scoping.get_visible_or_404(scoping.visible_groups(user), pk=pk) for pk in query.group]
    collective = region = None
    if query.collective:
        collective = scoping.get_visible_or_404(
            scoping.visible_collectives(user), pk=query.collective
        )
    if query.region:
        region = scoping.get_visible_or_404(scoping.visible_regions(user), pk=query.region)
    selection = select_for(user, groups=groups, collective=collective, region=region)
    record_ids(user, "view", Person, [int(i) for i in selection.graph.ids], via="api")
    return selection


@router.get("/report", summary="Cohesion report of a set of people")
def report(request, query: Query[SetQuery]):
    return services.report(_selection(request, query))


@router.get("/introductions", summary="The cheapest introductions that knit the set together")
def introductions(request, query: Query[PlanQuery]):
    if query.vertex and query.k == 1:
        raise ValidationError({"vertex": "vertex asks for 2-vertex-connectivity; drop k=1."})
    return services.plan(
        _selection(request, query),
        k=query.k,
        vertex=query.vertex,
        cost=query.cost,
        max_per_person=query.max_per_person,
        time_limit=query.time_limit,
    )


@router.get("/growth", summary="Whom to invite next, and who should invite them")
def growth(request, query: Query[GrowthQuery]):
    return services.growth(_selection(request, query), limit=query.limit)


@router.get("/gatherings", summary="Guest lists for mixed gatherings")
def gatherings(request, query: Query[GatheringsQuery]):
    return services.gatherings(_selection(request, query), count=query.count, size=query.size)
