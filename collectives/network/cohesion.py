"""How cohesive and how fragile a set of people is.

One function, :func:`cohesion_report`, returns a plain dict ready for JSON. Everything runs
in igraph's C code or in numpy over whole arrays: the "how many people would be cut off"
counts come from subtree sizes in a BFS forest (bridges) and in the block-cut tree
(articulation points), so they cost linear time instead of a search per bridge.
"""

from __future__ import annotations

import random
from itertools import chain

import igraph
import numpy as np

from .graph import SocialGraph, _igraph, induced_subgraph

__all__ = ["cohesion_report", "structure_report", "structure_summary"]

# Betweenness from s sources costs about s breadth-first searches over the set's ties; this
# many tie visits keep a sampled estimate to a second or two on this machine.
_BETWEENNESS_BUDGET = 20_000_000
_LARGEST = 20


def _subtree_weights(n, edges, roots, weights):
    """BFS forest of the graph (n nodes, ``edges``) grown from ``roots``.

    Returns ``(parent, total)``: each node's parent (-1 for a root or a node no root
    reaches) and the sum of ``weights`` over its subtree.
    """
    # One virtual root tied to every real root turns the forest into one BFS.
    extra = np.column_stack([np.full(len(roots), n, dtype=np.int64), roots])
    forest = _igraph(n + 1, np.concatenate([np.asarray(edges, dtype=np.int64), extra]))
    order, layers, parents = forest.bfs(n)
    order = np.asarray(order, dtype=np.int64)
    parent = np.asarray(parents, dtype=np.int64)
    parent[parent == n] = -1
    parent[n] = -1
    total = np.zeros(n + 1, dtype=np.float64)
    total[:n] = weights
    # Deepest layer first: a node's subtree is complete before it is added to its parent.
    for k in range(len(layers) - 2, 1, -1):
        layer = order[layers[k] : layers[k + 1]]
        np.add.at(total, parent[layer], total[layer])
    return parent[:n], total[:n].astype(np.int64)


def _components(graph: igraph.Graph) -> tuple[np.ndarray, np.ndarray]:
    membership = np.asarray(graph.connected_components().membership, dtype=np.int64)
    return membership, np.bincount(membership, minlength=1 if len(membership) else 0)


def _bridges(graph, edges, membership, sizes):
    """Bridge edge ids and, for each, how many people it would cut off."""
    ids = np.asarray(graph.bridges(), dtype=np.int64)
    if not len(ids):
        return ids, ids
    n = graph.vcount()
    roots = np.unique(membership, return_index=True)[1]
    # Every bridge is in every spanning forest, so one end is the other's BFS parent.
    parent, below = _subtree_weights(n, edges, roots, np.ones(n))
    x, y = edges[ids, 0], edges[ids, 1]
    child = np.where(parent[y] == x, y, x)
    side = below[child]
    return ids, np.minimum(side, sizes[membership[child]] - side)


def _blocks(graph, membership, sizes):
    """Biconnected blocks, articulation points, and what each articulation point cuts off.

    Returns ``(block_sizes, points, cut_off, pieces)``.
    """
    n = graph.vcount()
    cover, points = graph.biconnected_components(return_articulation_points=True)
    blocks = list(cover)
    block_sizes = np.fromiter(map(len, blocks), dtype=np.int64, count=len(blocks))
    points = np.asarray(sorted(points), dtype=np.int64)
    if not len(points):
        return block_sizes, points, points, points
    # Block-cut tree: nodes 0..B-1 are blocks, B..B+A-1 articulation points. Each person
    # weighs 1: an articulation point on its own node, anyone else inside their one block.
    count = len(blocks)
    node = np.full(n, -1, dtype=np.int64)
    node[points] = count + np.arange(len(points))
    people = np.fromiter(chain.from_iterable(blocks), dtype=np.int64, count=block_sizes.sum())
    block_of = np.repeat(np.arange(count), block_sizes)
    shared = node[people] >= 0
    tree_edges = np.column_stack([block_of[shared], node[people[shared]]])
    weights = np.concatenate(
        [np.bincount(block_of[~shared], minlength=count), np.ones(len(points))]
    )
    first_person = people[np.concatenate([[0], np.cumsum(block_sizes)[:-1]])]
    roots = np.unique(membership[first_person], return_index=True)[1]
    # Rooting every tree at a block gives every articulation point a parent block.
    parent, below = _subtree_weights(count + len(points), tree_edges, roots, weights)
    children = np.arange(count)[parent[:count] >= 0]
    largest_child = np.zeros(count + len(points), dtype=np.int64)
    np.maximum.at(largest_child, parent[children], below[children])
    child_count = np.bincount(parent[children], minlength=count + len(points))
    nodes = count + np.arange(len(points))
    component = sizes[membership[points]]
    above = component - below[nodes]
    largest = np.maximum(largest_child[nodes], above)
    cut_off = component - 1 - largest
    pieces = child_count[nodes] + (above > 0)
    return block_sizes, points, cut_off, pieces


def _betweenness(graph, *, sample_above, sample_size, seed):
    n = graph.vcount()
    if n <= sample_above:
        return np.asarray(graph.betweenness(directed=False), dtype=np.float64), None
    if sample_size is None:
        sample_size = _BETWEENNESS_BUDGET // max(1, n + graph.ecount())
    sample_size = int(min(n, max(20, sample_size)))
    sources = np.random.default_rng(seed).choice(n, size=sample_size, replace=False)
    partial = graph.betweenness(directed=False, sources=sources.tolist())
    # Scaling by n / sample makes the estimate unbiased for the exact value.
    return np.asarray(partial, dtype=np.float64) * (n / sample_size), sample_size


def _communities(graph, seed):
    # igraph draws from Python's `random`; seed it for a repeatable report, then restore it.
    state = random.getstate()
    random.seed(seed)
    try:
        clustering = graph.community_leiden(objective_function="modularity", n_iterations=2)
    finally:
        random.setstate(state)
    return np.asarray(clustering.membership, dtype=np.int64), clustering.modularity


def _declared(members, groups):
    """Each person's declared group label: the first group listing them, else their own."""
    labels = np.full(len(members), -1, dtype=np.int64)
    for label, people in enumerate(groups.values()):
        people = np.asarray(people, dtype=np.int64)
        local = np.searchsorted(members, people)
        found = local < len(members)
        found[found] = members[local[found]] == people[found]
        local = local[found]
        labels[local[labels[local] < 0]] = label
    alone = np.flatnonzero(labels < 0)
    labels[alone] = len(groups) + np.arange(len(alone))
    return labels


def _largest(sizes) -> list[int]:
    return sorted(np.asarray(sizes).tolist(), reverse=True)[:_LARGEST]


def structure_summary(G: SocialGraph, members=None) -> dict:
    """Counts of components, bridges and articulation points of the set, nothing else.

    The cheap part of :func:`cohesion_report`, for comparing a set before and after change.

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abcd", [("a", "b"), ("b", "c")])
    >>> structure_summary(G)
    {'people': 4, 'ties': 2, 'components': 2, 'bridges': 2, 'articulation_points': 1}
    """
    members, edges = induced_subgraph(G, members)
    graph = _igraph(len(members), edges)
    return {
        "people": len(members),
        "ties": len(edges),
        "components": len(graph.connected_components()) if len(members) else 0,
        "bridges": len(graph.bridges()),
        "articulation_points": len(graph.articulation_points()),
    }


def _structure(G: SocialGraph, members):
    """The linear-time part of the report, and what the rest of it reuses."""
    members, edges = induced_subgraph(G, members)
    n, m = len(members), len(edges)
    ids = [G.ids[i] for i in members.tolist()]
    graph = _igraph(n, edges)
    membership, sizes = _components(graph)
    degree = np.bincount(edges.ravel(), minlength=n)

    bridge_ids, bridge_cut = _bridges(graph, edges, membership, sizes)
    order = np.lexsort((edges[bridge_ids, 1], edges[bridge_ids, 0], -bridge_cut))
    bridge_pairs = edges[bridge_ids[order]].tolist()
    bridge_cut = bridge_cut[order].tolist()

    block_sizes, points, point_cut, pieces = _blocks(graph, membership, sizes)
    order = np.lexsort((points, -point_cut))
    point_details = [
        {"id": ids[person], "cut_off": cut, "pieces": count}
        for person, cut, count in zip(
            points[order].tolist(), point_cut[order].tolist(), pieces[order].tolist(), strict=True
        )
    ]

    # The 2-edge-connected pieces are the components once the bridges are gone.
    kept = np.ones(m, dtype=bool)
    kept[bridge_ids] = False
    two_edge_sizes = _components(_igraph(n, edges[kept]))[1]

    report = {
        "people": n,
        "ties": m,
        "density": round(2 * m / (n * (n - 1)), 6) if n > 1 else 0.0,
        "components": len(sizes),
        "largest_components": _largest(sizes),
        "isolated": int((degree == 0).sum()),
        "bridges": [[ids[a], ids[b]] for a, b in bridge_pairs],
        "bridge_details": [
            {"a": ids[a], "b": ids[b], "cut_off": cut}
            for (a, b), cut in zip(bridge_pairs, bridge_cut, strict=True)
        ],
        "articulation_points": [detail["id"] for detail in point_details],
        "articulation_details": point_details,
        "two_edge_connected": {"count": len(two_edge_sizes), "largest": _largest(two_edge_sizes)},
        "biconnected": {"count": len(block_sizes), "largest": _largest(block_sizes)},
    }
    return report, members, edges, ids, graph


def structure_report(G: SocialGraph, members=None) -> dict:
    """The structural part of :func:`cohesion_report`: everything that takes linear time.

    ``people``, ``ties``, ``density``, ``components``, ``largest_components``,
    ``isolated``, ``bridges`` and ``bridge_details``, ``articulation_points`` and
    ``articulation_details``, ``two_edge_connected`` and ``biconnected``, with the same
    meaning as in :func:`cohesion_report`; no k-cores, brokers, outside ties or
    communities. ``plan`` shows it for the set before and after the introductions.

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abcde", [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> report = structure_report(G)
    >>> report["components"], report["bridges"], report["articulation_points"]
    (2, [['c', 'd']], ['c'])
    """
    return _structure(G, members)[0]


def cohesion_report(
    G: SocialGraph,
    members=None,
    *,
    groups: dict[str, list[int]] | None = None,
    sample_above: int = 5000,
    sample_size: int | None = None,
    seed: int = 0,
    top: int = 10,
) -> dict:
    """Report how cohesive and how fragile the set of people ``members`` is.

    Only the ties among ``members`` count (the induced subgraph), except for
    ``outside_ties``.

    Parameters
    ----------
    G : SocialGraph
    members : array_like of int, optional
        Person indices of the set; everyone by default.
    groups : dict of str to list of int, optional
        Declared groups (name to person indices) to compare the detected communities with.
    sample_above : int, default 5000
        Betweenness is exact up to this many people and estimated from a sample of
        source people above it.
    sample_size : int, optional
        Sources for the estimate; by default as many as fit about 2e7 tie visits (at
        least 20).
    seed : int, default 0
        Seed for the betweenness sample and community detection; same input, same report.
    top : int, default 10
        How many brokers and people with outside ties to list.

    Returns
    -------
    dict
        ``people``, ``ties``, ``density``;
        ``components`` (count), ``largest_components`` (sizes, largest first, at most
        20), ``isolated`` (people with no tie in the set);
        ``bridges``: ties whose loss splits the set, ``[a, b]`` ids, those cutting off the
        most people first; ``bridge_details``: the same with ``cut_off``, the size of the
        smaller side;
        ``articulation_points``: people whose departure splits the set, ids, in the same
        order as ``articulation_details``: ``id``, ``cut_off`` (people separated from the
        largest remaining piece of their component) and ``pieces`` (how many pieces their
        component falls into);
        ``two_edge_connected`` and ``biconnected``: ``count`` and ``largest`` sizes
        (isolated people are in no biconnected block);
        ``k_core``: ``degeneracy`` (highest core number) and ``people_by_core``;
        ``brokers``: highest betweenness first, with ``betweenness`` telling whether it
        is ``exact`` or estimated from ``sample`` sources;
        ``outside_ties``: ``count`` of ties from the set to people outside it, how many
        ``people`` in the set have one, and the ``top`` of them;
        ``communities``: Leiden (modularity) ``count``, ``modularity``, ``largest``
        sizes and, given ``groups``, ``vs_groups`` with the adjusted Rand index and the
        normalized mutual information between detected and declared groups (people in
        several groups count in the first, people in none alone).

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abcde", [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> report = cohesion_report(G)
    >>> report["components"], report["bridges"], report["articulation_points"]
    (2, [['c', 'd']], ['c'])
    >>> report["bridge_details"]
    [{'a': 'c', 'b': 'd', 'cut_off': 1}]
    """
    report, members, edges, ids, graph = _structure(G, members)
    n, m = len(members), len(edges)
    coreness = np.asarray(graph.coreness(), dtype=np.int64)
    by_core = np.bincount(coreness) if n else np.zeros(0, dtype=np.int64)

    betweenness, sample = _betweenness(
        graph, sample_above=sample_above, sample_size=sample_size, seed=seed
    )
    # Rounded first: sums over sources in another order differ in the last bits, and equal
    # brokers must still come out in index order.
    ranked = np.lexsort((np.arange(n), -np.round(betweenness, 6)))
    brokers = [
        {"id": ids[i], "betweenness": round(float(betweenness[i]), 3)}
        for i in ranked[:top].tolist()
        if betweenness[i] > 0
    ]

    inside = np.zeros(G.n, dtype=bool)
    inside[members] = True
    ends = inside[G.edges]
    leaving = ends[:, 0] != ends[:, 1]
    own_end = np.where(ends[leaving, 0], G.edges[leaving, 0], G.edges[leaving, 1])
    outside = np.bincount(np.searchsorted(members, own_end), minlength=n)
    ranked = np.lexsort((np.arange(n), -outside))
    outside_top = [
        {"id": ids[i], "ties": int(outside[i])} for i in ranked[:top].tolist() if outside[i]
    ]

    communities: dict = {"method": "leiden", "count": 0, "modularity": None, "largest": []}
    if n:
        labels, modularity = _communities(graph, seed)
        communities.update(
            count=int(labels.max()) + 1,
            modularity=round(modularity, 4) if m else None,
            largest=_largest(np.bincount(labels)),
        )
        if groups is not None:
            declared = _declared(members, groups)
            communities["vs_groups"] = {
                "adjusted_rand": round(
                    igraph.compare_communities(labels.tolist(), declared.tolist(), "adjusted_rand"),
                    4,
                ),
                "nmi": round(
                    igraph.compare_communities(labels.tolist(), declared.tolist(), "nmi"), 4
                ),
            }

    return {
        **report,
        "k_core": {
            "degeneracy": int(coreness.max()) if n else 0,
            "people_by_core": {str(k): int(c) for k, c in enumerate(by_core.tolist()) if c},
        },
        "brokers": brokers,
        "betweenness": {"exact": sample is None, "sample": sample},
        "outside_ties": {
            "count": int(leaving.sum()),
            "people": int((outside > 0).sum()),
            "top": outside_top,
        },
        "communities": communities,
    }
