"""Gatherings: guest lists whose cliques raise the set's connectivity."""

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectives.network.exceptions import InputError
from collectives.network.gatherings import plan_gatherings
from collectives.network.graph import build_graph


def graph_of(n, pairs):
    return build_graph([str(i) for i in range(n)], [(str(u), str(v)) for u, v in pairs])


def two_cliques_and_a_bridge():
    # 0-3 and 4-7 are cliques; the tie 3-4 is the only link between them.
    pairs = list(itertools.combinations(range(4), 2)) + list(itertools.combinations(range(4, 8), 2))
    return graph_of(8, [*pairs, (3, 4)])


def test_it_joins_two_paths_into_one_resilient_piece():
    G = graph_of(6, [(0, 1), (1, 2), (3, 4), (4, 5)])
    plan = plan_gatherings(G, count=1, size=4)
    assert sorted(plan["gatherings"][0]) == [0, 2, 3, 5]
    assert plan["before"] == {"components": 2, "bridges": 4, "articulation_points": 2}
    assert plan["after"] == {"components": 1, "bridges": 0, "articulation_points": 0}
    assert plan["new_ties"] == 6


def test_it_connects_components_before_anything_else():
    # Five separate triangles, two gatherings of three: 5 - 2 - 2 = 1 component.
    pairs = [(3 * t + i, 3 * t + j) for t in range(5) for i, j in [(0, 1), (1, 2), (0, 2)]]
    plan = plan_gatherings(graph_of(15, pairs), count=2, size=3)
    assert plan["before"]["components"] == 5
    assert plan["after"]["components"] == 1


def test_it_removes_a_bridge_with_people_away_from_it_and_mixes_groups():
    G = two_cliques_and_a_bridge()
    groups = {"Vanpool": [0, 1, 2, 3], "Dinners": [4, 5, 6, 7]}
    plan = plan_gatherings(G, count=1, size=2, groups=groups)
    (guests,) = plan["gatherings"]
    assert len(guests) == 2
    # One from each group, neither at the bridge (they would be articulation points).
    assert {guest < 4 for guest in guests} == {True, False}
    assert not {3, 4} & set(guests)
    assert plan["after"] == {"components": 1, "bridges": 0, "articulation_points": 0}


def test_it_plans_within_the_members_only_and_returns_person_indices():
    G = graph_of(6, [(0, 1), (1, 2), (3, 4), (4, 5)])
    plan = plan_gatherings(G, [3, 4, 5], count=1, size=3)
    assert set(plan["gatherings"][0]) <= {3, 4, 5}
    assert plan["before"]["bridges"] == 2
    assert plan["after"] == {"components": 1, "bridges": 0, "articulation_points": 0}


def test_it_rejects_gatherings_of_fewer_than_two_people():
    with pytest.raises(InputError):
        plan_gatherings(graph_of(3, [(0, 1)]), count=1, size=1)
    with pytest.raises(InputError):
        plan_gatherings(graph_of(3, [(0, 1)]), count=0, size=3)


@st.composite
def cases(draw):
    n = draw(st.integers(min_value=2, max_value=14))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=20))
    count = draw(st.integers(min_value=1, max_value=3))
    size = draw(st.integers(min_value=2, max_value=5))
    return n, chosen, count, size


@settings(max_examples=60, deadline=None)
@given(cases())
def test_it_reports_the_structure_that_the_cliques_really_give(case):
    n, pairs, count, size = case
    plan = plan_gatherings(graph_of(n, pairs), count=count, size=size)
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs)
    assert len(plan["gatherings"]) == count
    for guests in plan["gatherings"]:
        assert 2 <= len(guests) <= size
        assert len(set(guests)) == len(guests)
        graph.add_edges_from(itertools.combinations(guests, 2))
    assert plan["after"] == {
        "components": nx.number_connected_components(graph),
        "bridges": len(list(nx.bridges(graph))),
        "articulation_points": len(list(nx.articulation_points(graph))),
    }
    assert plan["new_ties"] == graph.number_of_edges() - len(pairs)
    # Each gathering seats people from as many separate components as it can.
    components = plan["before"]["components"]
    assert plan["after"]["components"] == max(1, components - count * (min(size, n) - 1))
