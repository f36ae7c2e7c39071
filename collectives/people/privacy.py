"""A person's rights over their data: export what we hold about them, erase them.

Both actions are for whoever manages the person (the person themselves included, through the
account linked to them): out of scope raises Http404, visible but not managed raises
PermissionDenied, exactly like the other people actions. Both are audited with ids only.

Erasing deletes the person when the distribution ledger does not mention them. The ledger is
append-only, and its rows keep their distributor (``PROTECT``) and their recipient, so a
person the ledger mentions is anonymized instead: every field that could identify them is
cleared and their ties, memberships and ladder steps are deleted, while the person row stays
so that every total still adds up. See docs/privacy.md.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from collectives import scoping
from collectives.accounts.models import AccessToken, Role, User
from collectives.audit.log import record, record_ids
from collectives.groups.models import Membership
from collectives.paper.models import Bundle, Handout

from .models import Person, StageStep, Tie

__all__ = [
    "export_person_data",
    "is_in_ledger",
    "check_erase_person",
    "erase_person",
]

EXPORT_FORMAT = "collectives.person/1"


def _require_manager(user, person: Person) -> None:
    scoping.require_manageable(
        user, scoping.visible_people(user), scoping.manageable_people(user), person
    )


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# Export ---------------------------------------------------------------------------------


def export_person_data(*, user, person: Person, via: str = "web") -> dict:
    """Everything about ``person`` that ``user`` may see, as plain JSON-ready data.

    Only managers export, and they see contact details and notes, as on the person page and
    in the API. Ties, groups and distribution rows are limited by ``collectives.scoping``;
    a hand-out's other party (its recipient, or who handed copies to the person) is named
    only when the user may see them.
    """
    _require_manager(user, person)
    person = Person.objects.select_related("region", "workplace").get(pk=person.pk)
    ties = list(scoping.visible_ties(user).touching(person).select_related("person_a", "person_b"))
    memberships = list(
        scoping.visible_memberships(user).filter(person=person).select_related("group")
    )
    bundles = list(
        scoping.visible_bundles(user).filter(person=person).select_related("issue").order_by("pk")
    )
    handouts = scoping.visible_handouts(user).select_related("issue", "person", "recipient")
    handed_on = list(handouts.filter(person=person).order_by("pk"))
    received = list(handouts.filter(recipient=person).order_by("pk"))
    others = [h.recipient_id for h in handed_on] + [h.person_id for h in received]
    known = scoping.visible_person_ids(user, among=others)

    def named(other: Person | None) -> dict | None:
        """A hand-out's other party, when there is one the user may see."""
        if other is None or (known is not None and other.pk not in known):
            return None
        return {"id": other.pk, "display_name": other.display_name}

    data = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.pk,
            "display_name": person.display_name,
            "email": person.email,
            "phone": person.phone,
            "region": {"id": person.region_id, "name": person.region.name},
            "workplace": (
                {"id": person.workplace_id, "name": str(person.workplace)}
                if person.workplace
                else None
            ),
            "city": person.city,
            "shift": person.shift,
            "languages": list(person.languages or []),
            "stage": person.stage,
            "notes": person.notes,
            "created": _iso(person.created),
        },
        "ladder": [
            {"stage": step.stage, "date": _iso(step.date)} for step in person.stage_steps.all()
        ],
        "memberships": [
            {
                "group": {"id": m.group_id, "name": m.group.name},
                "role": m.role,
                "joined": _iso(m.joined),
            }
            for m in memberships
        ],
        "ties": [
            {
                "id": tie.pk,
                # A visible tie's other end is visible by definition (scoping).
                "person": {"id": other.pk, "display_name": other.display_name},
                "kinds": list(tie.kinds),
                "strength": tie.strength,
                "since": _iso(tie.since),
                "source": tie.source,
            }
            for tie in ties
            for other in [tie.person_b if tie.person_a_id == person.pk else tie.person_a]
        ],
        "bundles": [
            {
                "id": b.pk,
                "issue": b.issue.number,
                "kind": b.kind,
                "copies": b.copies,
                "date": _iso(b.date),
                "place": b.place,
                "corrects": b.corrects_id,
                "reason": b.reason,
            }
            for b in bundles
        ],
        "handouts": [
            {
                "id": h.pk,
                "issue": h.issue.number,
                "category": h.category,
                "copies": h.copies,
                "date": _iso(h.date),
                "recipient": named(h.recipient),
                "corrects": h.corrects_id,
                "reason": h.reason,
            }
            for h in handed_on
        ],
        "received": [
            {
                "id": h.pk,
                "issue": h.issue.number,
                "category": h.category,
                "copies": h.copies,
                "date": _iso(h.date),
                "handed_on_by": named(h.person),
            }
            for h in received
        ],
    }
    # The audit log says which records left the system, by id only.
    record(user, "export", person, via=via)
    record_ids(user, "export", Tie, [tie.pk for tie in ties], via=via)
    record_ids(user, "export", Membership, [m.pk for m in memberships], via=via)
    record_ids(user, "export", Bundle, [b.pk for b in bundles], via=via)
    record_ids(user, "export", Handout, [h.pk for h in handed_on + received], via=via)
    return data


# Erase ----------------------------------------------------------------------------------


def is_in_ledger(person: Person) -> bool:
    """Whether a distribution row names ``person``, as distributor or as recipient."""
    return (
        Bundle.objects.filter(person=person).exists()
        or Handout.objects.filter(Q(person=person) | Q(recipient=person)).exists()
    )


def check_erase_person(*, user, person: Person) -> None:
    """Raise Http404 or PermissionDenied unless ``user`` may erase ``person``.

    Besides managing the person: nobody erases themselves, since erasing deactivates the
    account they are using (and an admin could lock the organization out); and only an
    admin erases someone whose account has more than a member's powers, or an organizer
    could switch off their coordinator's or an admin's account.
    """
    _require_manager(user, person)
    if person.pk == user.person_id:
        raise PermissionDenied(
            _("You cannot erase yourself. Ask someone who manages your record to do it.")
        )
    account = User.objects.filter(person=person).first()
    powerful = account is not None and (account.is_admin or account.role != Role.MEMBER)
    if powerful and not user.is_admin:
        raise PermissionDenied(
            _("This person has an account with more than a member's powers: ask an admin.")
        )


def _close_account(user, person: Person, via: str) -> None:
    """Deactivate and unlink the account of ``person``, if any, and clear what names it."""
    account = User.objects.select_for_update().filter(person=person).first()
    if account is None:
        return
    account.person = None
    account.is_active = False
    account.username = f"erased-{account.pk}"
    account.first_name = account.last_name = account.email = ""
    account.set_unusable_password()
    account.save()
    AccessToken.objects.filter(user=account, revoked__isnull=True).update(revoked=timezone.now())
    record(user, "change", account, via=via)


@transaction.atomic
def erase_person(*, user, person: Person, via: str = "web") -> Literal["deleted", "anonymized"]:
    """Delete ``person``, or anonymize them when the ledger names them; say which."""
    check_erase_person(user=user, person=person)
    # Lock the row: a hand-out recorded meanwhile would otherwise race the ledger check.
    person = Person.objects.select_for_update().get(pk=person.pk)
    record(user, "delete", person, via=via)
    _close_account(user, person, via)
    if not is_in_ledger(person):
        person.delete()
        return "deleted"
    Tie.objects.touching(person).delete()
    Membership.objects.filter(person=person).delete()
    StageStep.objects.filter(person=person).delete()
    person.display_name = _("Erased person #%(id)s") % {"id": person.pk}
    person.email = person.phone = person.notes = person.city = person.shift = ""
    person.workplace = None
    person.languages = []
    person.save()
    return "anonymized"
