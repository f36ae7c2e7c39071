"""/api/ties: who knows whom, among the people the user may see."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.people import actions
from collectives.people.models import Tie, TieKind, TieSource

from .common import (
    Input,
    ObjectId,
    Page,
    PageQuery,
    ReferenceId,
    api_field_names,
    paginate,
    resolve,
)

router = Router(tags=["ties"])

# The actions name the two ends ``person`` and ``other``; the API calls them ``a`` and ``b``.
FIELD_NAMES = {"person": "a", "other": "b", "person_a": "a", "person_b": "b"}


class TieOut(Schema):
    id: int
    a: int = Field(description="The person with the lower id.")
    b: int = Field(description="The person with the higher id.")
    kinds: list[str]
    strength: int
    since: date | None
    source: TieSource


class TieIn(Input):
    a: ReferenceId
    b: ReferenceId
    kinds: list[TieKind] = Field(min_length=1, max_length=len(TieKind))
    strength: int = Field(3, ge=1, le=5)
    since: date | None = None
    source: TieSource = TieSource.ENTERED


class TiePatch(Input):
    """Only the fields sent are changed; the two people of a tie never change."""

    kinds: list[TieKind] = Field(None, min_length=1, max_length=len(TieKind))
    strength: int = Field(None, ge=1, le=5)
    since: date | None = None
    source: TieSource = None


class TiesQuery(PageQuery):
    person: ReferenceId | None = Field(None, description="Only ties of this person.")


def _out(tie: Tie) -> dict:
    return {
        "id": tie.pk,
        "a": tie.person_a_id,
        "b": tie.person_b_id,
        "kinds": tie.kinds,
        "strength": tie.strength,
        "since": tie.since,
        "source": tie.source,
    }


def _unique(kinds: list[str]) -> list[str]:
    return list(dict.fromkeys(kinds))


@router.get("", response=Page[TieOut], summary="List ties")
def list_ties(request, filters: Query[TiesQuery]):
    ties = scoping.visible_ties(request.user)
    if filters.person is not None:
        ties = ties.touching(filters.person)
    items, count = paginate(request, ties, filters)
    return {"items": [_out(tie) for tie in items], "count": count}


@router.get("/{tie_id}", response=TieOut, summary="Show a tie")
def get_tie(request, tie_id: ObjectId):
    tie = scoping.get_visible_or_404(scoping.visible_ties(request.user), pk=tie_id)
    record(request.user, "view", tie, via="api")
    return _out(tie)


@router.post("", response={201: TieOut}, summary="Add a tie")
def create_tie(request, payload: TieIn):
    fields = payload.dict()
    people = scoping.visible_people(request.user)
    person = resolve(people, fields.pop("a"), "a", _("Unknown person."))
    other = resolve(people, fields.pop("b"), "b", _("Unknown person."))
    fields["kinds"] = _unique(fields["kinds"])
    with api_field_names(**FIELD_NAMES):
        tie = actions.create_tie(user=request.user, person=person, other=other, via="api", **fields)
    return 201, _out(tie)


@router.patch("/{tie_id}", response=TieOut, summary="Change a tie")
def update_tie(request, tie_id: ObjectId, payload: TiePatch):
    tie = scoping.get_visible_or_404(scoping.visible_ties(request.user), pk=tie_id)
    fields = payload.dict(exclude_unset=True)
    if "kinds" in fields:
        fields["kinds"] = _unique(fields["kinds"])
    with api_field_names(**FIELD_NAMES):
        tie = actions.update_tie(user=request.user, tie=tie, via="api", **fields)
    return _out(tie)


@router.delete("/{tie_id}", response={204: None}, summary="Delete a tie")
def delete_tie(request, tie_id: ObjectId):
    tie = scoping.get_visible_or_404(scoping.visible_ties(request.user), pk=tie_id)
    actions.delete_tie(user=request.user, tie=tie, via="api")
    return 204, None
