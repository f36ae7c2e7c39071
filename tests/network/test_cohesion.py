"""The cohesion report on tiny literal graphs, and against NetworkX on generated ones."""

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from collectives.network.cohesion import cohesion_report, structure_report, structure_summary
from collectives.network.graph import build_graph

# Two triangles joined by the tie charlie-dave; erin hangs on dave; gina is alone.
CAST = ["alice", "bob", "charlie", "dave", "erin", "frank", "gina", "hank"]
TIES = [
    ("alice", "bob"),
    ("bob", "charlie"),
    ("alice", "charlie"),
    ("charlie", "dave"),
    ("dave", "frank"),
    ("frank", "hank"),
    ("dave", "hank"),
    ("dave", "erin"),
]


def cast():
    return build_graph(CAST, TIES)


def test_it_counts_people_ties_density_and_components():
    report = cohesion_report(cast())
    assert report["people"] == 8
    assert report["ties"] == 8
    assert report["density"] == round(8 / 28, 6)
    assert report["components"] == 2
    assert report["largest_components"] == [7, 1]
    assert report["isolated"] == 1


def test_it_lists_bridges_with_the_people_they_cut_off_most_first():
    report = cohesion_report(cast())
    assert report["bridges"] == [["charlie", "dave"], ["dave", "erin"]]
    assert report["bridge_details"] == [
        {"a": "charlie", "b": "dave", "cut_off": 3},
        {"a": "dave", "b": "erin", "cut_off": 1},
    ]


def test_it_lists_articulation_points_with_the_people_they_cut_off():
    report = cohesion_report(cast())
    # Without dave: {alice, bob, charlie}, {erin}, {frank, hank}; 6 people remain, 3 are
    # cut off from the largest piece. Without charlie: alice and bob are cut off.
    assert report["articulation_points"] == ["dave", "charlie"]
    assert report["articulation_details"] == [
        {"id": "dave", "cut_off": 3, "pieces": 3},
        {"id": "charlie", "cut_off": 2, "pieces": 2},
    ]


def test_it_counts_two_edge_connected_and_biconnected_pieces_and_cores():
    report = cohesion_report(cast())
    assert report["two_edge_connected"] == {"count": 4, "largest": [3, 3, 1, 1]}
    assert report["biconnected"] == {"count": 4, "largest": [3, 3, 2, 2]}
    assert report["k_core"] == {"degeneracy": 2, "people_by_core": {"0": 1, "1": 1, "2": 6}}


def test_it_names_the_brokers_exactly_on_small_sets():
    report = cohesion_report(cast())
    assert report["betweenness"] == {"exact": True, "sample": None}
    assert [b["id"] for b in report["brokers"][:2]] == ["dave", "charlie"]
    expected = nx.betweenness_centrality(nx.Graph(TIES), normalized=False)
    for broker in report["brokers"]:
        assert broker["betweenness"] == round(expected[broker["id"]], 3)


def test_it_states_the_sample_size_when_betweenness_is_estimated():
    G = build_graph([str(i) for i in range(60)], [(str(i), str(i + 1)) for i in range(59)])
    report = cohesion_report(G, sample_above=50, sample_size=30)
    assert report["betweenness"] == {"exact": False, "sample": 30}
    # The middle of a path is its broker, even when estimated.
    assert abs(int(report["brokers"][0]["id"]) - 30) <= 8


def test_it_counts_only_ties_inside_the_set_and_reports_ties_leaving_it():
    G = cast()
    members = [G.index[name] for name in ["alice", "bob", "charlie", "dave"]]
    report = cohesion_report(G, members)
    assert report["people"] == 4 and report["ties"] == 4
    assert report["bridges"] == [["charlie", "dave"]]
    assert report["outside_ties"] == {
        "count": 3,
        "people": 1,
        "top": [{"id": "dave", "ties": 3}],
    }


def test_it_compares_detected_communities_with_declared_groups():
    G = cast()
    groups = {
        "Vanpool": [G.index[name] for name in ["alice", "bob", "charlie"]],
        "Dinners": [G.index[name] for name in ["dave", "erin", "frank", "hank"]],
    }
    report = cohesion_report(G, groups=groups)
    communities = report["communities"]
    assert communities["count"] >= 2
    assert -1 <= communities["vs_groups"]["adjusted_rand"] <= 1
    assert 0 <= communities["vs_groups"]["nmi"] <= 1
    assert "vs_groups" not in cohesion_report(G)["communities"]


def test_it_gives_the_same_report_twice():
    assert cohesion_report(cast()) == cohesion_report(cast())


def test_it_reports_an_empty_set():
    report = cohesion_report(cast(), [])
    assert report["people"] == 0 and report["components"] == 0
    assert report["bridges"] == [] and report["articulation_points"] == []


def test_it_summarizes_structure_cheaply():
    assert structure_summary(cast()) == {
        "people": 8,
        "ties": 8,
        "components": 2,
        "bridges": 2,
        "articulation_points": 2,
    }


# --- properties, NetworkX as oracle ----------------------------------------------------


@st.composite
def graphs(draw):
    n = draw(st.integers(min_value=1, max_value=16))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=30)) if pairs else []
    members = draw(st.none() | st.lists(st.integers(0, n - 1), min_size=1, unique=True))
    return n, chosen, members


def oracle(n, pairs, members):
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs)
    return graph.subgraph(range(n) if members is None else members).copy()


def report_of(n, pairs, members):
    G = build_graph([str(i) for i in range(n)], [(str(u), str(v)) for u, v in pairs])
    return cohesion_report(G, members)


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_it_finds_the_same_bridges_articulation_points_and_components_as_networkx(graph):
    n, pairs, members = graph
    report = report_of(n, pairs, members)
    H = oracle(n, pairs, members)
    assert {frozenset(map(int, b)) for b in report["bridges"]} == {
        frozenset(b) for b in nx.bridges(H)
    }
    assert len(report["bridges"]) == len(list(nx.bridges(H)))
    assert sorted(map(int, report["articulation_points"])) == sorted(nx.articulation_points(H))
    assert report["components"] == nx.number_connected_components(H)
    assert report["biconnected"]["count"] == len(list(nx.biconnected_components(H)))
    without_bridges = H.copy()
    without_bridges.remove_edges_from(list(nx.bridges(H)))
    two_edge = nx.number_connected_components(without_bridges)
    assert report["two_edge_connected"]["count"] == two_edge
    cores = nx.core_number(H)
    assert report["k_core"]["degeneracy"] == max(cores.values(), default=0)


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_it_counts_who_is_cut_off_as_brute_force_does(graph):
    n, pairs, members = graph
    report = report_of(n, pairs, members)
    H = oracle(n, pairs, members)
    for detail in report["bridge_details"]:
        a, b = int(detail["a"]), int(detail["b"])
        cut = H.copy()
        cut.remove_edge(a, b)
        smaller = min(
            len(nx.node_connected_component(cut, a)), len(nx.node_connected_component(cut, b))
        )
        assert detail["cut_off"] == smaller
    for detail in report["articulation_details"]:
        person = int(detail["id"])
        component = nx.node_connected_component(H, person)
        cut = H.subgraph(component - {person})
        pieces = [len(piece) for piece in nx.connected_components(cut)]
        assert detail["cut_off"] == len(component) - 1 - max(pieces)
        assert detail["pieces"] == len(pieces)
    cut_offs = [detail["cut_off"] for detail in report["bridge_details"]]
    assert cut_offs == sorted(cut_offs, reverse=True)


@settings(max_examples=30, deadline=None)
@given(graphs())
def test_it_estimates_betweenness_exactly_when_every_person_is_a_source(graph):
    n, pairs, members = graph
    G = build_graph([str(i) for i in range(n)], [(str(u), str(v)) for u, v in pairs])
    exact = cohesion_report(G, members)["brokers"]
    sampled = cohesion_report(G, members, sample_above=0, sample_size=n)
    assert sampled["brokers"] == exact


def test_it_handles_a_long_path_without_one_search_per_bridge():
    # A path's bridges each cut off the shorter end: linear-time subtree sizes must agree.
    n = 3000
    G = build_graph([str(i) for i in range(n)], [(str(i), str(i + 1)) for i in range(n - 1)])
    report = cohesion_report(G, sample_above=100)
    cut = {(int(d["a"]), int(d["b"])): d["cut_off"] for d in report["bridge_details"]}
    assert len(cut) == n - 1
    assert all(value == min(a + 1, n - 1 - a) for (a, _), value in cut.items())
    points = {int(d["id"]): d["cut_off"] for d in report["articulation_details"]}
    assert points == {i: min(i, n - 1 - i) for i in range(1, n - 1)}
    assert np.isfinite([b["betweenness"] for b in report["brokers"]]).all()


def test_it_gives_the_structural_part_of_the_report_alone():
    G = build_graph("abcdef", [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "f")])
    structure = structure_report(G)
    full = cohesion_report(G)
    assert structure == {key: full[key] for key in structure}
    assert "brokers" not in structure and "communities" not in structure
    assert structure["bridges"] == [["c", "d"], ["e", "f"]]
    assert structure["articulation_points"] == ["c"]
