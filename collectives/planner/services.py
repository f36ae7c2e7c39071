"""The collective planner over the database: cohesion reports, introduction plans, growth
suggestions and gatherings for a Selection (see adapter.py). Results are plain dicts in the
same shape as the engine's command line (ids are person primary keys as strings), plus
``names``: the display names of the people they mention, all within the viewer's scope.
"""

from __future__ import annotations

from collectives.network.augmentation import plan_introductions
from collectives.network.cohesion import cohesion_report, structure_report
from collectives.network.gatherings import plan_gatherings
from collectives.network.graph import with_ties
from collectives.network.growth import suggest_invitations

from .adapter import Selection

__all__ = ["report", "plan", "growth", "gatherings"]


def _group_indices(selection: Selection) -> dict[str, list[int]] | None:
    if not selection.groups:
        return None
    index = selection.graph.index
    return {
        name: [index[p] for p in people if p in index] for name, people in selection.groups.items()
    }


def _number(value: float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else value


def _named(selection: Selection, document: dict, ids: set[str]) -> dict:
    document["set"] = selection.label
    document["names"] = {
        i: selection.names[i] for i in sorted(ids, key=int) if i in selection.names
    }
    return document


def _report_ids(report: dict) -> set[str]:
    ids = {p for pair in report["bridges"] for p in pair}
    ids |= set(report["articulation_points"])
    ids |= {b["id"] for b in report.get("brokers", [])}
    return ids


def report(selection: Selection) -> dict:
    """The cohesion report of the selected people."""
    result = cohesion_report(selection.graph, selection.members, groups=_group_indices(selection))
    return _named(selection, result, _report_ids(result))


def plan(
    selection: Selection,
    *,
    k: int = 2,
    vertex: bool = False,
    cost: str = "default",
    max_per_person: int | None = None,
    time_limit: float | None = None,
) -> dict:
    """The cheapest introductions that make the selected people connected (k=1),
    2-edge-connected (k=2) or 2-vertex-connected (vertex=True)."""
    G, members = selection.graph, selection.members
    result = plan_introductions(
        G,
        members,
        k=k,
        vertex=vertex,
        cost=cost,
        max_per_person=max_per_person,
        time_limit=time_limit,
    )
    # Structure only (linear time), like the command line: the full report is `report`.
    before = structure_report(G, members)
    after = structure_report(
        with_ties(G, [(item.a, item.b) for item in result.introductions]), members
    )
    ids = G.ids
    introductions = [
        {
            "a": ids[item.a],
            "b": ids[item.b],
            "cost": _number(item.cost),
            "reason": item.reason,
            "via": None if item.via is None else ids[item.via],
        }
        for item in result.introductions
    ]
    mentioned = {i[key] for i in introductions for key in ("a", "b", "via") if i[key]}
    document = {
        "introductions": introductions,
        "total_cost": _number(result.total_cost),
        "optimal": bool(result.optimal),
        "gap": result.gap,
        "unreachable": [[ids[p] for p in piece] for piece in result.unreachable],
        "before": before,
        "after": after,
    }
    return _named(selection, document, mentioned | _report_ids(before))


def growth(selection: Selection, *, limit: int = 20) -> dict:
    """People outside the selection to invite next, and who should invite them."""
    G = selection.graph
    suggestions = suggest_invitations(G, selection.members, limit=limit)
    ids = G.ids
    items = [
        {
            "person": ids[s["person"]],
            "ties_into": s["ties_into"],
            "knows": [ids[p] for p in s["knows"]],
            "via": None if s["via"] is None else ids[s["via"]],
        }
        for s in suggestions
    ]
    mentioned = {i["person"] for i in items} | {i["via"] for i in items if i["via"]}
    return _named(selection, {"suggestions": items}, mentioned)


def gatherings(selection: Selection, *, count: int, size: int) -> dict:
    """Guest lists for ``count`` gatherings of at most ``size`` people mixing the groups."""
    G = selection.graph
    result = plan_gatherings(
        G, selection.members, count=count, size=size, groups=_group_indices(selection)
    )
    ids = G.ids
    lists = [[ids[p] for p in guests] for guests in result["gatherings"]]
    document = {**result, "gatherings": lists}
    return _named(selection, document, {p for guests in lists for p in guests})
