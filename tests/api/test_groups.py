"""/api/groups: the contract, who may create and change groups, validation."""

import pytest

from collectives.groups.models import Group, Membership


def names(response):
    return [item["name"] for item in response.json()["items"]]


def test_it_lists_the_groups_each_role_may_see(api_as):
    assert names(api_as("bob").get("/api/groups")) == ["Vanpool"]
    assert names(api_as("cora").get("/api/groups")) == ["Dinners", "Vanpool"]
    assert api_as("root").get("/api/groups").json()["count"] == 3


def test_it_filters_groups_by_region_collective_and_name(world, api_as):
    api = api_as("root")
    assert names(api.get("/api/groups", region=world.nyc.pk)) == ["Bronx Readers"]
    assert names(api.get("/api/groups", collective=world.everett.pk)) == ["Dinners", "Vanpool"]
    assert names(api.get("/api/groups", q="van")) == ["Vanpool"]


def test_it_shows_a_group_with_the_documented_fields(world, api_as):
    body = api_as("bob").get(f"/api/groups/{world.vanpool.pk}").json()
    assert body == {
        "id": world.vanpool.pk,
        "name": "Vanpool",
        "region": world.pnw.pk,
        "collective": world.everett.pk,
        "description": "",
        "created": world.vanpool.created.isoformat(),
    }


def test_it_answers_404_for_a_group_out_of_scope(world, api_as):
    assert api_as("bob").get(f"/api/groups/{world.bronx.pk}").status_code == 404
    assert api_as("charlie").get(f"/api/groups/{world.vanpool.pk}").status_code == 404


def test_it_makes_an_organizer_the_organizer_of_the_group_they_create(world, api_as):
    response = api_as("alice").post(
        "/api/groups", {"name": "Night shift", "region": world.pnw.pk, "created": "2025-01-10"}
    )
    assert response.status_code == 201, response.content
    group = Group.objects.get(pk=response.json()["id"])
    assert str(group.created) == "2025-01-10"
    assert Membership.objects.filter(
        group=group, person=world.people.alice, role="organizer"
    ).exists()


def test_it_refuses_a_member_creating_a_group(world, api_as):
    response = api_as("bob").post("/api/groups", {"name": "Mine", "region": world.pnw.pk})
    assert response.status_code == 403
    assert not Group.objects.filter(name="Mine").exists()


def test_it_changes_and_deletes_a_group_the_organizer_manages(world, api_as):
    api = api_as("alice")
    response = api.patch(f"/api/groups/{world.vanpool.pk}", {"collective": None})
    assert response.status_code == 200, response.content
    assert response.json()["collective"] is None
    assert api.delete(f"/api/groups/{world.vanpool.pk}").status_code == 204
    assert not Group.objects.filter(pk=world.vanpool.pk).exists()


def test_it_refuses_a_member_changing_their_own_group(world, api_as):
    api = api_as("bob")
    assert api.patch(f"/api/groups/{world.vanpool.pk}", {"name": "Ours"}).status_code == 403
    assert api.delete(f"/api/groups/{world.vanpool.pk}").status_code == 403
    assert Group.objects.filter(pk=world.vanpool.pk, name="Vanpool").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"region": "pnw"}, "name"),  # missing name
        ({"name": "", "region": "pnw"}, "name"),
        ({"name": "Vanpool", "region": "pnw"}, "__all__"),  # already in the region
        ({"name": "Bronx branch", "region": "nyc"}, "region"),  # coordinator elsewhere
        ({"name": "X", "region": "pnw", "collective": 999999}, "collective"),
        ({"name": "X", "region": "pnw", "created": "last spring"}, "created"),
    ],
)
def test_it_refuses_a_bad_group_and_changes_nothing(world, api_as, body, field):
    regions = {"pnw": world.pnw.pk, "nyc": world.nyc.pk}
    body = {**body, "region": regions[body["region"]]}
    api = api_as("cora")
    before = list(Group.objects.values_list("pk", "name"))
    assert field in api.errors(api.post("/api/groups", body))
    assert list(Group.objects.values_list("pk", "name")) == before
