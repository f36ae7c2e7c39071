"""The one bridge between the database and the graph engine.

It turns scoped querysets into the engine's SocialGraph (person primary keys as string ids),
so whatever the engine computes only ever involves people the viewer may see: a plan's
"both know X" can only name someone in the viewer's scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from collectives import scoping
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.network.graph import SocialGraph, build_graph
from collectives.people.models import Person, Tie

__all__ = ["Selection", "social_graph", "select_for", "select_everything"]


def social_graph(people: QuerySet[Person], ties: QuerySet[Tie]) -> SocialGraph:
    """The engine's graph of ``people`` and the ``ties`` among them (others are dropped)."""
    rows = list(
        people.order_by("pk").values_list(
            "pk", "workplace__name", "workplace__city", "city", "languages"
        )
    )
    ids = [str(pk) for pk, *_ in rows]
    known = {pk for pk, *_ in rows}
    pairs = (
        (str(a), str(b))
        for a, b in ties.values_list("person_a_id", "person_b_id").iterator(chunk_size=10_000)
        if a in known and b in known
    )
    return build_graph(
        ids,
        pairs,
        workplace=[f"{name} ({city})" if city else name for _, name, city, _, _ in rows],
        city=[city or None for *_, city, _ in rows],
        languages=[languages or [] for *_, languages in rows],
    )


@dataclass
class Selection:
    """The graph a viewer may see, the set of people chosen in it, and their names."""

    graph: SocialGraph
    members: list[int]
    names: dict[str, str]
    groups: dict[str, list[str]]
    label: str


def select_for(user, **chosen) -> Selection:
    """The scoped graph for ``user`` and the members of the chosen groups, collective or region.

    With nothing chosen the set is everyone the user can see.
    """
    people = scoping.visible_people(user)
    return _select(
        people,
        scoping.visible_ties(user),
        scoping.visible_memberships(user).filter(person__in=people),
        **chosen,
    )


def select_everything(**chosen) -> Selection:
    """The whole database, for an operator at the shell (``collectives plan --group ...``)."""
    return _select(Person.objects.all(), Tie.objects.all(), Membership.objects.all(), **chosen)


def _select(
    people: QuerySet[Person],
    ties: QuerySet[Tie],
    memberships: QuerySet[Membership],
    *,
    groups: Iterable[Group] = (),
    collective: Collective | None = None,
    region: Region | None = None,
) -> Selection:
    graph = social_graph(people, ties)
    groups = list(groups)
    if groups:
        memberships = memberships.filter(group__in=groups)
        label = ", ".join(g.name for g in groups)
    elif collective is not None:
        memberships = memberships.filter(group__collective=collective)
        label = collective.name
    elif region is not None:
        memberships = memberships.filter(group__region=region)
        label = region.name
    else:
        memberships = memberships.none()
        label = ""
    by_group: dict[str, list[str]] = {}
    for person_id, group_name in memberships.values_list("person_id", "group__name"):
        by_group.setdefault(group_name, []).append(str(person_id))
    if region is not None and not groups and collective is None:
        # A region is everyone in it, not only its group members.
        chosen = {str(pk) for pk in people.filter(region=region).values_list("pk", flat=True)}
        chosen |= {p for members in by_group.values() for p in members}
    elif groups or collective is not None:
        chosen = {p for members in by_group.values() for p in members}
    else:
        chosen = set(graph.ids)
    index = graph.index
    names = {str(pk): name for pk, name in people.values_list("pk", "display_name")}
    return Selection(
        graph=graph,
        members=sorted(index[p] for p in chosen if p in index),
        names=names,
        groups=by_group,
        label=label or "everyone",
    )
