"""Workflows on groups and memberships: validate, write in one transaction, audit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collectives import scoping
from collectives.accounts.models import Role
from collectives.audit.log import record
from collectives.people.models import Person
from collectives.scoping import require_manageable
from collectives.validation import assign_fields, check_fields

from .models import Collective, Group, Membership, Region

GROUP_FIELDS = ("name", "region", "collective", "description", "created")
MEMBERSHIP_FIELDS = ("role", "joined")
COLLECTIVE_FIELDS = ("name", "region", "description")
REGION_FIELDS = ("name", "country")


def _check_group_placement(user, group: Group) -> None:
    """A coordinator keeps groups in their region; a collective must be in the group's region."""
    if group.collective_id and group.collective.region_id != group.region_id:
        raise ValidationError({"collective": _("The collective is in another region.")})
    if (
        user.role == Role.COORDINATOR
        and not user.is_superuser
        and group.region_id != user.region_id
    ):
        raise ValidationError({"region": _("You can only place groups in your own region.")})
    if (
        group.collective_id
        and not scoping.visible_collectives(user).filter(pk=group.collective_id).exists()
    ):
        raise ValidationError({"collective": _("Unknown collective.")})


@transaction.atomic
def create_group(*, user, via: str = "web", **fields) -> Group:
    """Create a group. An organizer who creates one becomes its organizer."""
    if not scoping.can_create_group(user):
        raise PermissionDenied(_("You cannot create groups."))
    check_fields(fields, GROUP_FIELDS)
    group = Group(**fields)
    group.full_clean()
    _check_group_placement(user, group)
    group.save()
    if user.role == Role.ORGANIZER and user.person_id:
        Membership.objects.create(
            person_id=user.person_id, group=group, role=Membership.Role.ORGANIZER
        )
    record(user, "create", group, via=via)
    return group


@transaction.atomic
def update_group(*, user, group: Group, via: str = "web", **fields) -> Group:
    require_manageable(user, scoping.visible_groups(user), scoping.manageable_groups(user), group)
    assign_fields(group, fields, GROUP_FIELDS)
    _check_group_placement(user, group)
    group.save()
    record(user, "change", group, via=via)
    return group


@transaction.atomic
def delete_group(*, user, group: Group, via: str = "web") -> None:
    require_manageable(user, scoping.visible_groups(user), scoping.manageable_groups(user), group)
    record(user, "delete", group, via=via)
    group.delete()


@transaction.atomic
def add_member(*, user, group: Group, person: Person, via: str = "web", **fields) -> Membership:
    """Put a visible person into a group the user manages."""
    require_manageable(user, scoping.visible_groups(user), scoping.manageable_groups(user), group)
    scoping.get_visible_or_404(scoping.visible_people(user), pk=person.pk)
    check_fields(fields, MEMBERSHIP_FIELDS)
    if Membership.objects.filter(group=group, person=person).exists():
        raise ValidationError({"person": _("This person is already in the group.")})
    membership = Membership(group=group, person=person, **fields)
    membership.full_clean()
    membership.save()
    record(user, "create", membership, via=via)
    return membership


@transaction.atomic
def update_membership(*, user, membership: Membership, via: str = "web", **fields) -> Membership:
    require_manageable(
        user,
        scoping.visible_memberships(user),
        scoping.manageable_memberships(user),
        membership,
    )
    assign_fields(membership, fields, MEMBERSHIP_FIELDS)
    membership.save()
    record(user, "change", membership, via=via)
    return membership


@transaction.atomic
def remove_member(*, user, membership: Membership, via: str = "web") -> None:
    require_manageable(
        user,
        scoping.visible_memberships(user),
        scoping.manageable_memberships(user),
        membership,
    )
    record(user, "delete", membership, via=via)
    membership.delete()


def _check_collective_placement(user, collective: Collective) -> None:
    """A coordinator keeps collectives in their region; a collective's groups stay with it."""
    if (
        user.role == Role.COORDINATOR
        and not user.is_superuser
        and collective.region_id != user.region_id
    ):
        raise ValidationError({"region": _("You can only place collectives in your own region.")})
    if collective.pk and collective.groups.exclude(region_id=collective.region_id).exists():
        raise ValidationError({"region": _("The collective's groups are in another region.")})


@transaction.atomic
def create_collective(*, user, via: str = "web", **fields) -> Collective:
    if not scoping.can_create_collective(user):
        raise PermissionDenied(_("You cannot create collectives."))
    check_fields(fields, COLLECTIVE_FIELDS)
    collective = Collective(**fields)
    collective.full_clean()
    _check_collective_placement(user, collective)
    collective.save()
    record(user, "create", collective, via=via)
    return collective


@transaction.atomic
def update_collective(*, user, collective: Collective, via: str = "web", **fields) -> Collective:
    require_manageable(
        user, scoping.visible_collectives(user), scoping.manageable_collectives(user), collective
    )
    assign_fields(collective, fields, COLLECTIVE_FIELDS)
    _check_collective_placement(user, collective)
    collective.save()
    record(user, "change", collective, via=via)
    return collective


@transaction.atomic
def delete_collective(*, user, collective: Collective, via: str = "web") -> None:
    """Delete a collective; its groups stay, no longer part of any collective."""
    require_manageable(
        user, scoping.visible_collectives(user), scoping.manageable_collectives(user), collective
    )
    record(user, "delete", collective, via=via)
    collective.delete()


@transaction.atomic
def create_region(*, user, via: str = "web", **fields) -> Region:
    if not scoping.can_create_region(user):
        raise PermissionDenied(_("You cannot create regions."))
    check_fields(fields, REGION_FIELDS)
    region = Region(**fields)
    region.full_clean()
    region.save()
    record(user, "create", region, via=via)
    return region


@transaction.atomic
def update_region(*, user, region: Region, via: str = "web", **fields) -> Region:
    require_manageable(
        user, scoping.visible_regions(user), scoping.manageable_regions(user), region
    )
    assign_fields(region, fields, REGION_FIELDS)
    region.save()
    record(user, "change", region, via=via)
    return region


@transaction.atomic
def delete_region(*, user, region: Region, via: str = "web") -> None:
    """Delete an empty region. People, groups, collectives and coordinators keep it alive."""
    require_manageable(
        user, scoping.visible_regions(user), scoping.manageable_regions(user), region
    )
    if (
        region.people.exists()
        or region.groups.exists()
        or region.collectives.exists()
        or region.coordinators.exists()
    ):
        raise ValidationError(
            _("The region still has people, groups, collectives or coordinators; move them first.")
        )
    record(user, "delete", region, via=via)
    region.delete()
