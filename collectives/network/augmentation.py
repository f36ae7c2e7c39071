"""The introduction plan: the cheapest new ties that make a set of people resilient.

Targets
-------
``k=1``
    Connected. Exact: a minimum spanning forest over the connected components, where a
    class of people (a workplace, a city + language, everyone) joins the components it
    touches by a chain of equal-cost edges. A chain is as good as the class's clique for a
    spanning tree (by the cycle property every spanning tree of an equal-cost clique costs
    the same), so nothing is lost by not listing the clique.
``k=2`` (default)
    2-edge-connected: no single tie's loss splits the set. Exact (see below).
``vertex=True``
    2-vertex-connected: no single person's departure splits the set. Exact integer program
    with articulation-point cuts when the candidate pairs are listed (``candidates=``) or
    the set is small; above that, the exact 2-edge plan completed by Eswaran–Tarjan style
    pairing of leaf blocks, which always reaches the target but is not proven optimal
    (``Plan.optimal`` is False then).

How the 2-edge plan is exact without listing class pairs
---------------------------------------------------------
1. Every 2-edge-connected piece of the set is collapsed to one node; the bridges form a
   forest over the pieces. New ties inside a piece never help, so only ties between pieces
   are variables.
2. Friend-of-friend pairs and listed candidates are enumerated (only pairs in different
   pieces, at most the two cheapest per pair of pieces: a third parallel tie crosses exactly
   the same cuts as the first two, and no cut needs more than two ties, so it is never
   needed).
3. Each class (a workplace, a city + language, strangers) becomes a *hub* node: a "spoke"
   from a piece to the hub costs half the class cost, and each hub must have an even
   number of spokes. A tie ``x-y`` of the class is the two spokes ``x-hub-y``, so every
   real plan is a hub plan of the same cost: the hub optimum is a lower bound. Conversely,
   Lovász's splitting-off theorem (for k >= 2) says the spokes of an even-degree hub can be
   paired into ties keeping every other pair of nodes 2-edge-connected, so the lower bound
   is reached: the hub optimum is the true optimum. The pairing is found by listing each
   hub's spokes in depth-first order of the bridge tree (planned ties only) and pairing
   spoke ``i`` with spoke ``i + d``: every subtree is a contiguous run of that order, so
   every remaining bridge with spokes on both sides is crossed (and Lovász guarantees each
   has). When the planned ties leave several components, the pairing is repaired by
   swapping partners until no bridge remains. Lovász's theorem is about multigraphs: a
   class of a few people may be unable to split its spokes into distinct, untied pairs
   (two members in two pieces, each with two spokes, would be the same pair twice). When
   the realized plan costs more than the hub solution, the classes whose hubs carried
   spokes are listed pair by pair instead (up to ``_EXPAND_MAX_PAIRS`` pairs in all) and
   the program is solved again, until the realization reaches the proven bound. Large
   classes split freely, so this only ever lists small ones.
4. The covering integer program - every cut needs at least two crossing ties - is solved
   by HiGHS (``scipy.optimize.milp``) starting from the cuts of the bridges and of the
   components; then the solution is checked for bridges and components, the violated cuts
   are added, and it is solved again until none remains. Each solve is a relaxation of the
   complete cut formulation, so the final objective is a proven lower bound and the plan
   reaching it is optimal.

With ``max_per_person`` the spokes are per person instead of per piece and each person gets
a degree row, so the limit holds exactly.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import igraph
import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse.csgraph import connected_components

from .costs import (
    CostModel,
    all_candidates,
    city_language_reason,
    introduction_cost,
    resolve_cost_model,
)
from .exceptions import InputError
from .graph import Candidates, SocialGraph, _igraph

__all__ = ["Introduction", "Plan", "plan_introductions"]

# Up to this many person pairs the 2-edge plan lists every pair under the cost model
# (vectorized, exact and always realizable); above it classes go through hubs.
_DENSE_MAX_PAIRS = 200_000

# When the hub plan cannot be split into distinct real introductions (small classes: a hub
# wants the same pair twice, or pairs that already know each other), the classes it used
# are listed pair by pair and the program solved again, up to this many pairs in all.
_EXPAND_MAX_PAIRS = 20_000

# Without a time limit, the last solve that proves a plan optimal (see _solve_lp_first)
# gets this long; if it runs out, the plan is returned with its proven gap.
_PROOF_SECONDS = 30.0
# With hubs (class parity rows) HiGHS does not get far on a proof over more variables than
# this (minutes at the root at 100k people, past its time limit); above it the plan is
# returned with the LP bound as its gap.
_PROOF_MAX_VARIABLES = 20_000

# Above this many people a vertex plan from the cost model is not solved as an exact
# person-level program (it would list every pair); see the module docstring.
_VERTEX_EXACT_MAX_PEOPLE = 80


@dataclass(frozen=True)
class Introduction:
    """One new tie: persons ``a < b`` (indices), its cost, why, and the shared neighbor."""

    a: int
    b: int
    cost: float
    reason: str
    via: int | None = None


@dataclass
class Plan:
    """The result of :func:`plan_introductions`.

    Attributes
    ----------
    introductions : list of Introduction
    total_cost : float
    optimal : bool
        True when the plan is a proven optimum.
    gap : float or None
        Relative distance to the best possible when not proven optimal and a bound is
        known ("within 2% of the best possible" for 0.02).
    unreachable : list of list of int
        Pieces of the set (person indices) that no allowed introduction touches; the rest
        is still planned.
    target : dict
        ``k``, ``vertex``, and ``met``: whether the set plus the plan reaches the target.
    lower_bound : float or None
        The solver's proven lower bound on the cost of any plan.
    """

    introductions: list[Introduction]
    total_cost: float
    optimal: bool
    gap: float | None
    unreachable: list[list[int]]
    target: dict = field(default_factory=dict)
    lower_bound: float | None = None


# --------------------------------------------------------------------------------------
# The set being planned


class _Set:
    """The subgraph induced by the members, with local indices 0..nm-1."""

    def __init__(self, G: SocialGraph, members):
        self.G = G
        if members is None:
            people = np.arange(G.n, dtype=np.int64)
        else:
            people = np.unique(np.fromiter((int(p) for p in members), dtype=np.int64))
            if len(people) and (people[0] < 0 or people[-1] >= G.n):
                raise InputError("member index out of range")
        self.people = people
        self.nm = len(people)
        self.local_of = np.full(G.n, -1, dtype=np.int64)
        self.local_of[people] = np.arange(self.nm)
        edges = self.local_of[G.edges] if G.m else np.zeros((0, 2), np.int64)
        edges = edges[(edges >= 0).all(axis=1)]
        self.edges = np.sort(edges, axis=1)
        self.tie_keys = np.sort(self.edges[:, 0] * self.nm + self.edges[:, 1])

    def tied(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        lo, hi = np.minimum(x, y), np.maximum(x, y)
        keys = lo * self.nm + hi
        if not len(self.tie_keys):
            return np.zeros(len(keys), bool)
        at = np.searchsorted(self.tie_keys, keys).clip(0, len(self.tie_keys) - 1)
        return self.tie_keys[at] == keys

    @cached_property
    def adjacency(self) -> sp.csr_matrix:
        G = self.G
        rows = np.r_[G.edges[:, 0], G.edges[:, 1]]
        cols = np.r_[G.edges[:, 1], G.edges[:, 0]]
        return sp.csr_matrix((np.ones(len(rows), np.int8), (rows, cols)), shape=(G.n, G.n))

    def pair_cost(self, model: CostModel, x: int, y: int) -> tuple[float, str, int]:
        """Cost, reason and shared neighbor (or -1) of two members (local indices)."""
        G, a, b = self.G, int(self.people[x]), int(self.people[y])
        adjacency = self.adjacency
        shared = np.intersect1d(
            adjacency.indices[adjacency.indptr[a] : adjacency.indptr[a + 1]],
            adjacency.indices[adjacency.indptr[b] : adjacency.indptr[b + 1]],
        )
        if len(shared) and model.friend_of_friend <= min(
            model.same_workplace, model.same_city_and_language, model.stranger
        ):
            return model.friend_of_friend, f"both know {G.ids[int(shared[0])]}", int(shared[0])
        cost, reason, via = introduction_cost(G, a, b, model) if len(shared) else (None, None, None)
        if cost is not None:
            return cost, reason, -1 if via is None else via
        options = [(model.stranger, 3, "strangers")]
        if G.workplace[a] >= 0 and G.workplace[a] == G.workplace[b]:
            name = G.workplace_names[G.workplace[a]] if G.workplace_names else G.workplace[a]
            options.append((model.same_workplace, 1, f"both at {name}"))
        common = int(G.languages[a] & G.languages[b])
        if G.city[a] >= 0 and G.city[a] == G.city[b] and common:
            options.append((model.same_city_and_language, 2, city_language_reason(G, a, common)))
        cost, _, reason = min(options, key=lambda option: option[:2])
        return cost, reason, -1

    def graph(self, extra: np.ndarray | None = None) -> igraph.Graph:
        edges = self.edges if extra is None or not len(extra) else np.r_[self.edges, extra]
        return _igraph(self.nm, np.asarray(edges, np.int64).reshape(-1, 2))


def _labels(n: int, edges: np.ndarray) -> tuple[int, np.ndarray]:
    """Connected components of an edge list over n nodes."""
    if n == 0:
        return 0, np.zeros(0, np.int64)
    matrix = sp.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    count, labels = connected_components(matrix, directed=False)
    return count, labels.astype(np.int64)


def _two_edge_pieces(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bridge mask over ``edges`` and the 2-edge-connected piece of each node."""
    if not len(edges):
        return np.zeros(0, bool), np.arange(n, dtype=np.int64)
    graph = _igraph(n, np.asarray(edges, np.int64).reshape(-1, 2))
    is_bridge = np.zeros(len(edges), bool)
    is_bridge[graph.bridges()] = True
    _, piece = _labels(n, edges[~is_bridge])
    return is_bridge, piece


def _rooted_forest(n: int, edges: np.ndarray, *, preorder: bool = False):
    """Parent, depth (and optionally depth-first position) of each node of a forest."""
    root = n
    _, comp = _labels(n, edges)
    first = np.unique(comp, return_index=True)[1]
    all_edges = np.r_[edges, np.c_[np.full(len(first), root), first]]
    graph = _igraph(n + 1, np.asarray(all_edges, np.int64).reshape(-1, 2))
    parent = np.full(n, -1, dtype=np.int64)
    depth = np.zeros(n, dtype=np.int64)
    if preorder:
        order, parents = graph.dfs(root)
        parents = np.asarray(parents, np.int64)
        order = np.asarray(order[1:], np.int64)
    else:
        order, layers, parents = graph.bfs(root)
        parents = np.asarray(parents, np.int64)
        order = np.asarray(order, np.int64)
        # Layer j of the search from the super-root is depth j - 1.
        level = np.repeat(np.arange(len(layers) - 1), np.diff(layers))
        depth_all = np.zeros(n + 1, np.int64)
        depth_all[order] = level - 1
        depth[:] = depth_all[:n]
        order = order[1:]
    parent[:] = parents[:n]
    parent[parent == root] = -1
    position = np.empty(n, np.int64)
    position[order] = np.arange(n)
    return parent, depth, position, comp


def _path_pairs(parent, depth, u, v):
    """(tree node, item) for every tree edge on the path of each item ``u[i]-v[i]``.

    A tree edge is named by its child node. ``v`` may be -1: a node outside the forest,
    reached from above every root. Endpoints in different trees climb to their roots.
    """
    items = np.arange(len(u))
    a, b = np.asarray(u, np.int64).copy(), np.asarray(v, np.int64).copy()
    nodes, owners = [], []
    while len(items):
        da = depth[a]
        db = np.where(b >= 0, depth[np.maximum(b, 0)], -1)
        differ = a != b
        move_a = differ & (da > 0) & (da >= db)
        move_b = differ & (db > 0) & (db >= da)
        nodes += [a[move_a], b[move_b]]
        owners += [items[move_a], items[move_b]]
        a = np.where(move_a, parent[a], a)
        b = np.where(move_b, parent[np.maximum(b, 0)], b)
        active = move_a | move_b
        items, a, b = items[active], a[active], b[active]
    if not nodes:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(nodes), np.concatenate(owners)


def _segment_pairs(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions i < j inside each segment ``[start, start + length)``."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    positions = np.repeat(starts, lengths) + (
        np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    rank = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    partners = np.repeat(lengths, lengths) - rank - 1
    first = np.repeat(positions, partners)
    offsets = np.arange(int(partners.sum())) - np.repeat(np.cumsum(partners) - partners, partners)
    return first, first + offsets + 1


# --------------------------------------------------------------------------------------
# Enumerated offers: friend-of-friend pairs and listed candidates


@dataclass
class _Offers:
    """Explicit person pairs (local indices, x < y) with cost, reason and shared neighbor."""

    x: np.ndarray
    y: np.ndarray
    cost: np.ndarray
    reason: list
    via: np.ndarray

    @classmethod
    def empty(cls) -> _Offers:
        z = np.zeros(0, np.int64)
        return cls(z, z, np.zeros(0), [], z)

    def take(self, keep: np.ndarray) -> _Offers:
        keep = np.asarray(keep)
        if keep.dtype == bool:
            keep = np.flatnonzero(keep)
        return _Offers(
            self.x[keep],
            self.y[keep],
            self.cost[keep],
            [self.reason[i] for i in keep.tolist()],
            self.via[keep],
        )

    def __len__(self):
        return len(self.x)


def _friend_of_friend(S: _Set, group: np.ndarray, cost: float) -> _Offers:
    """Pairs of members sharing a tie-neighbor anywhere in G, in different groups.

    Per shared neighbor only two members of each group are kept: the planner needs at most
    two distinct pairs per pair of groups, and two members per side already give them.
    """
    G = S.G
    if G.m == 0:
        return _Offers.empty()
    source = np.r_[G.edges[:, 0], G.edges[:, 1]]
    target = np.r_[G.edges[:, 1], G.edges[:, 0]]
    local = S.local_of[target]
    keep = local >= 0
    via, person = source[keep], local[keep]
    grp = group[person]
    order = np.lexsort((person, grp, via))
    via, person, grp = via[order], person[order], grp[order]
    ngroups = int(group.max()) + 1 if len(group) else 1
    key = via * ngroups + grp
    new = np.r_[True, key[1:] != key[:-1]]
    start = np.maximum.accumulate(np.where(new, np.arange(len(key)), 0))
    keep = (np.arange(len(key)) - start) < 2
    # A neighbor whose members all sit in one group gives no useful pair.
    groups_per_via = np.bincount(via[new], minlength=G.n)
    keep &= groups_per_via[via] > 1
    via, person, grp = via[keep], person[keep], grp[keep]
    if not len(via):
        return _Offers.empty()
    new = np.r_[True, via[1:] != via[:-1]]
    starts = np.flatnonzero(new)
    lengths = np.diff(np.r_[starts, len(via)])
    first, second = _segment_pairs(starts, lengths)
    cross = grp[first] != grp[second]
    first, second = first[cross], second[cross]
    x, y = person[first], person[second]
    lo, hi = np.minimum(x, y), np.maximum(x, y)
    offers = _Offers(lo, hi, np.full(len(lo), float(cost)), [None] * len(lo), via[first])
    offers = offers.take(~S.tied(lo, hi))
    return offers


def _dense_offers(S: _Set, model: CostModel) -> _Offers:
    """Every untied pair of members with its model cost, vectorized (small sets only)."""
    G, people, nm = S.G, S.people, S.nm
    adjacency = S.adjacency[people]
    shared = (adjacency @ adjacency.T).toarray()
    a, b = np.triu_indices(nm, 1)
    keep = ~S.tied(a, b)
    a, b = a[keep], b[keep]
    cost = np.full(len(a), float(model.stranger))
    kind = np.full(len(a), 3)
    workplace, city, spoken = G.workplace[people], G.city[people], G.languages[people]
    common = spoken[a] & spoken[b]
    rules = [
        (2, model.same_city_and_language, (city[a] >= 0) & (city[a] == city[b]) & (common != 0)),
        (1, model.same_workplace, (workplace[a] >= 0) & (workplace[a] == workplace[b])),
        (0, model.friend_of_friend, shared[a, b] > 0),
    ]
    for code, value, applies in rules:
        better = applies & ((value < cost) | ((value == cost) & (code < kind)))
        cost[better], kind[better] = value, code
    reasons, vias = [], np.full(len(a), -1)
    for i in range(len(a)):
        x, y = int(people[a[i]]), int(people[b[i]])
        if kind[i] == 0:
            row = S.adjacency
            via = int(
                np.intersect1d(
                    row.indices[row.indptr[x] : row.indptr[x + 1]],
                    row.indices[row.indptr[y] : row.indptr[y + 1]],
                )[0]
            )
            vias[i] = via
            reasons.append(f"both know {G.ids[via]}")
        elif kind[i] == 1:
            code = int(workplace[a[i]])
            name = G.workplace_names[code] if code < len(G.workplace_names) else code
            reasons.append(f"both at {name}")
        elif kind[i] == 2:
            reasons.append(city_language_reason(G, x, int(common[i])))
        else:
            reasons.append("strangers")
    return _Offers(a.astype(np.int64), b.astype(np.int64), cost, reasons, vias)


def _listed(S: _Set, candidates: Candidates) -> _Offers:
    a = np.asarray(candidates.a, np.int64)
    b = np.asarray(candidates.b, np.int64)
    inside = (a >= 0) & (a < S.G.n) & (b >= 0) & (b < S.G.n)
    x = np.full(len(a), -1)
    y = np.full(len(a), -1)
    x[inside] = S.local_of[a[inside]]
    y[inside] = S.local_of[b[inside]]
    keep = (x >= 0) & (y >= 0) & (x != y)
    x, y = x[keep], y[keep]
    lo, hi = np.minimum(x, y), np.maximum(x, y)
    reasons = [candidates.reason[i] if candidates.reason else None for i in np.flatnonzero(keep)]
    reasons = [r or "listed introduction" for r in reasons]
    offers = _Offers(
        lo, hi, np.asarray(candidates.cost, float)[keep], reasons, np.full(len(lo), -1)
    )
    return offers.take(~S.tied(lo, hi))


def _cheapest_per_group_pair(offers: _Offers, group: np.ndarray, keep_per_pair: int) -> _Offers:
    """Distinct person pairs, cheapest first, at most ``keep_per_pair`` per pair of groups."""
    if not len(offers):
        return offers
    n = int(max(offers.x.max(), offers.y.max())) + 1
    person_key = offers.x * n + offers.y
    order = np.lexsort((offers.cost, person_key))
    first = order[np.r_[True, person_key[order][1:] != person_key[order][:-1]]]
    offers = offers.take(first)
    gx, gy = group[offers.x], group[offers.y]
    glo, ghi = np.minimum(gx, gy), np.maximum(gx, gy)
    ngroups = int(group.max()) + 1
    pair_key = glo * ngroups + ghi
    order = np.lexsort((offers.cost, pair_key))
    sorted_key = pair_key[order]
    new = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
    start = np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))
    return offers.take(np.sort(order[(np.arange(len(order)) - start) < keep_per_pair]))


# --------------------------------------------------------------------------------------
# Classes: workplaces, city + language, strangers


@dataclass
class _Classes:
    """Class memberships of members: one row per (class, person), sorted by class."""

    cls: np.ndarray  # class index per row
    person: np.ndarray  # local person per row
    cost: np.ndarray  # per class
    kind: list  # per class: ("workplace", code) | ("city", city, bit) | ("strangers",)

    def reason(self, G: SocialGraph, c: int, person_global: int) -> str:
        kind = self.kind[c]
        if kind[0] == "workplace":
            names = G.workplace_names
            return f"both at {names[kind[1]] if kind[1] < len(names) else kind[1]}"
        if kind[0] == "city":
            return city_language_reason(G, person_global, 1 << kind[2])
        return "strangers"


def _classes(S: _Set, model: CostModel) -> _Classes:
    G = S.G
    people = S.people
    rows_cls, rows_person, costs, kinds = [], [], [], []
    local = np.arange(S.nm)
    if model.same_workplace < model.stranger:
        workplace = G.workplace[people]
        known = workplace >= 0
        codes = np.unique(workplace[known])
        index = np.full(int(codes.max()) + 1 if len(codes) else 0, -1)
        index[codes] = np.arange(len(codes))
        rows_cls.append(index[workplace[known]] + len(costs))
        rows_person.append(local[known])
        costs += [model.same_workplace] * len(codes)
        kinds += [("workplace", int(c)) for c in codes]
    if model.same_city_and_language < model.stranger:
        city = G.city[people]
        spoken = G.languages[people]
        for bit in range(63):
            has = (city >= 0) & ((spoken >> bit) & 1 == 1)
            if not has.any():
                if not (spoken >> bit).any():
                    break
                continue
            codes = np.unique(city[has])
            index = np.full(int(codes.max()) + 1, -1)
            index[codes] = np.arange(len(codes))
            rows_cls.append(index[city[has]] + len(costs))
            rows_person.append(local[has])
            costs += [model.same_city_and_language] * len(codes)
            kinds += [("city", int(c), bit) for c in codes]
    rows_cls.append(np.full(S.nm, len(costs)))
    rows_person.append(local)
    costs.append(model.stranger)
    kinds.append(("strangers",))
    cls = np.concatenate(rows_cls).astype(np.int64)
    person = np.concatenate(rows_person).astype(np.int64)
    order = np.lexsort((person, cls))
    return _Classes(cls[order], person[order], np.asarray(costs, float), kinds)


# --------------------------------------------------------------------------------------
# The covering program


class _Program:
    """Variables over nodes (pieces, then hubs) and the cut rows collected so far."""

    def __init__(self, npieces: int, nhubs: int):
        self.npieces = npieces
        self.nhubs = nhubs
        self.u = np.zeros(0, np.int64)
        self.v = np.zeros(0, np.int64)
        self.cost = np.zeros(0)
        self.upper = np.zeros(0)
        self.rows: list[tuple[np.ndarray, float]] = []
        self.seen: set = set()
        self.degree_rows: list[np.ndarray] = []
        self.degree_limit = None
        self.hub_of_var = np.zeros(0, np.int64)
        # Rows "sum(data * var) <= 0"; columns past the variables are the hubs' halves z.
        self.pairing_rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.stopped = False
        self.provable = True

    def add_rows(self, row_ids: np.ndarray, var_ids: np.ndarray, rhs: np.ndarray) -> int:
        """Add cut rows given as (row, var) pairs; returns how many were new."""
        added = 0
        order = np.lexsort((var_ids, row_ids))
        row_ids, var_ids = row_ids[order], var_ids[order]
        bounds = np.searchsorted(row_ids, np.arange(len(rhs) + 1))
        for r in range(len(rhs)):
            if rhs[r] <= 0:
                continue
            variables = np.unique(var_ids[bounds[r] : bounds[r + 1]])
            key = (hash(variables.tobytes()), float(rhs[r]))
            if key in self.seen:
                continue
            self.seen.add(key)
            self.rows.append((variables, float(rhs[r])))
            added += 1
        return added

    def solve(self, time_limit: float | None, *, prove: bool = True):
        """Solve over the rows so far: ``(x, proven, objective, bound, slack)``.

        With ``prove=False`` the plan is the best one over the variables the LP relaxation
        favours and ``bound`` the LP value; ``self.stopped`` tells whether the time limit cut
        a solve short.
        """
        nvars = len(self.u)
        nrows = len(self.rows)
        ncols = nvars + self.nhubs + nrows
        # A cut that cannot be met takes a slack at a price above any plan, so the rest is
        # still planned and the unmet pieces are reported instead of failing.
        penalty = float((self.cost * self.upper).sum()) + 1.0
        c = np.r_[self.cost, np.zeros(self.nhubs), np.full(nrows, penalty)]
        integrality = np.r_[np.ones(nvars + self.nhubs), np.zeros(nrows)]
        upper = np.r_[self.upper, np.full(self.nhubs, np.inf), [r for _, r in self.rows]]
        constraints = []
        if nrows:
            lengths = np.array([len(v) for v, _ in self.rows])
            cols = np.concatenate(
                [v for v, _ in self.rows] + [nvars + self.nhubs + np.arange(nrows)]
            )
            rows = np.r_[np.repeat(np.arange(nrows), lengths), np.arange(nrows)]
            matrix = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(nrows, ncols))
            rhs = np.array([r for _, r in self.rows])
            constraints.append(LinearConstraint(matrix, rhs, np.inf))
        spokes = np.flatnonzero(self.hub_of_var >= 0)
        if self.nhubs and len(spokes):
            # Each hub has an even number of spokes: sum(spokes) - 2 z = 0.
            rows = np.r_[self.hub_of_var[spokes], np.arange(self.nhubs)]
            cols = np.r_[spokes, nvars + np.arange(self.nhubs)]
            data = np.r_[np.ones(len(spokes)), np.full(self.nhubs, -2.0)]
            matrix = sp.csr_matrix((data, (rows, cols)), shape=(self.nhubs, ncols))
            constraints.append(LinearConstraint(matrix, 0, 0))
        if self.pairing_rows:
            offset, parts = 0, []
            for rows, cols, data, rhs in self.pairing_rows:
                parts.append((rows + offset, cols, data))
                offset += len(rhs)
            matrix = sp.csr_matrix(
                (
                    np.concatenate([p[2] for p in parts]),
                    (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])),
                ),
                shape=(offset, ncols),
            )
            rhs = np.concatenate([r[3] for r in self.pairing_rows])
            constraints.append(LinearConstraint(matrix, -np.inf, rhs))
        if self.degree_rows:
            lengths = np.array([len(v) for v in self.degree_rows])
            cols = np.concatenate(self.degree_rows)
            rows = np.repeat(np.arange(len(self.degree_rows)), lengths)
            matrix = sp.csr_matrix(
                (np.ones(len(cols)), (rows, cols)), shape=(len(self.degree_rows), ncols)
            )
            constraints.append(LinearConstraint(matrix, -np.inf, self.degree_limit))
        if not constraints:
            return np.zeros(nvars), True, 0.0, 0.0, 0.0
        lower = np.zeros(ncols)
        # Without hubs the program is pure covering, which HiGHS proves quickly at any size.
        largest = np.inf if self.nhubs == 0 else _PROOF_MAX_VARIABLES
        result = _solve_lp_first(
            c, integrality, lower, upper, constraints, time_limit, prove, largest
        )
        if result is None:
            self.stopped = True
            return None, False, None, None, None
        x_all, proven, bound, self.stopped, self.provable = result
        x = np.round(x_all[:nvars])
        slack = x_all[nvars + self.nhubs :]
        objective = float(self.cost @ x)
        if bound is not None and np.isfinite(bound):
            bound = float(bound) - penalty * float(slack.sum())
        return x, proven, objective, bound, float(slack.sum())


def _run_milp(c, integrality, lower, upper, constraints, keep, deadline):
    bounded = upper if keep is None else np.where(keep, upper, 0.0)
    options = {"mip_rel_gap": 1e-9}
    if deadline is not None:
        options["time_limit"] = max(deadline - time.monotonic(), 0.01)
    return milp(
        c,
        integrality=integrality,
        bounds=Bounds(lower, bounded),
        constraints=constraints,
        options=options,
    )


def _solve_lp_first(c, integrality, lower, upper, constraints, time_limit, prove, largest):
    """Solve the integer program, shrinking it with the LP relaxation first.

    HiGHS alone stalls on the whole program at 100k people (no good plan at the root after
    minutes), while the LP relaxation solves in about a second and is nearly integral. So:
    solve the LP; solve the integer program over the variables with zero reduced cost (and
    those the LP uses) for a plan of cost U. A plan using a variable whose reduced cost
    exceeds U - LP costs more than U (reduced-cost fixing), so when no other variable is
    within that gap the plan is optimal; otherwise, with ``prove``, the integer program
    over every variable within the gap settles it (within ``_PROOF_SECONDS`` when there
    is no time limit; if that runs out the plan keeps its proven bound).

    Returns ``(x, proven, bound, stopped, provable)``, or None when no plan was found in
    time; ``provable`` is False when the proof would be too large to try.
    """
    start = time.monotonic()
    deadline = None if time_limit is None else start + time_limit
    relaxation = _linear_relaxation(c, lower, upper, constraints, time_limit)
    if relaxation is None:
        result = _run_milp(c, integrality, lower, upper, constraints, None, deadline)
        if result.x is None:
            return None
        bound = getattr(result, "mip_dual_bound", None)
        return result.x, result.status == 0, bound, result.status != 0, True
    floor, reduced, used = relaxation
    # The LP's support first, then every variable with zero reduced cost, then all.
    # The LP's support first (fast, for cut rounds), every variable with zero reduced cost
    # when proving (a better plan), then everything if those allow no plan.
    support = used > 1e-9
    favoured = (reduced <= 1e-7) | support
    for keep in (favoured, None) if prove else (support, favoured, None):
        result = _run_milp(c, integrality, lower, upper, constraints, keep, deadline)
        if result.x is not None or result.status == 1:
            break
    if result.x is None:
        return None
    if keep is None:
        bound = getattr(result, "mip_dual_bound", None)
        return result.x, result.status == 0, bound, result.status != 0, True
    x, value = result.x, float(c @ result.x)
    if result.status != 0:
        return x, False, floor, True, True
    needed = keep | (reduced <= value - floor + 1e-7)
    if not (needed & ~keep).any():
        return x, True, value, False, True
    if not prove or needed.sum() > largest:
        return x, False, floor, False, needed.sum() <= largest
    if deadline is None:
        deadline = time.monotonic() + _PROOF_SECONDS
    proof = _run_milp(c, integrality, lower, upper, constraints, needed, deadline)
    if proof.x is not None and float(c @ proof.x) < value - 1e-9:
        x, value = proof.x, float(c @ proof.x)
    if proof.status == 0:
        return x, True, value, False, True
    # Any better plan lies among the needed variables, so their dual bound holds for all.
    dual = getattr(proof, "mip_dual_bound", None)
    dual = floor if dual is None or not np.isfinite(dual) else max(floor, float(dual))
    return x, False, min(dual, value), True, True


def _linear_relaxation(c, lower, upper, constraints, time_limit):
    """(value, reduced costs) of the LP relaxation, or None if HiGHS gives none."""
    upper_rows, upper_rhs, equal_rows, equal_rhs = [], [], [], []
    for constraint in constraints:
        matrix = sp.csr_matrix(constraint.A)
        lo = np.broadcast_to(np.asarray(constraint.lb, float), (matrix.shape[0],))
        hi = np.broadcast_to(np.asarray(constraint.ub, float), (matrix.shape[0],))
        equal = lo == hi
        if equal.any():
            equal_rows.append(matrix[equal])
            equal_rhs.append(lo[equal])
        below = np.isfinite(hi) & ~equal
        if below.any():
            upper_rows.append(matrix[below])
            upper_rhs.append(hi[below])
        above = np.isfinite(lo) & ~equal
        if above.any():
            upper_rows.append(-matrix[above])
            upper_rhs.append(-lo[above])
    options = {} if time_limit is None else {"time_limit": max(float(time_limit), 0.01)}
    result = linprog(
        c,
        A_ub=sp.vstack(upper_rows).tocsr() if upper_rows else None,
        b_ub=np.concatenate(upper_rhs) if upper_rhs else None,
        A_eq=sp.vstack(equal_rows).tocsr() if equal_rows else None,
        b_eq=np.concatenate(equal_rhs) if equal_rhs else None,
        bounds=np.c_[lower, upper],
        method="highs",
        options=options,
    )
    if result.status != 0:
        return None
    # A variable at its lower bound 0 with reduced cost r makes any plan using it cost at
    # least LP + r; variables at their upper bound or in the basis report r <= 0.
    reduced = np.maximum(np.asarray(result.lower.marginals, float), 0.0)
    return float(result.fun), reduced, np.asarray(result.x, float)


def _violated_cuts(P: _Program, forest: np.ndarray, x: np.ndarray):
    """Rows for every cut the current solution crosses fewer than twice.

    The solution graph over pieces and hubs is collapsed to its bridge tree; each bridge
    gives the cut of its subtree (rhs 2 minus the set's own ties crossing it), each
    component (when several) the cut around it (rhs 2).
    """
    nodes = P.npieces + P.nhubs
    chosen = np.flatnonzero(x > 0.5)
    repeat = x[chosen].astype(np.int64)
    solution = np.c_[np.repeat(P.u[chosen], repeat), np.repeat(P.v[chosen], repeat)]
    edges = np.r_[forest, solution].astype(np.int64).reshape(-1, 2)
    degree = np.bincount(edges.ravel(), minlength=nodes)
    real = np.r_[np.ones(P.npieces, bool), degree[P.npieces :] > 0]
    is_bridge, piece = _two_edge_pieces(nodes, edges)
    # Isolated hubs carry nothing: give them no say in components.
    count, comp = _labels(nodes, edges)
    relevant_components = np.unique(comp[real])
    tree_edges = np.c_[piece[edges[is_bridge, 0]], piece[edges[is_bridge, 1]]]
    npiece = int(piece.max()) + 1 if nodes else 0
    row_ids, var_ids, rhs_parts = [], [], []
    nrows = 0
    if len(tree_edges):
        parent, depth, _, _ = _rooted_forest(npiece, tree_edges)
        nodes_v, owners = _path_pairs(parent, depth, piece[P.u], piece[P.v])
        fixed_nodes, _ = _path_pairs(parent, depth, piece[forest[:, 0]], piece[forest[:, 1]])
        fixed = np.bincount(fixed_nodes, minlength=npiece)
        tree_nodes = np.unique(np.r_[tree_edges[:, 0], tree_edges[:, 1]])
        children = tree_nodes[parent[tree_nodes] >= 0]
        row_of = np.full(npiece, -1)
        row_of[children] = np.arange(len(children))
        keep = row_of[nodes_v] >= 0
        row_ids.append(row_of[nodes_v[keep]])
        var_ids.append(owners[keep])
        rhs_parts.append(2.0 - fixed[children])
        nrows = len(children)
    if len(relevant_components) > 1:
        cu, cv = comp[P.u], comp[P.v]
        crossing = np.flatnonzero(cu != cv)
        index = np.full(count, -1)
        index[relevant_components] = np.arange(len(relevant_components))
        for side in (cu, cv):
            target = index[side[crossing]]
            ok = target >= 0
            row_ids.append(nrows + target[ok])
            var_ids.append(crossing[ok])
        rhs_parts.append(np.full(len(relevant_components), 2.0))
        nrows += len(relevant_components)
    if not nrows:
        return None
    return (
        np.concatenate(row_ids).astype(np.int64),
        np.concatenate(var_ids).astype(np.int64),
        np.concatenate(rhs_parts),
    )


# --------------------------------------------------------------------------------------
# Public entry point


def plan_introductions(
    G: SocialGraph,
    members: Iterable[int] | np.ndarray | None = None,
    *,
    k: int = 2,
    vertex: bool = False,
    cost: str | CostModel = "default",
    candidates: Candidates | None = None,
    max_per_person: int | None = None,
    time_limit: float | None = None,
) -> Plan:
    """The cheapest introductions that make the members connected or resilient.

    Parameters
    ----------
    G : SocialGraph
    members : iterable of int, optional
        Person indices of the set; everyone when None. The plan looks at the ties among
        them, but "friend of a friend" counts tie-neighbors anywhere in ``G``.
    k : {1, 2}
        1: connected; 2 (default): no single tie's loss splits the set.
    vertex : bool
        Require 2-vertex-connectivity instead: no single person's departure splits it.
    cost : "default", "uniform" or CostModel
        The cost model (see :mod:`collectives.network.costs`); ignored with ``candidates``.
    candidates : Candidates, optional
        An explicit list: only these introductions are allowed, at these costs.
    max_per_person : int, optional
        At most this many introductions involve any one person.
    time_limit : float, optional
        Seconds for the solver; when reached the best plan found is returned with
        ``optimal=False`` and its ``gap``.

    Returns
    -------
    Plan

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abc", [("a", "b"), ("b", "c")])
    >>> plan = plan_introductions(G, cost="uniform")
    >>> [(G.ids[i.a], G.ids[i.b]) for i in plan.introductions], plan.total_cost
    ([('a', 'c')], 1.0)
    """
    if k not in (1, 2):
        raise ValueError("k must be 1 or 2")
    if max_per_person is not None and max_per_person < 0:
        raise ValueError("max_per_person must be at least 0")
    deadline = None if time_limit is None else time.monotonic() + time_limit
    model = None if candidates is not None else resolve_cost_model(cost)
    S = _Set(G, members)
    target = {"k": 1 if k == 1 and not vertex else 2, "vertex": bool(vertex)}
    if vertex:
        if candidates is not None or S.nm <= _VERTEX_EXACT_MAX_PEOPLE:
            return _plan_vertex_exact(S, model, candidates, max_per_person, deadline, target)
        plan = _plan_two_edge(S, model, None, max_per_person, deadline, target)
        return _complete_vertex(S, model, plan, max_per_person)
    if k == 1:
        return _plan_connected(S, model, candidates, max_per_person, target)
    if candidates is None and S.nm * (S.nm - 1) // 2 <= _DENSE_MAX_PAIRS:
        candidates = _dense_offers(S, model)
    return _plan_two_edge(S, model, candidates, max_per_person, deadline, target)


def _remaining(deadline):
    return None if deadline is None else deadline - time.monotonic()


def _make_plan(S: _Set, pairs, *, optimal, bound, unreachable, target, met) -> Plan:
    introductions = []
    for x, y, c, reason, via in pairs:
        a, b = int(S.people[x]), int(S.people[y])
        if a > b:
            a, b = b, a
        introductions.append(
            Introduction(a, b, float(c), reason, None if via is None or via < 0 else int(via))
        )
    introductions.sort(key=lambda i: (i.a, i.b))
    total = float(sum(i.cost for i in introductions))
    gap = None
    if not optimal and bound is not None and total > 0:
        gap = max(0.0, (total - bound) / total)
    return Plan(
        introductions=introductions,
        total_cost=total,
        optimal=bool(optimal),
        gap=gap,
        unreachable=unreachable,
        target={**target, "met": bool(met)},
        lower_bound=bound,
    )


def _fof_reason(S: _Set, via: int) -> str:
    return f"both know {S.G.ids[via]}"


def _meets(S: _Set, pairs, target) -> bool:
    if S.nm <= 1:
        return True
    extra = np.array([(x, y) for x, y, *_ in pairs], np.int64).reshape(-1, 2)
    graph = S.graph(extra)
    if target["vertex"]:
        return S.nm >= 2 and graph.is_connected() and (S.nm == 2 or not graph.articulation_points())
    if not graph.is_connected():
        return False
    return target["k"] == 1 or not graph.bridges()


# --------------------------------------------------------------------------------------
# k = 1


def _plan_connected(S, model, candidates, max_per_person, target) -> Plan:
    ncomp, comp = _labels(S.nm, S.edges)
    if ncomp <= 1:
        return _make_plan(S, [], optimal=True, bound=0.0, unreachable=[], target=target, met=True)
    # Edges between components: (cost, priority, comp a, comp b, payload)
    entries = []
    if candidates is not None:
        offers = _cheapest_per_group_pair(_listed(S, candidates), comp, 1)
    elif model.friend_of_friend < model.stranger:
        offers = _cheapest_per_group_pair(
            _friend_of_friend(S, comp, model.friend_of_friend), comp, 1
        )
    else:
        offers = _Offers.empty()
    for i in range(len(offers)):
        x, y = int(offers.x[i]), int(offers.y[i])
        entries.append((float(offers.cost[i]), 0, int(comp[x]), int(comp[y]), ("offer", i)))
    classes = None
    if model is not None:
        classes = _classes(S, model)
        comp_of_row = comp[classes.person]
        key = classes.cls * ncomp + comp_of_row
        first = np.unique(key, return_index=True)[1]
        cls_first, comp_first = classes.cls[first], comp_of_row[first]
        # Chaining the class's components is enough for a spanning tree (module docstring).
        same = cls_first[1:] == cls_first[:-1]
        for i in np.flatnonzero(same).tolist():
            c = int(cls_first[i])
            entries.append(
                (
                    float(classes.cost[c]),
                    1,
                    int(comp_first[i]),
                    int(comp_first[i + 1]),
                    ("class", c),
                )
            )
    entries.sort(key=lambda e: (e[0], e[1]))
    parent = list(range(ncomp))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    load = np.zeros(S.nm, np.int64)
    limit = np.inf if max_per_person is None else max_per_person
    pairs = []
    exact = True
    members_of = None
    if classes is not None:
        members_of = (classes.cls * ncomp + comp[classes.person], classes.person)
        order = np.argsort(members_of[0], kind="stable")
        members_of = (members_of[0][order], members_of[1][order])
    for c, _, ca, cb, payload in entries:
        ra, rb = find(ca), find(cb)
        if ra == rb:
            continue
        if payload[0] == "offer":
            i = payload[1]
            x, y = int(offers.x[i]), int(offers.y[i])
            if load[x] >= limit or load[y] >= limit:
                exact = False
                continue
            via = int(offers.via[i])
            reason = offers.reason[i] or _fof_reason(S, via)
            pairs.append((x, y, c, reason, via))
        else:
            cls = payload[1]
            chosen = []
            for comp_id in (ca, cb):
                key = cls * ncomp + comp_id
                lo, hi = np.searchsorted(members_of[0], [key, key + 1])
                people = members_of[1][lo:hi]
                free = people[load[people] < limit]
                chosen.append(int(free[np.argmin(load[free])]) if len(free) else -1)
            if min(chosen) < 0:
                exact = False
                continue
            x, y = chosen
            pairs.append((x, y, c, classes.reason(S.G, cls, int(S.people[x])), None))
        load[x] += 1
        load[y] += 1
        parent[ra] = rb
    touched = np.zeros(ncomp, bool)
    if candidates is not None:
        touched[comp[offers.x]] = True
        touched[comp[offers.y]] = True
    else:
        touched[:] = True
    unreachable = [S.people[comp == c].tolist() for c in np.flatnonzero(~touched)]
    met = _meets(S, pairs, target)
    bound = float(sum(p[2] for p in pairs)) if exact else None
    return _make_plan(
        S,
        pairs,
        optimal=exact and met,
        bound=bound,
        unreachable=unreachable,
        target=target,
        met=met,
    )


# --------------------------------------------------------------------------------------
# k = 2 (edges)


def _plan_two_edge(S, model, candidates, max_per_person, deadline, target) -> Plan:
    """The exact 2-edge plan; hubs whose spokes could not all be split into distinct real
    introductions have their class listed pair by pair and the program is solved again
    (a class of a handful of people may hold too few untied pairs for Lovász's splitting,
    which allows parallel ties)."""
    expanded: set[int] = set()
    best, bound = None, None
    while True:
        plan, used, imperfect, stopped, sizes = _plan_two_edge_hubs(
            S, model, candidates, max_per_person, deadline, target, frozenset(expanded)
        )
        if plan.lower_bound is not None:
            bound = plan.lower_bound if bound is None else max(bound, plan.lower_bound)
        rank = (plan.target["met"], -round(plan.total_cost, 9), plan.optimal)
        if best is None or rank > (
            best.target["met"],
            -round(best.total_cost, 9),
            best.optimal,
        ):
            best = plan
        if best.optimal or not imperfect or stopped:
            break
        budget = _EXPAND_MAX_PAIRS - sum(sizes[c] * (sizes[c] - 1) // 2 for c in expanded)
        grow = []
        for c in sorted(set(used) - expanded, key=lambda c: sizes[c]):
            pairs = sizes[c] * (sizes[c] - 1) // 2
            if pairs <= budget:
                grow.append(c)
                budget -= pairs
        if not grow:
            break
        expanded.update(grow)
    # Every attempt solves a relaxation of the real problem: the best bound holds for all.
    if bound is not None and best.lower_bound != bound:
        best.lower_bound = bound
        if not best.optimal and best.total_cost > 0:
            best.gap = max(0.0, (best.total_cost - bound) / best.total_cost)
    return best


def _class_offers(S, classes, piece, expanded) -> _Offers:
    """Every untied pair of each expanded class across pieces, at the class cost."""
    parts = []
    for c in sorted(expanded):
        people = classes.person[classes.cls == c]
        a, b = np.triu_indices(len(people), 1)
        x, y = people[a], people[b]
        keep = (piece[x] != piece[y]) & ~S.tied(x, y)
        x, y = x[keep], y[keep]
        if not len(x):
            continue
        reason = classes.reason(S.G, c, int(S.people[x[0]]))
        parts.append(
            _Offers(
                np.minimum(x, y),
                np.maximum(x, y),
                np.full(len(x), float(classes.cost[c])),
                [reason] * len(x),
                np.full(len(x), -1, np.int64),
            )
        )
    if not parts:
        return _Offers.empty()
    return _Offers(
        np.concatenate([o.x for o in parts]),
        np.concatenate([o.y for o in parts]),
        np.concatenate([o.cost for o in parts]),
        [r for o in parts for r in o.reason],
        np.concatenate([o.via for o in parts]),
    )


def _plan_two_edge_hubs(S, model, candidates, max_per_person, deadline, target, expanded):
    """One exact-route attempt with the classes in ``expanded`` listed pair by pair.

    Returns the plan, the classes whose hubs carry spokes in the solution, whether the hub
    solution could not be realized at its own cost, whether the time limit stopped it, and
    each class's number of members.
    """
    nothing = ([], False, False, {})
    if S.nm <= 1:
        plan = _make_plan(S, [], optimal=True, bound=0.0, unreachable=[], target=target, met=True)
        return (plan, *nothing)
    is_bridge, piece = _two_edge_pieces(S.nm, S.edges)
    npieces = int(piece.max()) + 1
    forest = np.c_[piece[S.edges[is_bridge, 0]], piece[S.edges[is_bridge, 1]]].astype(np.int64)
    ncomp, comp_of_piece = _labels(npieces, forest)
    if ncomp == 1 and npieces == 1:
        plan = _make_plan(S, [], optimal=True, bound=0.0, unreachable=[], target=target, met=True)
        return (plan, *nothing)

    # Enumerated offers between pieces.
    if isinstance(candidates, _Offers):
        offers, model = candidates, None
    elif candidates is not None:
        offers = _listed(S, candidates)
    elif model.friend_of_friend < model.stranger:
        offers = _friend_of_friend(S, piece, model.friend_of_friend)
    else:
        offers = _Offers.empty()
    classes = _classes(S, model) if model is not None else None
    if expanded and classes is not None:
        listed = _class_offers(S, classes, piece, expanded)
        offers = _Offers(
            np.r_[offers.x, listed.x].astype(np.int64),
            np.r_[offers.y, listed.y].astype(np.int64),
            np.r_[offers.cost, listed.cost].astype(float),
            list(offers.reason) + list(listed.reason),
            np.r_[offers.via, listed.via].astype(np.int64),
        )
    offers = offers.take(piece[offers.x] != piece[offers.y])
    offers = _cheapest_per_group_pair(offers, piece, 2)

    # Hub spokes, per piece (or per person with a per-person limit).
    nhubs = 0
    spoke_cls = spoke_node = spoke_person = np.zeros(0, np.int64)
    if classes is not None:
        node_of_row = piece[classes.person]
        # A class inside one piece can only add useless ties: drop it.
        key = classes.cls * npieces + node_of_row
        unique_key, first = np.unique(key, return_index=True)
        cls_of_key = classes.cls[first]
        pieces_per_class = np.bincount(cls_of_key, minlength=len(classes.cost))
        useful = pieces_per_class >= 2
        if expanded:
            useful[list(expanded)] = False
        useful_cls = np.flatnonzero(useful)
        hub_of_cls = np.full(len(classes.cost), -1)
        hub_of_cls[useful_cls] = np.arange(len(useful_cls))
        nhubs = len(useful_cls)
        if max_per_person is None:
            keep = hub_of_cls[cls_of_key] >= 0
            spoke_cls = cls_of_key[keep]
            spoke_node = node_of_row[first][keep]
            spoke_person = np.full(len(spoke_cls), -1)
        else:
            keep = hub_of_cls[classes.cls] >= 0
            spoke_cls = classes.cls[keep]
            spoke_node = node_of_row[keep]
            spoke_person = classes.person[keep]
    else:
        hub_of_cls = np.zeros(0, np.int64)

    P = _Program(npieces, nhubs)
    nlinks = len(offers)
    P.u = np.r_[piece[offers.x], spoke_node].astype(np.int64)
    P.v = np.r_[piece[offers.y], npieces + hub_of_cls[spoke_cls] if len(spoke_cls) else []].astype(
        np.int64
    )
    half = classes.cost[spoke_cls] / 2 if classes is not None else np.zeros(0)
    P.cost = np.r_[offers.cost, half]
    # Two parallel ties between the same ends are never needed beyond the two kept; a
    # piece's spokes to one hub are capped at four, far more than any cut can use.
    spoke_upper = 4.0 if max_per_person is None else float(max_per_person)
    P.upper = np.r_[np.ones(nlinks), np.full(len(spoke_cls), spoke_upper)]
    P.hub_of_var = np.r_[
        np.full(nlinks, -1), hub_of_cls[spoke_cls] if len(spoke_cls) else []
    ].astype(np.int64)
    if max_per_person is not None:
        persons = np.r_[offers.x, offers.y, spoke_person]
        owners = np.r_[np.arange(nlinks), np.arange(nlinks), nlinks + np.arange(len(spoke_cls))]
        order = np.argsort(persons, kind="stable")
        persons, owners = persons[order], owners[order]
        starts = np.flatnonzero(np.r_[True, persons[1:] != persons[:-1]])
        P.degree_rows = np.split(owners, starts[1:]) if len(owners) else []
        P.degree_limit = float(max_per_person)

    if nhubs:
        rows = _pairing_rows(
            S, classes, piece, npieces, hub_of_cls, spoke_cls, spoke_node, spoke_person, nlinks
        )
        if rows is not None:
            P.pairing_rows.append(rows)

    # Unreachable pieces: ones that need a tie (leaves and isolated pieces) but no variable
    # touches.
    forest_degree = np.bincount(forest.ravel(), minlength=npieces)
    touched = np.zeros(npieces, bool)
    touched[P.u[P.u < npieces]] = True
    touched[P.v[P.v < npieces]] = True
    needs = forest_degree <= 1
    unreachable_pieces = np.flatnonzero(needs & ~touched)
    unreachable = [S.people[piece == p].tolist() for p in unreachable_pieces]

    # Initial rows: each bridge's subtree (hubs outside it) and each component.
    parent, depth, _, _ = _rooted_forest(npieces, forest)
    hubless_v = np.where(P.v < npieces, P.v, -1)
    tree_nodes, owners = _path_pairs(parent, depth, P.u, hubless_v)
    children = np.flatnonzero(parent >= 0)
    row_of = np.full(npieces, -1)
    row_of[children] = np.arange(len(children))
    P.add_rows(row_of[tree_nodes], owners, np.ones(len(children)))
    if ncomp > 1:
        cu = comp_of_piece[P.u]
        cv = np.where(P.v < npieces, comp_of_piece[np.minimum(P.v, npieces - 1)], -1)
        crossing = np.flatnonzero(cu != cv)
        rows = np.r_[cu[crossing], cv[crossing]]
        vars_ = np.r_[crossing, crossing]
        ok = rows >= 0
        P.add_rows(rows[ok], vars_[ok], np.full(ncomp, 2.0))

    # Cut rounds solve over the variables the LP favours (fast, not proven); once the plan
    # has no bridge left, one more solve proves it optimal or gives its bound.
    x, bound, pairs, proven, stopped, prove = None, None, None, False, False, False
    while True:
        result = P.solve(_remaining(deadline), prove=prove)
        if result[0] is None:
            stopped = True
            break
        x, proven, objective, bound, slack = result
        stopped = P.stopped
        pairs = None
        cuts = _violated_cuts(P, forest, x)
        if cuts is not None and not stopped and P.add_rows(*cuts) > 0:
            remaining = _remaining(deadline)
            if remaining is not None and remaining <= 0:
                stopped = True
                break
            continue
        pairs, stuck = _realize(
            S, P, x, offers, classes, hub_of_cls, spoke_cls, spoke_person, forest, piece
        )
        if stuck and not stopped:
            rows = _multiplicity_rows(
                S, P, x, stuck, classes, piece, spoke_cls, spoke_person, nlinks
            )
            if rows is not None:
                P.pairing_rows.append(rows)
                continue
        if proven or stopped or prove:
            break
        prove = True
    optimal = proven and not stopped
    if x is None:
        x = np.zeros(len(P.u))
    if pairs is None:
        pairs, _ = _realize(
            S, P, x, offers, classes, hub_of_cls, spoke_cls, spoke_person, forest, piece
        )
    # The hub solution could not be split into real introductions at its own cost.
    met = _meets(S, pairs, target)
    imperfect = bool(len(spoke_cls)) and (
        not met or sum(p[2] for p in pairs) > float(P.cost @ x[: len(P.cost)]) + 1e-6
    )
    used = np.unique(spoke_cls[x[nlinks : len(P.u)] > 0.5]).tolist() if len(spoke_cls) else []
    sizes = np.bincount(classes.cls).tolist() if classes is not None else []
    if model is not None and not met:
        pairs = _patch(S, model, pairs, max_per_person, vertex=False)
        optimal = False
        met = _meets(S, pairs, target)
    total = sum(p[2] for p in pairs)
    if bound is not None and total > bound + 1e-6:
        optimal = False
    plan = _make_plan(
        S,
        pairs,
        optimal=optimal and met,
        bound=bound,
        unreachable=unreachable,
        target=target,
        met=met,
    )
    return plan, used, imperfect, stopped, sizes


def _pairing_rows(
    S, classes, piece, npieces, hub_of_cls, spoke_cls, spoke_node, spoke_person, nlinks
):
    """Rows keeping a hub from pairing two people who already know each other.

    Lovász's theorem ignores that two people already tied cannot be introduced. That only
    bites when both spokes have a single possible person: a spoke from the sole member x of
    a class in its piece can pair only with spokes of other pieces whose sole member is not
    tied to x. For a tie x-y between two such sole members (a bridge between their pieces,
    or any tie with per-person spokes) every real plan satisfies
    ``spokes(x) <= spokes(hub) - spokes(x) - spokes(y)``, i.e.
    ``2 spokes(x) + spokes(y) - 2 z(hub) <= 0``; adding it cuts off hub plans that could
    not be split into real introductions.
    """
    nm = S.nm
    nvars = nlinks + len(spoke_cls)
    person_level = spoke_person.max(initial=-1) >= 0
    if person_level:
        spoke_key = spoke_cls * nm + spoke_person
        sole = np.ones(len(spoke_cls), bool)
    else:
        # Piece-level spoke keys are sorted and unique (they come from np.unique).
        spoke_key = spoke_cls * npieces + spoke_node
        row_keys = classes.cls * npieces + piece[classes.person]
        at = np.searchsorted(spoke_key, row_keys).clip(0, max(len(spoke_key) - 1, 0))
        hit = spoke_key[at] == row_keys
        sole = np.bincount(at[hit], minlength=len(spoke_key)) == 1
    order = np.argsort(spoke_key)
    spoke_key = spoke_key[order]
    by_person = np.argsort(classes.person, kind="stable")
    person_sorted = classes.person[by_person]
    cls_sorted = classes.cls[by_person]
    ties = S.edges
    x = np.r_[ties[:, 0], ties[:, 1]]
    y = np.r_[ties[:, 1], ties[:, 0]]
    if not person_level:
        cross = piece[x] != piece[y]
        x, y = x[cross], y[cross]
    lo = np.searchsorted(person_sorted, x)
    hi = np.searchsorted(person_sorted, x, side="right")
    counts = hi - lo
    tie = np.repeat(np.arange(len(x)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    rows_cls = cls_sorted[np.repeat(lo, counts) + offsets]
    xs, ys = x[tie], y[tie]

    def var_of(cls, person):
        if person_level:
            key = cls * nm + person
        else:
            key = cls * npieces + piece[person]
        at = np.searchsorted(spoke_key, key).clip(0, max(len(spoke_key) - 1, 0))
        found = spoke_key[at] == key if len(spoke_key) else np.zeros(len(key), bool)
        return np.where(found, order[at], -1)

    vx, vy = var_of(rows_cls, xs), var_of(rows_cls, ys)
    ok = (vx >= 0) & (vy >= 0) & (hub_of_cls[rows_cls] >= 0)
    ok[ok] &= sole[vx[ok]] & sole[vy[ok]]
    vx, vy = vx[ok], vy[ok]
    if not len(vx):
        return None
    # One row per (spoke x, hub): 2 s_x + sum of tied sole neighbors' spokes - 2 z <= 0.
    row_key, row_id = np.unique(vx, return_inverse=True)
    nrows = len(row_key)
    rows = np.r_[np.arange(nrows), row_id, np.arange(nrows)]
    cols = np.r_[nlinks + row_key, nlinks + vy, nvars + hub_of_cls[spoke_cls[row_key]]]
    data = np.r_[np.full(nrows, 2.0), np.ones(len(vy)), np.full(nrows, -2.0)]
    return rows, cols, data, np.zeros(nrows)


def _realize(S, P, x, offers, classes, hub_of_cls, spoke_cls, spoke_person, forest, piece):
    """Turn the chosen links and spokes into person pairs (x, y, cost, reason, via)."""
    nlinks = len(offers)
    pairs = []
    used = set()
    for i in np.flatnonzero(x[:nlinks] > 0.5).tolist():
        a, b = int(offers.x[i]), int(offers.y[i])
        via = int(offers.via[i])
        reason = offers.reason[i] or _fof_reason(S, via)
        pairs.append((a, b, float(offers.cost[i]), reason, via))
        used.add((min(a, b), max(a, b)))
    if classes is None or P.nhubs == 0:
        return pairs, []
    spoke_x = x[nlinks:]
    chosen = np.flatnonzero(spoke_x > 0.5)
    if not len(chosen):
        return pairs, []
    # Depth-first order of the bridge tree of the set plus the chosen links.
    link_edges = np.c_[P.u[:nlinks], P.v[:nlinks]][x[:nlinks] > 0.5]
    base = np.r_[forest, link_edges].astype(np.int64).reshape(-1, 2)
    is_bridge, two = _two_edge_pieces(P.npieces, base)
    ntwo = int(two.max()) + 1
    tree = np.c_[two[base[is_bridge, 0]], two[base[is_bridge, 1]]]
    _, _, position, _ = _rooted_forest(ntwo, tree, preorder=True)
    counts = spoke_x[chosen].astype(np.int64)
    ends_var = np.repeat(chosen, counts)
    ends_hub = hub_of_cls[spoke_cls[ends_var]]
    ends_node = P.u[nlinks + ends_var]
    order = np.lexsort((ends_node, position[two[ends_node]], ends_hub))
    ends_var, ends_hub, ends_node = ends_var[order], ends_hub[order], ends_node[order]
    starts = np.flatnonzero(np.r_[True, ends_hub[1:] != ends_hub[:-1]])
    lengths = np.diff(np.r_[starts, len(ends_hub)])
    # Pair spoke i with spoke i + d inside each hub (module docstring, point 3).
    split = []
    for start, length in zip(starts.tolist(), lengths.tolist(), strict=True):
        d = length // 2
        for i in range(d):
            split.append([ends_var[start + i], ends_var[start + i + d]])
    split = np.array(split, np.int64).reshape(-1, 2)
    # Members of each (class, piece), to choose who makes each introduction.
    row_key = classes.cls * P.npieces + piece[classes.person]
    by_key = np.argsort(row_key, kind="stable")
    row_key, row_person = row_key[by_key], classes.person[by_key]
    # The one person a spoke can stand for, or -1 when it has a choice.
    sole = spoke_person.copy()
    piece_level = np.flatnonzero(sole < 0)
    if len(piece_level):
        keys = spoke_cls[piece_level] * P.npieces + P.u[nlinks + piece_level]
        lo = np.searchsorted(row_key, keys)
        hi = np.searchsorted(row_key, keys, side="right")
        one = hi - lo == 1
        sole[piece_level[one]] = row_person[lo[one]]
    split = _repair_pairing(S, P, nlinks, base, split, spoke_cls, hub_of_cls, sole)
    load = {}
    stuck = []
    for first, second in split.tolist():
        ends = []
        for var in (first, second):
            person = int(spoke_person[var])
            if person >= 0:
                ends.append([person])
            else:
                key = int(spoke_cls[var]) * P.npieces + int(P.u[nlinks + var])
                lo, hi = np.searchsorted(row_key, [key, key + 1])
                ends.append(row_person[lo:hi].tolist())
        if P.u[nlinks + first] == P.u[nlinks + second]:
            continue  # both spokes from one piece: a tie inside it adds nothing
        pair = _choose_people(S, ends[0], ends[1], used, load)
        if pair is None:
            stuck.append(int(hub_of_cls[spoke_cls[first]]))
            continue
        a, b = pair
        cls = int(spoke_cls[first])
        used.add((min(a, b), max(a, b)))
        load[a] = load.get(a, 0) + 1
        load[b] = load.get(b, 0) + 1
        reason = classes.reason(S.G, cls, int(S.people[a]))
        pairs.append((a, b, float(classes.cost[cls]), reason, None))
    return pairs, sorted(set(stuck))


def _multiplicity_rows(S, P, x, stuck, classes, piece, spoke_cls, spoke_person, nlinks):
    """A row for spokes that could not all be split into distinct real introductions.

    Let T be a small set of people, m_T the number of untied pairs of them in different
    pieces. In a hub, spokes standing only for people of T pair inside T at least
    ``sum(T spokes) - z`` times (at most ``2 z - sum(T spokes)`` of them find a partner
    outside T). Each real pair is introduced once, whichever hub or listed pair carries it,
    so for any set of hubs ``sum_h (sum(T spokes of h) - z_h) + links inside T <= m_T``
    holds for every real plan. T is the people behind the stuck hubs' spokes with at most
    two possible people; the row is added only when the current solution violates it.
    """
    spoke_x = x[nlinks:]
    hub_of_var = P.hub_of_var[nlinks:]
    row_key = classes.cls * P.npieces + piece[classes.person]
    by_key = np.argsort(row_key, kind="stable")
    row_key, row_person = row_key[by_key], classes.person[by_key]

    def members(var):
        if spoke_person[var] >= 0:
            return [int(spoke_person[var])]
        key = int(spoke_cls[var]) * P.npieces + int(P.u[nlinks + var])
        lo, hi = np.searchsorted(row_key, [key, key + 1])
        return row_person[lo:hi].tolist() if hi - lo <= 2 else None

    chosen = np.flatnonzero(spoke_x > 0.5).tolist()
    small = {var: members(var) for var in chosen}
    people = set()
    for var in chosen:
        if hub_of_var[var] in stuck and small[var] is not None:
            people.update(small[var])
    if not people:
        return None
    group = [var for var in chosen if small[var] is not None and set(small[var]) <= people]
    hubs = sorted({int(hub_of_var[var]) for var in group})
    ordered = sorted(people)
    possible = 0
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if piece[a] != piece[b] and not S.tied(np.array([a]), np.array([b]))[0]:
                possible += 1
    value = spoke_x[group].sum() - sum(spoke_x[hub_of_var == h].sum() / 2 for h in hubs)
    if value <= possible + 0.5:
        return None
    cols = [nlinks + v for v in group] + [len(P.u) + h for h in hubs]
    data = [1.0] * len(group) + [-1.0] * len(hubs)
    return (
        np.zeros(len(cols), np.int64),
        np.array(cols),
        np.array(data),
        np.array([possible], float),
    )


def _choose_people(S, side_a, side_b, used, load):
    """The least-loaded untied, unused pair across two member lists."""
    side_a = sorted(side_a, key=lambda p: load.get(p, 0))[:20]
    side_b = sorted(side_b, key=lambda p: load.get(p, 0))[:20]
    for a in side_a:
        for b in side_b:
            if a == b or (min(a, b), max(a, b)) in used:
                continue
            if S.tied(np.array([a]), np.array([b]))[0]:
                continue
            return a, b
    return None


def _solution_violations(npieces, edges):
    graph = _igraph(npieces, np.asarray(edges, np.int64).reshape(-1, 2))
    bridges = len(graph.bridges())
    count = len({c for c in graph.connected_components().membership})
    return bridges + count - 1


def _repair_pairing(S, P, nlinks, base, split, spoke_cls, hub_of_cls, sole):
    """Swap partners inside hubs until the split ties leave no bridge and none of them
    pairs two people who already know each other (Lovász: a valid pairing exists)."""
    if not len(split):
        return split

    def score(split):
        ends = P.u[nlinks + split]
        edges = np.r_[base, ends].astype(np.int64)
        a, b = sole[split[:, 0]], sole[split[:, 1]]
        bad = (a >= 0) & (b >= 0)
        if bad.any():
            bad[bad] = (a[bad] == b[bad]) | S.tied(a[bad], b[bad])
        return _solution_violations(P.npieces, edges) + int(bad.sum()), bad

    current, bad = score(split)
    hub = hub_of_cls[spoke_cls[split[:, 0]]]
    for _ in range(200):
        if not current:
            break
        ends = P.u[nlinks + split]
        if bad.any():
            candidates_i = np.flatnonzero(bad).tolist()
            partner_mask = np.ones(len(split), bool)
        else:
            edges = np.r_[base, ends].astype(np.int64)
            graph = _igraph(P.npieces, np.asarray(edges, np.int64).reshape(-1, 2))
            bridge_ids = graph.bridges()
            if bridge_ids:
                cut_graph = graph.copy()
                cut_graph.delete_edges([bridge_ids[0]])
                side = np.asarray(cut_graph.connected_components().membership)
                inside = side == side[edges[bridge_ids[0], 0]]
            else:
                membership = np.asarray(graph.connected_components().membership)
                inside = membership == membership[ends[0, 0]]
            candidates_i = np.flatnonzero(inside[ends[:, 0]] & inside[ends[:, 1]]).tolist()
            partner_mask = ~inside[ends[:, 0]] & ~inside[ends[:, 1]]
        improved = False
        for i in candidates_i[:50]:
            for j in np.flatnonzero(partner_mask & (hub == hub[i])).tolist()[:50]:
                if i == j:
                    continue
                for swapped in (
                    ([split[i, 0], split[j, 0]], [split[i, 1], split[j, 1]]),
                    ([split[i, 0], split[j, 1]], [split[i, 1], split[j, 0]]),
                ):
                    trial = split.copy()
                    trial[i], trial[j] = swapped
                    trial_score, trial_bad = score(trial)
                    if trial_score < current:
                        split, current, bad, improved = trial, trial_score, trial_bad, True
                        break
                if improved:
                    break
            if improved:
                break
        if not improved:
            break
    return split


def _patch(S, model, pairs, max_per_person, *, vertex):
    """Add ties, Eswaran–Tarjan style, until the target is met (not proven optimal).

    Used only when the exact route could not finish: a time limit, a class whose pairs
    could not be realized, or a large vertex plan.
    """
    pairs = list(pairs)
    used = {(min(p[0], p[1]), max(p[0], p[1])) for p in pairs}
    load = {}
    for p in pairs:
        load[p[0]] = load.get(p[0], 0) + 1
        load[p[1]] = load.get(p[1], 0) + 1
    limit = np.inf if max_per_person is None else max_per_person
    for _ in range(200):
        extra = np.array([(p[0], p[1]) for p in pairs], np.int64).reshape(-1, 2)
        graph = S.graph(extra)
        groups = _leaf_groups(graph, vertex=vertex)
        if groups is None:
            break
        half = (len(groups) + 1) // 2
        added = False
        for i in range(len(groups) // 2 if len(groups) > 1 else 0):
            side_a = [p for p in groups[i] if load.get(p, 0) < limit]
            side_b = [p for p in groups[(i + half) % len(groups)] if load.get(p, 0) < limit]
            best = None
            for a in side_a[:4]:
                for b in side_b[:4]:
                    if a == b or (min(a, b), max(a, b)) in used:
                        continue
                    if S.tied(np.array([a]), np.array([b]))[0]:
                        continue
                    c, reason, via = S.pair_cost(model, a, b)
                    if best is None or c < best[2]:
                        best = (a, b, c, reason, via)
            if best is None:
                continue
            pairs.append(best)
            used.add((min(best[0], best[1]), max(best[0], best[1])))
            load[best[0]] = load.get(best[0], 0) + 1
            load[best[1]] = load.get(best[1], 0) + 1
            added = True
        if not added:
            break
    return pairs


def _leaf_groups(graph: igraph.Graph, *, vertex: bool):
    """People of each leaf piece (twice for an isolated piece), or None when none is left."""
    n = graph.vcount()
    components = graph.connected_components()
    if vertex:
        if len(components) == 1 and not graph.articulation_points():
            return None
        blocks, cut_points = graph.biconnected_components(return_articulation_points=True)
        cut = set(cut_points)
        groups = []
        covered = np.zeros(n, bool)
        for block in blocks:
            covered[block] = True
            inner = [p for p in block if p not in cut]
            touching = len(block) - len(inner)
            if touching <= 1 and inner:
                groups.append(inner)
                if touching == 0:
                    groups.append(inner)
        for p in np.flatnonzero(~covered).tolist():
            groups += [[p], [p]]
        return groups if len(groups) > 1 else None
    edges = np.asarray(graph.get_edgelist(), np.int64).reshape(-1, 2)
    is_bridge, piece = _two_edge_pieces(n, edges)
    tree = np.c_[piece[edges[is_bridge, 0]], piece[edges[is_bridge, 1]]]
    npieces = int(piece.max()) + 1
    if npieces == 1:
        return None
    degree = np.bincount(tree.ravel(), minlength=npieces)
    _, _, position, _ = _rooted_forest(npieces, tree, preorder=True)
    leaves = np.flatnonzero(degree <= 1)
    leaves = leaves[np.argsort(position[leaves])]
    order = np.argsort(piece, kind="stable")
    starts = np.searchsorted(piece[order], np.arange(npieces + 1))
    groups = []
    for leaf in leaves.tolist():
        people = order[starts[leaf] : starts[leaf + 1]].tolist()
        groups.append(people)
        if degree[leaf] == 0:
            groups.append(people)
    return groups


# --------------------------------------------------------------------------------------
# vertex


def _complete_vertex(S, model, plan: Plan, max_per_person) -> Plan:
    pairs = [
        (
            int(S.local_of[i.a]),
            int(S.local_of[i.b]),
            i.cost,
            i.reason,
            -1 if i.via is None else i.via,
        )
        for i in plan.introductions
    ]
    target = {**plan.target}
    target["vertex"] = True
    if not _meets(S, pairs, target):
        pairs = _patch(S, model, pairs, max_per_person, vertex=True)
        optimal = False
    else:
        optimal = plan.optimal
    met = _meets(S, pairs, target)
    return _make_plan(
        S,
        pairs,
        optimal=optimal and met,
        bound=plan.lower_bound,
        unreachable=plan.unreachable,
        target=target,
        met=met,
    )


def _plan_vertex_exact(S, model, candidates, max_per_person, deadline, target) -> Plan:
    """Person-level program with bridge, component and articulation-point cuts."""
    if S.nm <= 1:
        return _make_plan(S, [], optimal=True, bound=0.0, unreachable=[], target=target, met=True)
    if candidates is None:
        listed = all_candidates(S.G, S.people, cost=model)
        offers = _listed(S, listed)
        # all_candidates gives friend-of-friend reasons; recover the shared neighbor.
        vias = []
        for i in range(len(offers)):
            reason = offers.reason[i]
            if reason.startswith("both know "):
                via = S.G.index.get(reason[len("both know ") :], -1)
            else:
                via = -1
            vias.append(via)
        offers.via = np.asarray(vias, np.int64)
    else:
        offers = _listed(S, candidates)
    offers = _cheapest_per_group_pair(offers, np.arange(S.nm), 1)
    nvars = len(offers)
    P = _Program(S.nm, 0)
    P.u, P.v = offers.x.copy(), offers.y.copy()
    P.cost = offers.cost.copy()
    P.upper = np.ones(nvars)
    P.hub_of_var = np.full(nvars, -1)
    if max_per_person is not None:
        persons = np.r_[offers.x, offers.y]
        owners = np.r_[np.arange(nvars), np.arange(nvars)]
        P.degree_rows = [owners[persons == p] for p in np.unique(persons)]
        P.degree_limit = float(max_per_person)
    touched = np.zeros(S.nm, bool)
    touched[offers.x] = True
    touched[offers.y] = True
    degree = np.bincount(S.edges.ravel(), minlength=S.nm)
    unreachable = [[int(S.people[p])] for p in np.flatnonzero(~touched & (degree <= 1))]
    x = np.zeros(nvars)
    optimal, bound = True, 0.0
    for _ in range(500):
        rows = _vertex_cuts(S, P, x)
        if rows is None or P.add_rows(*rows) == 0:
            break
        result = P.solve(_remaining(deadline))
        if result[0] is None:
            optimal = False
            break
        x, solved, _, bound, _ = result
        if not solved:
            optimal = False
            break
    pairs = []
    for i in np.flatnonzero(x > 0.5).tolist():
        via = int(offers.via[i])
        reason = offers.reason[i] or (_fof_reason(S, via) if via >= 0 else "listed introduction")
        pairs.append((int(offers.x[i]), int(offers.y[i]), float(offers.cost[i]), reason, via))
    met = _meets(S, pairs, target)
    return _make_plan(
        S,
        pairs,
        optimal=optimal and met,
        bound=bound,
        unreachable=unreachable,
        target=target,
        met=met,
    )


def _vertex_cuts(S: _Set, P: _Program, x: np.ndarray):
    """Violated cuts of 2-vertex-connectivity for the set plus the chosen pairs."""
    chosen = np.flatnonzero(x > 0.5)
    extra = np.c_[P.u[chosen], P.v[chosen]]
    graph = S.graph(extra)
    sides: list[tuple[np.ndarray, int | None, float]] = []
    membership = np.asarray(graph.connected_components().membership)
    ncomp = membership.max() + 1
    if ncomp > 1:
        for c in range(ncomp):
            sides.append((membership == c, None, 2.0 if S.nm >= 3 else 1.0))
    else:
        if S.nm >= 3:
            for bridge in graph.bridges():
                g = graph.copy()
                u = graph.es[bridge].source
                g.delete_edges([bridge])
                membership = np.asarray(g.connected_components().membership)
                side = membership == membership[u]
                own = int((side[S.edges[:, 0]] != side[S.edges[:, 1]]).sum())
                sides.append((side, None, 2.0 - own))
        for a in graph.articulation_points() if S.nm >= 3 else []:
            g = graph.copy()
            g.delete_vertices([a])
            side = np.asarray(g.connected_components().membership)
            side = np.insert(side, a, -1)
            labels, counts = np.unique(side[side >= 0], return_counts=True)
            for label in labels[np.argsort(counts)[:-1]]:
                sides.append((side == label, a, 1.0))
    if not sides:
        return None
    row_ids, var_ids, rhs = [], [], []
    for r, (inside, cut_vertex, need) in enumerate(sides):
        iu, iv = inside[P.u], inside[P.v]
        crossing = iu != iv
        if cut_vertex is not None:
            crossing &= (P.u != cut_vertex) & (P.v != cut_vertex)
        found = np.flatnonzero(crossing)
        row_ids.append(np.full(len(found), r))
        var_ids.append(found)
        rhs.append(need)
    return np.concatenate(row_ids), np.concatenate(var_ids), np.asarray(rhs)
