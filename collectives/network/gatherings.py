"""Guest lists for mixed gatherings that knit a set of people together.

A gathering is modelled as everyone who attends getting tied to everyone else: a clique.
The greedy planner seats people where a clique helps connectivity most, one gathering at
a time, re-reading the structure after each.
"""

from __future__ import annotations

import numpy as np

from .exceptions import InputError
from .graph import SocialGraph, _igraph, induced_subgraph

__all__ = ["plan_gatherings"]


def _summary(graph) -> dict:
    return {
        "components": len(graph.connected_components()) if graph.vcount() else 0,
        "bridges": len(graph.bridges()),
        "articulation_points": len(graph.articulation_points()),
    }


def _labels(members: np.ndarray, groups: dict | None) -> np.ndarray:
    """Each member's group label: the first group listing them, else -1 (no group)."""
    labels = np.full(len(members), -1, dtype=np.int64)
    for label, people in enumerate((groups or {}).values()):
        people = np.asarray(people, dtype=np.int64)
        local = np.searchsorted(members, people)
        found = local < len(members)
        found[found] = members[local[found]] == people[found]
        local = local[found]
        labels[local[labels[local] < 0]] = label
    return labels


class _Seating:
    """The guest list being built, with the preferences for choosing among people."""

    def __init__(self, degree, labels, articulation, size):
        self.degree = degree
        self.labels = labels
        self.articulation = articulation
        self.size = size
        self.guests: list[int] = []
        self.seated = np.zeros(len(degree), dtype=bool)
        self.groups_present: set[int] = set()

    @property
    def full(self) -> bool:
        return len(self.guests) >= self.size

    def pick(self, people: np.ndarray) -> int | None:
        """Seat the best of ``people``: not an articulation point, of a group not yet at
        the table, with the fewest ties (they gain the most); None if all are seated."""
        people = people[~self.seated[people]]
        if self.full or not len(people):
            return None
        present = np.fromiter(
            (label in self.groups_present for label in self.labels[people].tolist()),
            dtype=bool,
            count=len(people),
        )
        best = np.lexsort((people, self.degree[people], present, self.articulation[people]))
        return self.seat(int(people[best[0]]))

    def seat(self, person: int) -> int:
        self.guests.append(person)
        self.seated[person] = True
        if self.labels[person] >= 0:
            self.groups_present.add(int(self.labels[person]))
        return person


def _spread(items: list, k: int) -> list:
    """``k`` items spread evenly over ``items``, keeping their order."""
    if k >= len(items):
        return items
    return [items[(i * len(items)) // k] for i in range(k)]


def _preorder(nodes: int, tree_edges: np.ndarray, roots) -> np.ndarray:
    """Depth-first preorder of a forest, from each root in turn (a virtual root joins them)."""
    extra = np.column_stack([np.full(len(roots), nodes, dtype=np.int64), roots])
    forest = _igraph(nodes + 1, np.concatenate([tree_edges.reshape(-1, 2), extra]))
    order = np.asarray(forest.dfs(nodes)[0], dtype=np.int64)
    return order[order != nodes]


def _seat_one(edges, seating: _Seating) -> None:
    """Fill one gathering's guest list by the stages of :func:`plan_gatherings`."""
    graph = _igraph(len(seating.degree), edges)
    n = graph.vcount()
    membership = np.asarray(graph.connected_components().membership, dtype=np.int64)
    sizes = np.bincount(membership)

    # 2-edge-connected pieces and the bridge forest between them.
    bridges = graph.bridges()
    pruned = graph.copy()
    pruned.delete_edges(bridges)
    piece = np.asarray(pruned.connected_components().membership, dtype=np.int64)
    pieces = int(piece.max()) + 1
    tree = piece[edges[bridges]].reshape(-1, 2)
    tree_degree = np.bincount(tree.ravel(), minlength=pieces)
    piece_component = np.zeros(pieces, dtype=np.int64)
    piece_component[piece] = membership
    # Roots: per component, its biggest piece, so leaves are the far ends.
    piece_sizes = np.bincount(piece, minlength=pieces)
    by_size = np.lexsort((np.arange(pieces), -piece_sizes, piece_component))
    first = np.unique(piece_component[by_size], return_index=True)[1]
    preorder = _preorder(pieces, tree, by_size[first])
    rank = np.empty(pieces, dtype=np.int64)
    rank[preorder] = np.arange(pieces)
    order = np.argsort(piece, kind="stable")
    bounds = np.searchsorted(piece[order], np.arange(pieces + 1))

    def people_of(p):
        return order[bounds[p] : bounds[p + 1]]

    def leaves_of_component(c):
        mask = (piece_component == c) & (tree_degree <= 1)
        return sorted(np.flatnonzero(mask).tolist(), key=lambda p: rank[p])

    # Stage 1: one person from each component, biggest components first, taken from a leaf
    # piece so the same clique later closes a cycle through the bridges.
    components = np.lexsort((np.arange(len(sizes)), -sizes)).tolist()
    if len(components) > 1:
        for c in components:
            if seating.full:
                return
            for p in leaves_of_component(c):
                if seating.pick(people_of(p)) is not None:
                    break

    # Stage 2: leaf pieces of the bridge forest that have no guest yet, spread along the
    # depth-first order so the cliques' cycles cover as many bridges as possible.
    leaves = [
        p
        for p in preorder.tolist()
        if tree_degree[p] == 1 and not seating.seated[people_of(p)].any()
    ]
    for p in _spread(leaves, seating.size - len(seating.guests)):
        seating.pick(people_of(p))

    # Stage 3: a component with a single guest hangs on that guest alone; a second guest
    # from it turns the guest from an articulation point into one of two ways in.
    if len(components) > 1:
        seats = np.bincount(membership[seating.guests], minlength=len(sizes))
        for c in components:
            if seating.full:
                return
            if seats[c] != 1 or sizes[c] < 2:
                continue
            # Only components with exactly one guest get here, so this is O(n) at most
            # `size` times per gathering.
            people = np.flatnonzero(membership == c)
            guest = people[seating.seated[people]][0]
            neighbours = np.asarray(graph.neighbors(int(guest)), dtype=np.int64)
            if seating.pick(np.setdiff1d(people, neighbours)) is None:
                seating.pick(people)

    # Stage 4: leaf blocks of the block-cut tree (blocks with one articulation point).
    if not seating.full and seating.articulation.any():
        blocks = list(graph.biconnected_components())
        leaf_blocks = [
            np.asarray(block, dtype=np.int64)
            for block in blocks
            if seating.articulation[block].sum() == 1
        ]
        leaf_blocks = [block for block in leaf_blocks if not seating.seated[block].any()]
        for block in _spread(leaf_blocks, seating.size - len(seating.guests)):
            seating.pick(block)

    # Stage 5: nothing structural left to gain; fill the table mixing groups.
    while not seating.full:
        if seating.pick(np.arange(n)) is None:
            return


def plan_gatherings(
    G: SocialGraph, members=None, *, count: int, size: int, groups: dict | None = None
) -> dict:
    """Guest lists for ``count`` gatherings of at most ``size`` people that raise the set's
    connectivity the most, assuming everyone at a gathering gets tied to everyone else.

    Greedy, one gathering at a time, re-reading the structure after each:

    1. If the set is in several pieces, seat one person from each connected component,
       biggest first, from a leaf of its bridge tree;
    2. then people from leaf 2-edge-connected pieces of the bridge forest without a guest
       yet, spread along its depth-first order (as Eswaran and Tarjan pair leaves), so the
       gathering closes cycles through as many bridges as possible;
    3. then a second person from each component that has only one guest, so that guest
       does not become the component's only link;
    4. then people from leaf blocks of the block-cut tree, to remove articulation points;
    5. then anyone, to mix groups.

    Within a piece the planner seats someone who is not an articulation point, from a
    group not yet at the table, with the fewest ties, in that order of preference.

    Parameters
    ----------
    G : SocialGraph
    members : array_like of int, optional
        Person indices of the set; everyone by default.
    count : int
        Number of gatherings (at least 1).
    size : int
        Most people per gathering (at least 2).
    groups : dict of str to list of int, optional
        Declared groups (name to person indices), used to mix groups at each table.

    Returns
    -------
    dict
        ``gatherings``: one list of person indices per gathering; ``new_ties``: ties the
        gatherings add; ``before`` and ``after``: ``components``, ``bridges`` and
        ``articulation_points`` of the set without and with the gatherings' ties.

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abcdef", [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")])
    >>> plan = plan_gatherings(G, count=1, size=4)
    >>> plan["before"], plan["after"]
    ({'components': 2, 'bridges': 4, 'articulation_points': 2}, \
{'components': 1, 'bridges': 0, 'articulation_points': 0})
    """
    if count < 1 or size < 2:
        raise InputError("gatherings need a count of at least 1 and a size of at least 2")
    members, edges = induced_subgraph(G, members)
    n = len(members)
    labels = _labels(members, groups)
    before = _summary(_igraph(n, edges))
    known = set((edges[:, 0] * max(n, 1) + edges[:, 1]).tolist())
    added = []
    gatherings = []
    current = edges
    for _ in range(count):
        if n < 2:
            break
        graph = _igraph(n, current)
        degree = np.asarray(graph.degree(), dtype=np.int64)
        articulation = np.zeros(n, dtype=bool)
        articulation[graph.articulation_points()] = True
        seating = _Seating(degree, labels, articulation, min(size, n))
        _seat_one(current, seating)
        guests = sorted(seating.guests)
        new = [
            (u, v) for i, u in enumerate(guests) for v in guests[i + 1 :] if u * n + v not in known
        ]
        known.update(u * n + v for u, v in new)
        added.extend(new)
        if new:
            current = np.concatenate([current, np.asarray(new, dtype=np.int64)])
        gatherings.append(members[guests].tolist())
    return {
        "gatherings": gatherings,
        "new_ties": len(added),
        "before": before,
        "after": _summary(_igraph(n, current)),
    }
