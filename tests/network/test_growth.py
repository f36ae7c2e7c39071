"""Growth suggestions: whom to invite next, and who makes the introduction."""

from collectives.network.graph import build_graph
from collectives.network.growth import suggest_invitations

# The set: alice, bob, charlie (a triangle). dave knows all three, erin knows bob and
# charlie, frank knows alice only, gina knows frank only.
CAST = ["alice", "bob", "charlie", "dave", "erin", "frank", "gina"]
TIES = [
    ("alice", "bob"),
    ("bob", "charlie"),
    ("alice", "charlie"),
    ("dave", "alice"),
    ("dave", "bob"),
    ("dave", "charlie"),
    ("erin", "bob"),
    ("erin", "charlie"),
    ("frank", "alice"),
    ("frank", "gina"),
]


def cast():
    return build_graph(CAST, TIES)


def named(G, suggestions):
    return [
        (G.ids[s["person"]], s["ties_into"], G.ids[s["via"]], [G.ids[m] for m in s["knows"]])
        for s in suggestions
    ]


def test_it_ranks_outsiders_by_ties_into_the_set():
    G = cast()
    suggestions = suggest_invitations(G, [0, 1, 2])
    assert [(name, ties) for name, ties, _, _ in named(G, suggestions)] == [
        ("dave", 3),
        ("erin", 2),
        ("frank", 1),
    ]


def test_it_never_suggests_members_or_people_without_ties_into_the_set():
    G = cast()
    people = {s["person"] for s in suggest_invitations(G, [0, 1, 2])}
    assert people.isdisjoint({0, 1, 2})
    assert G.index["gina"] not in people


def test_it_asks_the_best_connected_member_they_know_to_introduce_them():
    G = build_graph(
        ["alice", "bob", "charlie", "dave", "erin"],
        [("alice", "bob"), ("alice", "charlie"), ("bob", "dave"), ("alice", "dave")],
    )
    # dave knows alice (2 ties inside the set) and bob (1): alice introduces dave.
    assert named(G, suggest_invitations(G, [0, 1, 2])) == [("dave", 2, "alice", ["alice", "bob"])]


def test_it_asks_the_organizer_when_the_organizer_knows_them():
    G = build_graph(
        ["alice", "bob", "charlie", "dave"],
        [("alice", "bob"), ("alice", "charlie"), ("bob", "dave"), ("alice", "dave")],
    )
    bob = G.index["bob"]
    assert suggest_invitations(G, [0, 1, 2], organizer=bob)[0]["via"] == bob
    charlie = G.index["charlie"]
    assert suggest_invitations(G, [0, 1, 2], organizer=charlie)[0]["via"] == G.index["alice"]


def test_it_stops_at_the_limit():
    G = cast()
    assert len(suggest_invitations(G, [0, 1, 2], limit=2)) == 2
    assert suggest_invitations(G, [0, 1, 2], limit=0) == []


def test_it_suggests_nobody_when_the_set_is_everyone():
    G = cast()
    assert suggest_invitations(G, range(G.n)) == []
