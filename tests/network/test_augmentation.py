"""The introduction plan on tiny literal graphs."""

import networkx as nx
import numpy as np
import pytest

from collectives.network.augmentation import plan_introductions
from collectives.network.costs import CostModel, introduction_cost
from collectives.network.graph import Candidates, build_graph


def named(G, plan):
    return sorted((G.ids[i.a], G.ids[i.b]) for i in plan.introductions)


def augmented(G, plan):
    graph = nx.Graph()
    graph.add_nodes_from(range(G.n))
    graph.add_edges_from(map(tuple, G.edges.tolist()))
    graph.add_edges_from((i.a, i.b) for i in plan.introductions)
    return graph


def test_it_closes_a_path_into_a_cycle_through_a_friend_of_a_friend():
    G = build_graph(["alice", "bob", "charlie"], [("alice", "bob"), ("bob", "charlie")])
    plan = plan_introductions(G)
    assert named(G, plan) == [("alice", "charlie")]
    assert plan.introductions[0].reason == "both know bob"
    assert plan.introductions[0].via == G.index["bob"]
    assert plan.total_cost == 1 and plan.optimal and plan.target["met"]


def test_it_covers_the_bridge_between_two_triangles_once():
    ties = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")]
    G = build_graph("abcdef", ties)
    plan = plan_introductions(G, cost="uniform")
    assert len(plan.introductions) == 1
    assert nx.is_k_edge_connected(augmented(G, plan), 2)


def test_it_knits_disconnected_pieces_and_isolated_people():
    G = build_graph("abcdefg", [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")])
    plan = plan_introductions(G, cost="uniform")
    # Pieces: triangle (isolated, 2 ends), d-e (2 leaves), f and g (isolated, 2 ends each).
    assert len(plan.introductions) == 1 + 3
    assert nx.is_k_edge_connected(augmented(G, plan), 2)


def test_it_connects_with_components_minus_one_ties():
    G = build_graph("abcdefg", [("a", "b"), ("b", "c"), ("d", "e")])
    plan = plan_introductions(G, k=1, cost="uniform")
    assert len(plan.introductions) == 3
    assert nx.is_connected(augmented(G, plan))


def test_it_prefers_a_workplace_to_strangers():
    G = build_graph(
        "abcd", [("a", "b"), ("c", "d")], workplace=["Boeing Everett", None, "Boeing Everett", None]
    )
    plan = plan_introductions(G, k=1)
    assert named(G, plan) == [("a", "c")]
    assert plan.introductions[0].reason == "both at Boeing Everett"
    assert plan.total_cost == 2


def test_it_removes_the_organizer_as_a_single_point_of_failure():
    # alice organizes two triangles that only she holds together.
    ties = [("alice", "bob"), ("bob", "charlie"), ("alice", "charlie")]
    ties += [("alice", "dana"), ("dana", "erin"), ("alice", "erin")]
    G = build_graph(["alice", "bob", "charlie", "dana", "erin"], ties)
    edge_plan = plan_introductions(G)
    assert edge_plan.introductions == []  # already 2-edge-connected
    plan = plan_introductions(G, vertex=True)
    assert len(plan.introductions) == 1
    assert plan.introductions[0].reason == "both know alice"
    assert nx.is_biconnected(augmented(G, plan))


def test_it_limits_introductions_per_person():
    # A star of three friends around c: one of them must make two introductions.
    G = build_graph("cabd", [("c", "a"), ("c", "b"), ("c", "d")])
    plan = plan_introductions(G, max_per_person=1)
    counts = np.bincount(np.array([(i.a, i.b) for i in plan.introductions]).ravel(), minlength=4)
    assert counts.max() <= 1
    assert not plan.target["met"]
    plan = plan_introductions(G, max_per_person=2)
    assert plan.target["met"] and plan.total_cost == 2


def test_it_uses_only_listed_candidates_and_reports_who_it_cannot_reach():
    G = build_graph("abcde", [("a", "b"), ("b", "c"), ("d", "e")])
    listed = Candidates(
        a=np.array([0, 2]),
        b=np.array([3, 4]),
        cost=np.array([5.0, 7.0]),
        reason=["met at the picket", None],
    )
    plan = plan_introductions(G, candidates=listed)
    assert {(i.a, i.b) for i in plan.introductions} <= {(0, 3), (2, 4)}
    assert plan.unreachable == []
    plan = plan_introductions(
        G, candidates=Candidates(np.array([0]), np.array([2]), np.array([1.0]), [None])
    )
    assert plan.unreachable == [[3], [4]]
    assert not plan.target["met"]


def test_it_plans_only_the_members_but_sees_friends_outside():
    # bob is outside the set; alice and charlie still count as friends of a friend.
    G = build_graph(
        ["alice", "bob", "charlie", "dana"],
        [("alice", "bob"), ("bob", "charlie"), ("charlie", "dana")],
    )
    plan = plan_introductions(G, [0, 2, 3], k=1)
    assert named(G, plan) == [("alice", "charlie")]
    assert plan.introductions[0].reason == "both know bob"


def test_it_reports_a_gap_when_the_time_limit_stops_it():
    G = build_graph("abcdef", [("a", "b"), ("c", "d"), ("e", "f")])
    plan = plan_introductions(G, time_limit=30)
    assert plan.target["met"]
    assert plan.optimal and plan.gap is None


def test_it_documents_the_cost_of_a_single_pair():
    G = build_graph(
        "abc", [("a", "b")], city=["Tacoma", None, "Tacoma"], languages=[["es"], [], ["es", "en"]]
    )
    assert introduction_cost(G, 0, 2) == (3, "both in Tacoma, both speak es", None)
    assert introduction_cost(G, 0, 2, CostModel.uniform())[0] == 1
    with pytest.raises(ValueError):
        CostModel(stranger=0)
