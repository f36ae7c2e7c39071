"""/api/people: the people the user may see; contact details only for those they manage.

``/export`` and ``/erase`` are the person's rights over their data (collectives.people.privacy).
"""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.audit.log import record
from collectives.people import actions, privacy
from collectives.people.models import Language, Person, Stage

from .common import Input, ObjectId, Page, PageQuery, ReferenceId, paginate, resolve

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    display_name: str
    region: int
    workplace: int | None
    city: str
    shift: str
    languages: list[str]
    stage: Stage
    can_manage: bool = Field(description="Whether you may change or delete this person.")
    email: str | None = Field(description="Only for people you manage; null otherwise.")
    phone: str | None = Field(description="Only for people you manage; null otherwise.")
    notes: str | None = Field(description="Only for people you manage; null otherwise.")


class PersonIn(Input):
    display_name: str = Field(min_length=1, max_length=100)
    region: ReferenceId
    workplace: ReferenceId | None = None
    city: str = Field("", max_length=100)
    shift: str = Field("", max_length=40)
    languages: list[Language] = Field(default_factory=list, max_length=len(Language))
    stage: Stage = Stage.CONTACT
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    notes: str = Field("", max_length=10_000)


class PersonPatch(Input):
    """Only the fields sent are changed. A new ``stage`` is recorded as a step on the ladder."""

    # Defaults of None mean "not sent"; an explicit null is still refused by the types.
    display_name: str = Field(None, min_length=1, max_length=100)
    region: ReferenceId = None
    workplace: ReferenceId | None = None
    city: str = Field(None, max_length=100)
    shift: str = Field(None, max_length=40)
    languages: list[Language] = Field(None, max_length=len(Language))
    stage: Stage = None
    email: str = Field(None, max_length=254)
    phone: str = Field(None, max_length=40)
    notes: str = Field(None, max_length=10_000)


class NamedRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    display_name: str


class ExportedPerson(Schema):
    id: int
    display_name: str
    email: str
    phone: str
    region: NamedRef
    workplace: NamedRef | None
    city: str
    shift: str
    languages: list[str]
    stage: str
    notes: str
    created: str


class ExportedStep(Schema):
    stage: str
    date: str


class ExportedMembership(Schema):
    group: NamedRef
    role: str
    joined: str


class ExportedTie(Schema):
    id: int
    person: PersonRef = Field(description="The other person of the tie.")
    kinds: list[str]
    strength: int
    since: str | None
    source: str


class ExportedBundle(Schema):
    id: int
    issue: int = Field(description="The issue's number.")
    kind: str
    copies: int
    date: str
    place: str
    corrects: int | None
    reason: str


class ExportedHandout(Schema):
    id: int
    issue: int = Field(description="The issue's number.")
    category: str
    copies: int
    date: str
    recipient: PersonRef | None = Field(description="Null when none, or not one you can see.")
    corrects: int | None
    reason: str


class ExportedReceipt(Schema):
    id: int
    issue: int = Field(description="The issue's number.")
    category: str
    copies: int
    date: str
    handed_on_by: PersonRef | None = Field(description="Null when not one you can see.")


class PersonExport(Schema):
    format: str
    exported_at: str
    person: ExportedPerson
    ladder: list[ExportedStep]
    memberships: list[ExportedMembership]
    ties: list[ExportedTie]
    bundles: list[ExportedBundle]
    handouts: list[ExportedHandout]
    received: list[ExportedReceipt]


class ErasureOut(Schema):
    id: int
    outcome: Literal["deleted", "anonymized"] = Field(
        description="deleted, or anonymized when the distribution ledger names the person."
    )


class PeopleQuery(PageQuery):
    group: ReferenceId | None = Field(None, description="Only members of this group.")
    region: ReferenceId | None = Field(None, description="Only people in this region.")
    stage: Stage | None = Field(None, description="Only people at this stage.")
    q: str | None = Field(None, max_length=100, description="Display name contains this.")


def _out(person: Person, *, managed: bool) -> dict:
    # Contact details and notes are for the people who look after a person, nobody else.
    return {
        "id": person.pk,
        "display_name": person.display_name,
        "region": person.region_id,
        "workplace": person.workplace_id,
        "city": person.city,
        "shift": person.shift,
        "languages": person.languages,
        "stage": person.stage,
        "can_manage": managed,
        "email": person.email if managed else None,
        "phone": person.phone if managed else None,
        "notes": person.notes if managed else None,
    }


def _resolve_references(user, fields: dict) -> None:
    if "region" in fields:
        fields["region"] = resolve(
            scoping.visible_regions(user), fields["region"], "region", _("Unknown region.")
        )
    if "workplace" in fields:
        fields["workplace"] = resolve(
            scoping.visible_workplaces(user),
            fields["workplace"],
            "workplace",
            _("Unknown workplace."),
        )


@router.get("", response=Page[PersonOut], summary="List people")
def list_people(request, filters: Query[PeopleQuery]):
    people = scoping.visible_people(request.user)
    if filters.group is not None:
        # Only through groups the user can see: filtering by a hidden group would reveal
        # which visible people belong to it.
        groups = scoping.visible_groups(request.user).filter(pk=filters.group)
        people = people.filter(memberships__group__in=groups)
    if filters.region is not None:
        people = people.filter(region_id=filters.region)
    if filters.stage is not None:
        people = people.filter(stage=filters.stage)
    if filters.q:
        people = people.filter(display_name__icontains=filters.q)
    items, count = paginate(request, people, filters)
    managed = set(
        scoping.manageable_people(request.user)
        .filter(pk__in=[person.pk for person in items])
        .values_list("pk", flat=True)
    )
    return {"items": [_out(p, managed=p.pk in managed) for p in items], "count": count}


@router.get("/{person_id}", response=PersonOut, summary="Show a person")
def get_person(request, person_id: ObjectId):
    person = scoping.get_visible_or_404(scoping.visible_people(request.user), pk=person_id)
    managed = scoping.manageable_people(request.user).filter(pk=person.pk).exists()
    record(request.user, "view", person, via="api")
    return _out(person, managed=managed)


@router.post("", response={201: PersonOut}, summary="Add a person")
def create_person(request, payload: PersonIn):
    fields = payload.dict()
    stage = fields.pop("stage")
    _resolve_references(request.user, fields)
    person = actions.create_person(user=request.user, stage=stage, via="api", **fields)
    return 201, _out(person, managed=True)


@router.patch("/{person_id}", response=PersonOut, summary="Change a person")
def update_person(request, person_id: ObjectId, payload: PersonPatch):
    user = request.user
    person = scoping.get_visible_or_404(scoping.visible_people(user), pk=person_id)
    scoping.require_manageable(
        user, scoping.visible_people(user), scoping.manageable_people(user), person
    )
    fields = payload.dict(exclude_unset=True)
    stage = fields.pop("stage", None)
    _resolve_references(user, fields)
    with transaction.atomic():
        if fields or stage is None:
            person = actions.update_person(user=user, person=person, via="api", **fields)
        if stage is not None and stage != person.stage:
            actions.record_stage(user=user, person=person, stage=stage, via="api")
    return _out(person, managed=True)


@router.delete("/{person_id}", response={204: None}, summary="Delete a person")
def delete_person(request, person_id: ObjectId):
    person = scoping.get_visible_or_404(scoping.visible_people(request.user), pk=person_id)
    actions.delete_person(user=request.user, person=person, via="api")
    return 204, None


@router.get("/{person_id}/export", response=PersonExport, summary="Export a person's data")
def export_person(request, person_id: ObjectId):
    """Everything about a person you manage that you may see (see docs/privacy.md)."""
    person = scoping.get_visible_or_404(scoping.visible_people(request.user), pk=person_id)
    return privacy.export_person_data(user=request.user, person=person, via="api")


@router.post("/{person_id}/erase", response=ErasureOut, summary="Erase a person")
def erase_person(request, person_id: ObjectId):
    """Delete a person you manage, or anonymize them when the distribution ledger names them."""
    person = scoping.get_visible_or_404(scoping.visible_people(request.user), pk=person_id)
    outcome = privacy.erase_person(user=request.user, person=person, via="api")
    return {"id": person_id, "outcome": outcome}
