"""The engine's graph: people as integers 0..n-1, ties as an (m, 2) array, attributes as arrays.

Everything else in the engine takes a :class:`SocialGraph`. Building one from CSV files
lives in ``io.py``; from the database in ``collectives.planner.adapter``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat

import igraph
import numpy as np

from .exceptions import InputError, UnknownPersonError

__all__ = ["Candidates", "SocialGraph", "build_graph", "induced_subgraph", "with_ties"]


@dataclass(eq=False)
class SocialGraph:
    """An undirected simple graph of people with the attributes the cost model needs.

    Attributes
    ----------
    ids : list of str
        External id of each person; person ``i`` is ``ids[i]``.
    edges : ndarray of shape (m, 2), int64
        Each tie once, with ``edges[:, 0] < edges[:, 1]``.
    workplace : ndarray of shape (n,), int64
        Index into ``workplace_names``, or -1 when unknown.
    city : ndarray of shape (n,), int64
        Index into ``city_names``, or -1 when unknown.
    languages : ndarray of shape (n,), int64
        Bit mask over ``language_names`` (bit j set: speaks language j).
    """

    ids: list[str]
    edges: np.ndarray
    workplace: np.ndarray
    city: np.ndarray
    languages: np.ndarray
    workplace_names: list[str] = field(default_factory=list)
    city_names: list[str] = field(default_factory=list)
    language_names: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def m(self) -> int:
        return int(self.edges.shape[0])

    @cached_property
    def index(self) -> dict[str, int]:
        return {person_id: i for i, person_id in enumerate(self.ids)}

    @cached_property
    def igraph(self) -> igraph.Graph:
        return _igraph(self.n, self.edges)

    def indices(self, person_ids: Iterable[str]) -> np.ndarray:
        """Integer indices of ``person_ids``; raises UnknownPersonError for an unknown id."""
        index = self.index
        try:
            return np.fromiter((index[p] for p in person_ids), dtype=np.int64)
        except KeyError as error:
            raise UnknownPersonError(f"unknown person {error.args[0]!r}") from None


def _igraph(n: int, edges: np.ndarray) -> igraph.Graph:
    # Handing igraph plain ints through zip is about twice as fast as an ndarray of rows.
    graph = igraph.Graph(n=n, directed=False)
    if len(edges):
        graph.add_edges(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), strict=True))
    return graph


def induced_subgraph(G: SocialGraph, members) -> tuple[np.ndarray, np.ndarray]:
    """The ties among ``members``, renumbered 0..len(members)-1.

    Parameters
    ----------
    G : SocialGraph
    members : array_like of int or None
        Person indices; ``None`` means everyone.

    Returns
    -------
    members : ndarray of int64
        The sorted, distinct person indices; local person ``i`` is ``members[i]``.
    edges : ndarray of shape (k, 2), int64
        The ties with both ends in ``members``, in local numbering, ``u < v``.

    Examples
    --------
    >>> G = build_graph(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> members, edges = induced_subgraph(G, [1, 2])
    >>> members.tolist(), edges.tolist()
    ([1, 2], [[0, 1]])
    """
    if members is None:
        return np.arange(G.n, dtype=np.int64), G.edges
    members = np.unique(np.asarray(members, dtype=np.int64))
    if len(members) and (members[0] < 0 or members[-1] >= G.n):
        raise UnknownPersonError("person index out of range")
    local = np.full(G.n, -1, dtype=np.int64)
    local[members] = np.arange(len(members), dtype=np.int64)
    ends = local[G.edges]
    keep = (ends >= 0).all(axis=1)
    # Local numbering preserves order, so u < v still holds.
    return members, ends[keep]


def with_ties(G: SocialGraph, pairs) -> SocialGraph:
    """A copy of ``G`` with the ties ``pairs`` (person indices) added.

    Raises InputError for a self-tie or a tie that exists already or is listed twice.

    Examples
    --------
    >>> G = build_graph(["a", "b", "c"], [("a", "b")])
    >>> with_ties(G, [(2, 1)]).edges.tolist()
    [[0, 1], [1, 2]]

    The new ties come after the old ones, each with ``u < v``.
    """
    new = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if (new[:, 0] == new[:, 1]).any():
        raise InputError("self-tie")
    new = np.sort(new, axis=1)
    n = max(G.n, 1)
    keys = new[:, 0] * n + new[:, 1]
    # Checked against the few new ties only: sorting millions of old ones costs seconds.
    if len(np.unique(keys)) != len(keys) or np.isin(keys, G.edges[:, 0] * n + G.edges[:, 1]).any():
        raise InputError("tie added twice or already present")
    return SocialGraph(
        ids=G.ids,
        edges=np.concatenate([G.edges, new]),
        workplace=G.workplace,
        city=G.city,
        languages=G.languages,
        workplace_names=G.workplace_names,
        city_names=G.city_names,
        language_names=G.language_names,
    )


def _codes(values: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    """Codes by first appearance (-1 for a blank or None value) and the names in order."""
    names = {value: None for value in dict.fromkeys(values) if value}
    names = dict(zip(names, range(len(names)), strict=True))
    codes = np.fromiter(map(names.get, values, repeat(-1)), dtype=np.int64, count=len(values))
    return codes, list(names)


def build_graph(
    ids: Sequence[str],
    ties: Iterable[tuple[str, str]],
    *,
    workplace: Sequence[str | None] | None = None,
    city: Sequence[str | None] | None = None,
    languages: Sequence[Iterable[str]] | None = None,
) -> SocialGraph:
    """Build a SocialGraph from external ids, ties between them and optional attributes.

    Raises InputError for a self-tie or a duplicate tie, UnknownPersonError for an unknown id.
    """
    ids = [str(i) for i in ids]
    n = len(ids)
    if len(set(ids)) != n:
        raise InputError("duplicate person id")
    index = {person_id: i for i, person_id in enumerate(ids)}
    pairs = []
    for a, b in ties:
        try:
            u, v = index[a], index[b]
        except KeyError as error:
            raise UnknownPersonError(f"unknown person {error.args[0]!r}") from None
        if u == v:
            raise InputError(f"self-tie of {a!r}")
        pairs.append((u, v) if u < v else (v, u))
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    if len(edges):
        unique = np.unique(edges, axis=0)
        if len(unique) != len(edges):
            raise InputError("duplicate tie")
    workplace_codes, workplace_names = _codes(workplace or [None] * n)
    city_codes, city_names = _codes(city or [None] * n)
    language_names: dict[str, int] = {}
    masks = np.zeros(n, dtype=np.int64)
    for i, spoken in enumerate(languages or []):
        for language in spoken:
            bit = language_names.setdefault(language, len(language_names))
            if bit >= 63:
                raise InputError("more than 63 distinct languages")
            masks[i] |= 1 << bit
    return SocialGraph(
        ids=ids,
        edges=edges,
        workplace=workplace_codes,
        city=city_codes,
        languages=masks,
        workplace_names=workplace_names,
        city_names=city_names,
        language_names=list(language_names),
    )


@dataclass(eq=False)
class Candidates:
    """An explicit list of allowed introductions, replacing the cost model.

    ``a[i]`` and ``b[i]`` are person indices (``a[i] != b[i]``), ``cost[i]`` the cost of
    introducing them, ``reason[i]`` an optional text shown with the introduction.
    """

    a: np.ndarray
    b: np.ndarray
    cost: np.ndarray
    reason: list[str | None]

    def __len__(self) -> int:
        return int(self.a.shape[0])
