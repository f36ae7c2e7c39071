"""Who may see and manage what: the one place where visibility is decided.

Every page, admin view, API endpoint and export asks this module for its querysets. The
rules, by role (each role also has the powers of the roles before it):

- member (and editor): sees themselves, the people in their own groups, the people they have
  ties to, and the contacts they added; sees their own groups, those groups' collectives and
  regions; manages their own record and the contacts they added.
- group organizer: also manages the groups where they are an organizer and the people in them.
- regional coordinator: also sees and manages everyone and every group in their region.
- admin: sees and manages everything.

A tie is visible when both of its people are; a membership when its group is. Anonymous users
see nothing. Functions return querysets so callers can filter, count and paginate further;
the ``get_*_or_404`` helpers turn "out of scope" into the same 404 as "does not exist", so
nobody can learn that a record exists by probing ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from collectives.accounts.models import Role
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.paper.models import Article, Bundle, Handout, Holding, PaperIssue, Tally
from collectives.people.models import Person, Tie, Workplace

__all__ = [
    "visible_people",
    "manageable_people",
    "visible_ties",
    "manageable_ties",
    "visible_groups",
    "manageable_groups",
    "visible_memberships",
    "manageable_memberships",
    "visible_collectives",
    "manageable_collectives",
    "visible_regions",
    "manageable_regions",
    "visible_workplaces",
    "can_create_group",
    "can_create_collective",
    "can_create_region",
    "get_visible_or_404",
    "require_manageable",
    "can_edit_paper",
    "visible_paper_issues",
    "visible_articles",
    "visible_bundles",
    "visible_handouts",
    "visible_holdings",
    "rollup_tallies",
    "distributing_people",
    "visible_person_ids",
]


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _is_admin(user) -> bool:
    return user.is_superuser or user.role == Role.ADMIN


def _coordinated_region_id(user) -> int | None:
    return user.region_id if user.role == Role.COORDINATOR else None


def _my_group_ids(user) -> QuerySet:
    return Membership.objects.filter(person_id=user.person_id).values("group_id")


def _tie_neighbor_ids(user) -> Q:
    """People tied to the user's person, as a condition on Person."""
    ties = Tie.objects.touching(user.person_id)
    return Q(pk__in=ties.values("person_a_id")) | Q(pk__in=ties.values("person_b_id"))


# Groups ---------------------------------------------------------------------------------


def visible_groups(user) -> QuerySet[Group]:
    if not _signed_in(user):
        return Group.objects.none()
    if _is_admin(user):
        return Group.objects.all()
    condition = Q(pk__in=_my_group_ids(user))
    if region_id := _coordinated_region_id(user):
        condition |= Q(region_id=region_id)
    return Group.objects.filter(condition)


def manageable_groups(user) -> QuerySet[Group]:
    if not _signed_in(user):
        return Group.objects.none()
    if _is_admin(user):
        return Group.objects.all()
    if region_id := _coordinated_region_id(user):
        return Group.objects.filter(region_id=region_id)
    if user.role == Role.ORGANIZER and user.person_id:
        organized = Membership.objects.filter(
            person_id=user.person_id, role=Membership.Role.ORGANIZER
        )
        return Group.objects.filter(pk__in=organized.values("group_id"))
    return Group.objects.none()


def can_create_group(user) -> bool:
    return _signed_in(user) and (
        _is_admin(user) or _coordinated_region_id(user) is not None or user.role == Role.ORGANIZER
    )


# People ---------------------------------------------------------------------------------


def visible_people(user) -> QuerySet[Person]:
    if not _signed_in(user):
        return Person.objects.none()
    if _is_admin(user):
        return Person.objects.all()
    condition = Q(added_by=user)
    if user.person_id:
        in_my_groups = Membership.objects.filter(group_id__in=_my_group_ids(user))
        condition |= (
            Q(pk=user.person_id)
            | Q(pk__in=in_my_groups.values("person_id"))
            | _tie_neighbor_ids(user)
        )
    if region_id := _coordinated_region_id(user):
        in_region_groups = Membership.objects.filter(group__region_id=region_id)
        condition |= Q(region_id=region_id) | Q(pk__in=in_region_groups.values("person_id"))
    return Person.objects.filter(condition)


def manageable_people(user) -> QuerySet[Person]:
    if not _signed_in(user):
        return Person.objects.none()
    if _is_admin(user):
        return Person.objects.all()
    condition = Q(added_by=user)
    if user.person_id:
        condition |= Q(pk=user.person_id)
    if region_id := _coordinated_region_id(user):
        in_region_groups = Membership.objects.filter(group__region_id=region_id)
        condition |= Q(region_id=region_id) | Q(pk__in=in_region_groups.values("person_id"))
    elif user.role == Role.ORGANIZER:
        in_managed = Membership.objects.filter(group__in=manageable_groups(user))
        condition |= Q(pk__in=in_managed.values("person_id"))
    return Person.objects.filter(condition)


# Ties and memberships -------------------------------------------------------------------


def visible_ties(user) -> QuerySet[Tie]:
    if not _signed_in(user):
        return Tie.objects.none()
    if _is_admin(user):
        return Tie.objects.all()
    people = visible_people(user).values("pk")
    return Tie.objects.filter(person_a__in=people, person_b__in=people)


def manageable_ties(user) -> QuerySet[Tie]:
    """Visible ties with at least one end the user manages."""
    if not _signed_in(user):
        return Tie.objects.none()
    if _is_admin(user):
        return Tie.objects.all()
    managed = manageable_people(user).values("pk")
    return visible_ties(user).filter(Q(person_a__in=managed) | Q(person_b__in=managed))


def visible_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(group__in=visible_groups(user))


def manageable_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(
        group__in=manageable_groups(user), person__in=visible_people(user)
    )


# Collectives and regions ----------------------------------------------------------------


def visible_collectives(user) -> QuerySet[Collective]:
    if not _signed_in(user):
        return Collective.objects.none()
    if _is_admin(user):
        return Collective.objects.all()
    condition = Q(pk__in=visible_groups(user).values("collective_id"))
    if region_id := _coordinated_region_id(user):
        condition |= Q(region_id=region_id)
    return Collective.objects.filter(condition)


def manageable_collectives(user) -> QuerySet[Collective]:
    if not _signed_in(user):
        return Collective.objects.none()
    if _is_admin(user):
        return Collective.objects.all()
    if region_id := _coordinated_region_id(user):
        return Collective.objects.filter(region_id=region_id)
    return Collective.objects.none()


def can_create_collective(user) -> bool:
    """Admins anywhere; regional coordinators in their own region (the action checks where)."""
    return _signed_in(user) and (_is_admin(user) or _coordinated_region_id(user) is not None)


def visible_regions(user) -> QuerySet[Region]:
    if not _signed_in(user):
        return Region.objects.none()
    if _is_admin(user):
        return Region.objects.all()
    condition = Q(pk__in=visible_groups(user).values("region_id"))
    if user.person_id:
        condition |= Q(people__pk=user.person_id)
    if region_id := _coordinated_region_id(user):
        condition |= Q(pk=region_id)
    return Region.objects.filter(condition).distinct()


def manageable_regions(user) -> QuerySet[Region]:
    if _signed_in(user) and _is_admin(user):
        return Region.objects.all()
    return Region.objects.none()


def can_create_region(user) -> bool:
    return _signed_in(user) and _is_admin(user)


# Workplaces -----------------------------------------------------------------------------


def visible_workplaces(user) -> QuerySet[Workplace]:
    """Workplaces where someone the user sees works: the list itself maps where we organize."""
    if not _signed_in(user):
        return Workplace.objects.none()
    if _is_admin(user):
        return Workplace.objects.all()
    return Workplace.objects.filter(pk__in=visible_people(user).values("workplace_id"))


# The paper and its distribution ---------------------------------------------------------
#
# Editors (and admins) see every issue, drafts included; everyone signed in reads published
# ones. Distribution rows (bundles, hand-outs and the holdings rollup) carry the person, the
# group they count for and its region: a member or organizer sees their own rows and their
# groups' rows, a regional coordinator also their region's, an admin everything.


def can_edit_paper(user) -> bool:
    return _signed_in(user) and (_is_admin(user) or user.role == Role.EDITOR)


def visible_paper_issues(user) -> QuerySet[PaperIssue]:
    if not _signed_in(user):
        return PaperIssue.objects.none()
    if can_edit_paper(user):
        return PaperIssue.objects.all()
    return PaperIssue.objects.filter(published_at__isnull=False)


def visible_articles(user) -> QuerySet[Article]:
    return Article.objects.filter(edition__issue__in=visible_paper_issues(user))


def _distribution_condition(user) -> Q | None:
    """The rows of a distribution table the user may see; None means none at all."""
    if not _signed_in(user):
        return None
    if _is_admin(user):
        return Q()
    condition = Q(pk__in=[])
    if user.person_id:
        # The group ids as a list, not a subquery: "group in (1, 2) or person = 3" lets the
        # database use its indexes on a million-row ledger; a subquery in an OR does not.
        my_groups = list(_my_group_ids(user).values_list("group_id", flat=True))
        condition = Q(group_id__in=my_groups) | Q(person_id=user.person_id)
    if region_id := _coordinated_region_id(user):
        condition |= Q(region_id=region_id)
    return condition


def _distribution(model, user) -> QuerySet:
    condition = _distribution_condition(user)
    return model.objects.none() if condition is None else model.objects.filter(condition)


def visible_bundles(user) -> QuerySet[Bundle]:
    return _distribution(Bundle, user)


def visible_handouts(user) -> QuerySet[Handout]:
    return _distribution(Handout, user)


def visible_holdings(user) -> QuerySet[Holding]:
    return _distribution(Holding, user)


def rollup_tallies(user) -> QuerySet[Tally] | None:
    """The category rollup limited to the user's scope, or None when it cannot express it.

    Tallies carry region and group but no person, so they match the scope exactly only for
    admins and for coordinators without a person of their own; everyone else's scope (their
    own rows plus their groups') is small and is counted from ``visible_handouts`` instead.
    """
    if not _signed_in(user):
        return Tally.objects.none()
    if _is_admin(user):
        return Tally.objects.all()
    if (region_id := _coordinated_region_id(user)) and not user.person_id:
        return Tally.objects.filter(region_id=region_id)
    return None


def distributing_people(user) -> QuerySet[Person]:
    """People whose bundles and hand-outs the user may record: those they manage."""
    return manageable_people(user)


def visible_person_ids(user, among: Iterable[int] | None = None) -> set[int] | None:
    """The ids of the people ``user`` may see (of ``among`` only, when given); None: all.

    A record in scope can point at someone who is not: a hand-out counted for the user's
    group names its recipient, whom perhaps only the distributor knows. Whatever shows such
    a reference shows it only when its id is in this set.
    """
    if _signed_in(user) and _is_admin(user):
        return None
    people = visible_people(user)
    if among is not None:
        people = people.filter(pk__in={pk for pk in among if pk is not None})
    return set(people.values_list("pk", flat=True))


def get_visible_or_404(queryset: QuerySet, **lookup):
    """The one record of a scoped queryset matching ``lookup``; 404 when out of scope."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def require_manageable(user, visible: QuerySet, manageable: QuerySet, obj) -> None:
    """Raise Http404 unless ``obj`` is visible, PermissionDenied unless it is manageable."""
    get_visible_or_404(visible, pk=obj.pk)
    if not manageable.filter(pk=obj.pk).exists():
        raise PermissionDenied(_("You cannot change this record."))
