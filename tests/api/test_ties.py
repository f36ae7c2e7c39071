"""/api/ties: the contract, scoping and validation (self-ties, duplicates, strength, kinds)."""

import pytest

from collectives.people.models import Tie


def test_it_lists_the_ties_bob_may_see(world, api_as):
    response = api_as("bob").get("/api/ties")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert ids == {world.ties.alice_bob.pk, world.ties.bob_dave.pk, world.ties.bob_gina.pk}
    assert response.json()["count"] == 3


def test_it_filters_ties_by_person(world, api_as):
    items = api_as("root").get("/api/ties", person=world.people.erin.pk).json()["items"]
    assert {item["id"] for item in items} == {world.ties.erin_frank.pk, world.ties.alice_erin.pk}


def test_it_shows_a_tie_with_the_documented_fields(world, api_as):
    tie = world.ties.alice_bob
    response = api_as("bob").get(f"/api/ties/{tie.pk}")
    assert response.json() == {
        "id": tie.pk,
        "a": world.people.alice.pk,
        "b": world.people.bob.pk,
        "kinds": ["coworker", "vanpool"],
        "strength": 3,
        "since": None,
        "source": "entered",
    }


def test_it_answers_404_for_a_tie_with_one_end_out_of_scope(world, api_as):
    # bob sees alice but not erin
    assert api_as("bob").get(f"/api/ties/{world.ties.alice_erin.pk}").status_code == 404


def test_it_creates_a_tie_stored_lower_id_first(world, api_as):
    dave, alice = world.people.dave, world.people.alice
    response = api_as("alice").post(
        "/api/ties",
        {"a": dave.pk, "b": alice.pk, "kinds": ["friend", "friend"], "since": "2024-05-01"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["a"], body["b"]) == (alice.pk, dave.pk)
    assert body["kinds"] == ["friend"]
    assert body["since"] == "2024-05-01"
    assert Tie.objects.between(alice, dave).exists()


def test_it_changes_and_deletes_a_tie(world, api_as):
    api = api_as("bob")
    tie = world.ties.bob_gina
    response = api.patch(f"/api/ties/{tie.pk}", {"strength": 5, "kinds": ["family", "friend"]})
    assert response.status_code == 200, response.content
    tie.refresh_from_db()
    assert (tie.strength, tie.kinds) == (5, ["family", "friend"])
    assert api.delete(f"/api/ties/{tie.pk}").status_code == 204
    assert not Tie.objects.filter(pk=tie.pk).exists()


def test_it_refuses_a_tie_between_people_bob_only_sees(world, api_as):
    # bob sees alice and dave, but manages neither
    response = api_as("bob").post(
        "/api/ties", {"a": world.people.alice.pk, "b": world.people.dave.pk, "kinds": ["friend"]}
    )
    assert response.status_code == 403
    assert not Tie.objects.between(world.people.alice, world.people.dave).exists()


def test_it_hides_ties_with_an_end_out_of_scope_from_writes(world, api_as):
    # alice does not see frank, bob does not see erin
    response = api_as("alice").patch(f"/api/ties/{world.ties.erin_frank.pk}", {"strength": 1})
    assert response.status_code == 404
    assert api_as("bob").delete(f"/api/ties/{world.ties.alice_erin.pk}").status_code == 404
    assert Tie.objects.filter(pk=world.ties.erin_frank.pk, strength=3).exists()
    assert Tie.objects.filter(pk=world.ties.alice_erin.pk).exists()


def test_it_refuses_changing_a_tie_between_people_one_only_sees(world, api_as):
    # bob sees alice and dave (his group) but manages neither end of their tie
    alice, dave = world.people.alice, world.people.dave
    tie = Tie.objects.create(person_a=alice, person_b=dave, kinds=["friend"])
    api = api_as("bob")
    assert api.patch(f"/api/ties/{tie.pk}", {"strength": 1}).status_code == 403
    assert api.delete(f"/api/ties/{tie.pk}").status_code == 403
    tie.refresh_from_db()
    assert tie.strength == 3


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("self", "b"),
        ("duplicate", "b"),
        ("strength 9", "strength"),
        ("unknown kind", "kinds.1"),
        ("no kinds", "kinds"),
        ("hidden person", "b"),
        ("unknown source", "source"),
    ],
)
def test_it_refuses_a_bad_tie_with_field_errors_and_changes_nothing(world, api_as, case, field):
    bob, dave = world.people.bob, world.people.dave
    body = {
        "self": {"a": bob.pk, "b": bob.pk, "kinds": ["friend"]},
        "duplicate": {"a": dave.pk, "b": bob.pk, "kinds": ["friend"]},
        "strength 9": {"a": bob.pk, "b": world.people.frank.pk, "kinds": ["friend"], "strength": 9},
        "unknown kind": {"a": bob.pk, "b": dave.pk, "kinds": ["friend", "lover"]},
        "no kinds": {"a": bob.pk, "b": dave.pk, "kinds": []},
        "hidden person": {"a": bob.pk, "b": world.people.charlie.pk, "kinds": ["friend"]},
        "unknown source": {"a": bob.pk, "b": dave.pk, "kinds": ["friend"], "source": "gossip"},
    }[case]
    api = api_as("cora" if case == "strength 9" else "bob")
    before = list(Tie.objects.values_list("pk", "kinds", "strength"))
    response = api.post("/api/ties", body)
    assert field in api.errors(response)
    assert list(Tie.objects.values_list("pk", "kinds", "strength")) == before


def test_it_names_the_problem_with_a_self_tie_and_a_duplicate(world, api_as):
    api = api_as("bob")
    bob = world.people.bob
    response = api.post("/api/ties", {"a": bob.pk, "b": bob.pk, "kinds": ["friend"]})
    assert api.errors(response) == {"b": "A person cannot have a tie to themselves."}
    response = api.post("/api/ties", {"a": bob.pk, "b": world.people.alice.pk, "kinds": ["friend"]})
    assert api.errors(response) == {"b": "These two people already have a tie."}


def test_it_refuses_a_bad_change_to_a_tie_and_keeps_it(world, api_as):
    api = api_as("bob")
    tie = world.ties.bob_gina
    for body in ({"strength": 0}, {"kinds": []}, {"kinds": None}, {"a": world.people.alice.pk}):
        assert api.errors(api.patch(f"/api/ties/{tie.pk}", body))
    tie.refresh_from_db()
    assert (tie.strength, tie.kinds) == (3, ["family"])
