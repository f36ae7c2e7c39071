"""Workflows on people, ties and the reader ladder: validate, write in one transaction, audit.

Every action takes the acting ``user`` and checks scope through ``collectives.scoping``:
records the user cannot see raise Http404, records they can see but not manage raise
PermissionDenied, and bad input raises ValidationError with field errors before anything is
written.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectives import scoping
from collectives.audit.log import record
from collectives.scoping import require_manageable
from collectives.validation import assign_fields, check_fields

from .models import Person, Stage, StageStep, Tie, TieSource

PERSON_FIELDS = (
    "display_name",
    "email",
    "phone",
    "region",
    "workplace",
    "shift",
    "city",
    "languages",
    "notes",
)
TIE_FIELDS = ("kinds", "strength", "since", "source")


@transaction.atomic
def create_person(*, user, stage: str = Stage.CONTACT, via: str = "web", **fields) -> Person:
    """Add a person, recorded as added by ``user`` so it stays in their scope."""
    check_fields(fields, PERSON_FIELDS)
    person = Person(added_by=user, stage=stage, **fields)
    person.full_clean()
    person.save()
    StageStep.objects.create(person=person, stage=stage, recorded_by=user)
    record(user, "create", person, via=via)
    return person


@transaction.atomic
def update_person(*, user, person: Person, via: str = "web", **fields) -> Person:
    require_manageable(user, scoping.visible_people(user), scoping.manageable_people(user), person)
    assign_fields(person, fields, PERSON_FIELDS)
    person.save()
    record(user, "change", person, via=via)
    return person


@transaction.atomic
def delete_person(*, user, person: Person, via: str = "web") -> None:
    require_manageable(user, scoping.visible_people(user), scoping.manageable_people(user), person)
    record(user, "delete", person, via=via)
    person.delete()


@transaction.atomic
def record_stage(
    *, user, person: Person, stage: str, on: date | None = None, via: str = "web"
) -> StageStep:
    """Move ``person`` to ``stage`` on the reader ladder, remembering when and who said so."""
    require_manageable(user, scoping.visible_people(user), scoping.manageable_people(user), person)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    step = StageStep(person=person, stage=stage, date=on or timezone.localdate(), recorded_by=user)
    step.full_clean()
    step.save()
    person.stage = stage
    person.save(update_fields=["stage"])
    record(user, "change", person, via=via)
    return step


def _ordered(a: Person, b: Person) -> tuple[Person, Person]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def create_tie(
    *, user, person: Person, other: Person, kinds: list[str], via: str = "web", **fields
) -> Tie:
    """Record that two people know each other. Both must be visible, one manageable."""
    visible = scoping.visible_people(user)
    scoping.get_visible_or_404(visible, pk=person.pk)
    scoping.get_visible_or_404(visible, pk=other.pk)
    if person.pk == other.pk:
        raise ValidationError({"other": _("A person cannot have a tie to themselves.")})
    if not scoping.manageable_people(user).filter(pk__in=[person.pk, other.pk]).exists():
        raise PermissionDenied(_("You cannot add ties between these people."))
    person_a, person_b = _ordered(person, other)
    if Tie.objects.between(person_a, person_b).exists():
        raise ValidationError({"other": _("These two people already have a tie.")})
    tie = Tie(person_a=person_a, person_b=person_b, kinds=list(kinds), **fields)
    tie.full_clean()
    tie.save()
    record(user, "create", tie, via=via)
    return tie


@transaction.atomic
def update_tie(*, user, tie: Tie, via: str = "web", **fields) -> Tie:
    require_manageable(user, scoping.visible_ties(user), scoping.manageable_ties(user), tie)
    assign_fields(tie, fields, TIE_FIELDS)
    tie.save()
    record(user, "change", tie, via=via)
    return tie


@transaction.atomic
def delete_tie(*, user, tie: Tie, via: str = "web") -> None:
    require_manageable(user, scoping.visible_ties(user), scoping.manageable_ties(user), tie)
    record(user, "delete", tie, via=via)
    tie.delete()


def tie_source_choices() -> list[str]:
    return list(TieSource.values)
