"""The authorization matrix over the API: role × resource × action.

Each row says how far a user reaches a record of the shared cast (tests/conftest.py):
``-`` not at all (404, the same answer as for a record that does not exist), ``view``
(reads work, writes get 403) or ``manage`` (writes work too). Every cell is checked for
reading, changing and deleting, and a refused write must leave the record as it was.
"""

import pytest

from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Person, Tie

USERS = ["bob", "alice", "charlie", "cora", "ed", "root"]

# resource: reach of bob, alice, charlie, cora, ed, root
MATRIX = {
    "person:alice": "view manage - manage - manage",
    "person:charlie": "- - manage - - manage",
    "person:frank": "- - - manage - manage",
    "tie:alice_erin": "- manage - manage - manage",
    "tie:bob_gina": "manage - - manage - manage",
    "group:vanpool": "view manage - manage - manage",
    "group:bronx": "- - view - - manage",
    "membership:bob@vanpool": "view manage - manage - manage",
    "membership:frank@dinners": "- - - manage - manage",
    "collective:everett": "view view - manage - manage",
    "region:pnw": "view view - view - manage",
    "region:spain": "- - - - - manage",
}

# A harmless change per kind of record, and the field that shows whether it happened.
CHANGES = {
    "person": ({"city": "Tacoma"}, "city", "Tacoma"),
    "tie": ({"strength": 5}, "strength", 5),
    "group": ({"description": "changed"}, "description", "changed"),
    "membership": ({"joined": "2020-02-02"}, "joined", "2020-02-02"),
    "collective": ({"description": "changed"}, "description", "changed"),
    "region": ({"country": "changed"}, "country", "changed"),
}
ENDPOINTS = {
    "person": "people",
    "tie": "ties",
    "group": "groups",
    "membership": "memberships",
    "collective": "collectives",
    "region": "regions",
}


def record_for(world, resource):
    kind, name = resource.split(":")
    if kind == "person":
        return getattr(world.people, name)
    if kind == "tie":
        return getattr(world.ties, name)
    if kind == "group":
        return getattr(world, name)
    if kind == "membership":
        person, group = name.split("@")
        return Membership.objects.get(
            person=getattr(world.people, person), group__name__iexact=group
        )
    if kind == "collective":
        return world.everett
    if name == "spain":
        return Region.objects.create(name="Spain", country="Spain")
    return world.pnw


def cells():
    for resource, row in MATRIX.items():
        for username, reach in zip(USERS, row.split(), strict=True):
            yield resource, username, reach


@pytest.mark.parametrize(("resource", "username", "reach"), list(cells()))
def test_it_lets_each_role_read_exactly_what_it_may(world, api_as, resource, username, reach):
    record = record_for(world, resource)
    kind = resource.split(":")[0]
    response = api_as(username).get(f"/api/{ENDPOINTS[kind]}/{record.pk}")
    assert response.status_code == (404 if reach == "-" else 200)
    listed = api_as(username).get(f"/api/{ENDPOINTS[kind]}", limit=500).json()["items"]
    assert (record.pk in {item["id"] for item in listed}) == (reach != "-")


@pytest.mark.parametrize(("resource", "username", "reach"), list(cells()))
def test_it_lets_each_role_change_exactly_what_it_may(world, api_as, resource, username, reach):
    record = record_for(world, resource)
    kind = resource.split(":")[0]
    body, field, value = CHANGES[kind]
    response = api_as(username).patch(f"/api/{ENDPOINTS[kind]}/{record.pk}", body)
    assert response.status_code == {"-": 404, "view": 403, "manage": 200}[reach]
    record.refresh_from_db()
    assert (str(getattr(record, field)) == str(value)) == (reach == "manage")


@pytest.mark.parametrize(("resource", "username", "reach"), list(cells()))
def test_it_lets_each_role_delete_exactly_what_it_may(world, api_as, resource, username, reach):
    record = record_for(world, resource)
    kind = resource.split(":")[0]
    expected, deleted = {"-": (404, False), "view": (403, False), "manage": (204, True)}[reach]
    if resource == "region:pnw" and reach == "manage":
        expected, deleted = 422, False  # allowed, but a region still in use is never deleted
    response = api_as(username).delete(f"/api/{ENDPOINTS[kind]}/{record.pk}")
    assert response.status_code == expected
    assert type(record).objects.filter(pk=record.pk).exists() != deleted


# What creating one record of each kind answers: 201, 403 (may not create such records, or
# not there), 422 (the body names records the user cannot see, reported as unknown).
CREATE = {
    "bob": "201 201 403 403 403 403",
    "alice": "201 201 201 201 403 403",
    "charlie": "201 422 403 422 403 403",
    "cora": "201 201 201 201 201 403",
    "ed": "422 422 403 422 403 403",
    "root": "201 201 201 201 201 201",
}
MODELS = {
    "people": Person,
    "ties": Tie,
    "groups": Group,
    "memberships": Membership,
    "collectives": Collective,
    "regions": Region,
}


@pytest.mark.parametrize(("username", "statuses"), CREATE.items())
def test_it_lets_each_role_create_exactly_what_it_may(world, api_as, username, statuses):
    people = world.people
    bodies = {
        "people": {"display_name": "New", "region": world.pnw.pk},
        "ties": {"a": people.bob.pk, "b": people.frank.pk, "kinds": ["friend"]},
        "groups": {"name": "New", "region": world.pnw.pk},
        "memberships": {"person": people.gina.pk, "group": world.vanpool.pk},
        "collectives": {"name": "New", "region": world.pnw.pk},
        "regions": {"name": "New"},
    }
    if username == "bob":  # bob sees dave through their group even without their tie
        bodies["ties"]["b"] = people.dave.pk
        Tie.objects.filter(pk=world.ties.bob_dave.pk).delete()
    if username == "alice":  # alice manages dave, and sees erin through their tie
        bodies["ties"].update(a=people.erin.pk, b=people.dave.pk)
        bodies["memberships"]["person"] = people.erin.pk
    if username == "charlie":
        bodies["people"]["region"] = world.nyc.pk
    api = api_as(username)
    for (noun, body), status in zip(bodies.items(), statuses.split(), strict=True):
        before = MODELS[noun].objects.count()
        response = api.post(f"/api/{noun}", body)
        assert response.status_code == int(status), (noun, response.content)
        assert MODELS[noun].objects.count() == before + (status == "201"), noun
