"""The cost of introducing two people: a small, documented, overridable model.

Cheapest first, the first rule that applies gives the cost and the reason:

========================  =======  ====================================
rule                      default  reason shown
========================  =======  ====================================
share a tie-neighbor      1        ``both know <id of the neighbor>``
same workplace            2        ``both at <workplace>``
same city, one language   3        ``both in <city>, both speak <lang>``
anyone else               10       ``strangers``
========================  =======  ====================================

"Share a tie-neighbor" looks at the whole network, not only the set being planned. The
workplace and city + language rules are classes of people and the stranger rule covers
everyone, so every pair has a cost and a plan always exists. The planner never lists these
pairs one by one (a workplace of 5,000 people is 12.5 million pairs); see
``augmentation.py`` for how it stays exact anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .graph import Candidates, SocialGraph

__all__ = ["CostModel", "all_candidates", "introduction_cost", "resolve_cost_model"]


@dataclass(frozen=True)
class CostModel:
    """Cost of an introduction by the closest relation the two people have.

    Parameters
    ----------
    friend_of_friend : float
        The two share a tie-neighbor anywhere in the network.
    same_workplace : float
        The two work at the same workplace.
    same_city_and_language : float
        The two live in the same city and speak a common language.
    stranger : float
        Anyone else; makes every pair a possible introduction.

    Examples
    --------
    >>> CostModel().same_workplace
    2
    >>> CostModel.uniform().stranger
    1
    """

    friend_of_friend: float = 1
    same_workplace: float = 2
    same_city_and_language: float = 3
    stranger: float = 10

    @classmethod
    def uniform(cls) -> CostModel:
        """Every introduction costs 1, so every pair is a candidate of cost 1."""
        return cls(friend_of_friend=1, same_workplace=1, same_city_and_language=1, stranger=1)

    def __post_init__(self):
        for name in ("friend_of_friend", "same_workplace", "same_city_and_language", "stranger"):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f"cost {name} must be positive, got {value!r}")


def resolve_cost_model(cost: str | CostModel) -> CostModel:
    """``"default"``, ``"uniform"`` or a CostModel, as a CostModel."""
    if isinstance(cost, CostModel):
        return cost
    if cost == "default":
        return CostModel()
    if cost == "uniform":
        return CostModel.uniform()
    raise ValueError(f"unknown cost model {cost!r}; use 'default', 'uniform' or a CostModel")


def _neighbors(G: SocialGraph, person: int) -> np.ndarray:
    edges = G.edges
    return np.union1d(edges[edges[:, 0] == person, 1], edges[edges[:, 1] == person, 0])


def introduction_cost(
    G: SocialGraph, a: int, b: int, model: CostModel | None = None
) -> tuple[float, str, int | None]:
    """Cost, reason and shared neighbor (or None) of introducing persons ``a`` and ``b``.

    Meant for a handful of pairs (it scans the tie list); the planner never calls it per
    pair of a class.
    """
    model = model or CostModel()
    options: list[tuple[float, int, str, int | None]] = []
    shared = np.intersect1d(_neighbors(G, a), _neighbors(G, b))
    if len(shared):
        via = int(shared[0])
        options.append((model.friend_of_friend, 0, f"both know {G.ids[via]}", via))
    if G.workplace[a] >= 0 and G.workplace[a] == G.workplace[b]:
        options.append(
            (model.same_workplace, 1, f"both at {_name(G.workplace_names, G.workplace[a])}", None)
        )
    common = int(G.languages[a] & G.languages[b])
    if G.city[a] >= 0 and G.city[a] == G.city[b] and common:
        options.append((model.same_city_and_language, 2, city_language_reason(G, a, common), None))
    options.append((model.stranger, 3, "strangers", None))
    cost, _, reason, via = min(options, key=lambda option: option[:2])
    return cost, reason, via


def _name(names: list[str], code: int) -> str:
    return names[code] if 0 <= code < len(names) else str(code)


def city_language_reason(G: SocialGraph, person: int, language_mask: int) -> str:
    """The reason text for two people in ``person``'s city sharing ``language_mask``."""
    bit = (language_mask & -language_mask).bit_length() - 1
    city = _name(G.city_names, int(G.city[person]))
    return f"both in {city}, both speak {_name(G.language_names, bit)}"


def all_candidates(
    G: SocialGraph, members=None, *, cost: str | CostModel = "default"
) -> Candidates:
    """Every non-tied pair of ``members`` with its cost under the model, listed explicitly.

    Quadratic in the number of members: meant for small sets, tests and comparisons with
    other tools, never for the planner itself.

    Parameters
    ----------
    G : SocialGraph
    members : iterable of int, optional
        Person indices; everyone when None.
    cost : "default", "uniform" or CostModel

    Returns
    -------
    Candidates
        One row per pair ``a < b``, with the cheapest rule's cost and reason.
    """
    model = resolve_cost_model(cost)
    people = np.arange(G.n) if members is None else np.unique(np.asarray(list(members), int))
    n = G.n
    adjacency = sp.coo_matrix(
        (
            np.ones(2 * G.m),
            (np.r_[G.edges[:, 0], G.edges[:, 1]], np.r_[G.edges[:, 1], G.edges[:, 0]]),
        ),
        shape=(n, n),
    ).tocsr()
    sub = adjacency[people]
    shared = (sub @ sub.T).toarray() > 0
    tied = adjacency[people][:, people].toarray() > 0
    a_local, b_local = np.triu_indices(len(people), 1)
    keep = ~tied[a_local, b_local]
    a_local, b_local = a_local[keep], b_local[keep]
    a, b = people[a_local], people[b_local]
    costs = np.full(len(a), float(model.stranger))
    reasons: list[str | None] = []
    for i, (x, y) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if shared[a_local[i], b_local[i]]:
            c, reason, _ = introduction_cost(G, x, y, model)
        else:
            options = [(model.stranger, 3, "strangers")]
            if G.workplace[x] >= 0 and G.workplace[x] == G.workplace[y]:
                name = _name(G.workplace_names, G.workplace[x])
                options.append((model.same_workplace, 1, f"both at {name}"))
            common = int(G.languages[x] & G.languages[y])
            if G.city[x] >= 0 and G.city[x] == G.city[y] and common:
                options.append(
                    (model.same_city_and_language, 2, city_language_reason(G, x, common))
                )
            c, _, reason = min(options, key=lambda option: option[:2])
        costs[i] = c
        reasons.append(reason)
    return Candidates(a=a.astype(np.int64), b=b.astype(np.int64), cost=costs, reason=reasons)
