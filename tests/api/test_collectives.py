"""/api/collectives: sets of groups in a region, managed by the region's coordinator."""

from collectives.groups.models import Collective, Group


def test_it_lists_collectives_with_only_the_groups_the_user_sees(world, api_as):
    response = api_as("bob").get("/api/collectives")
    assert response.json() == {
        "items": [
            {
                "id": world.everett.pk,
                "name": "Everett readers",
                "region": world.pnw.pk,
                "description": "",
                "groups": [world.vanpool.pk],  # not Dinners: bob cannot see it
            }
        ],
        "count": 1,
    }
    everett = api_as("cora").get(f"/api/collectives/{world.everett.pk}").json()
    assert everett["groups"] == [world.dinners.pk, world.vanpool.pk]


def test_it_answers_404_for_a_collective_out_of_scope(world, api_as):
    assert api_as("charlie").get(f"/api/collectives/{world.everett.pk}").status_code == 404
    assert api_as("charlie").get("/api/collectives").json() == {"items": [], "count": 0}


def test_it_lets_the_coordinator_create_change_and_delete_a_collective(world, api_as):
    api = api_as("cora")
    response = api.post("/api/collectives", {"name": "Renton readers", "region": world.pnw.pk})
    assert response.status_code == 201, response.content
    collective_id = response.json()["id"]
    response = api.patch(f"/api/collectives/{collective_id}", {"description": "Plant 2"})
    assert response.json()["description"] == "Plant 2"
    assert api.delete(f"/api/collectives/{world.everett.pk}").status_code == 204
    # its groups stay, outside any collective
    assert Group.objects.filter(pk=world.vanpool.pk, collective=None).exists()


def test_it_refuses_organizers_and_members_writing_collectives(world, api_as):
    for username in ("alice", "bob"):
        api = api_as(username)
        response = api.post("/api/collectives", {"name": "Ours", "region": world.pnw.pk})
        assert response.status_code == 403
        response = api.patch(f"/api/collectives/{world.everett.pk}", {"name": "Ours"})
        assert response.status_code == 403
    assert not Collective.objects.filter(name="Ours").exists()


def test_it_refuses_bad_collectives_with_field_errors(world, api_as):
    api = api_as("cora")
    before = list(Collective.objects.values_list("pk", "name", "region"))
    cases = [
        ({"region": world.pnw.pk}, "name"),
        ({"name": "Everett readers", "region": world.pnw.pk}, "__all__"),
        ({"name": "Elsewhere", "region": world.nyc.pk}, "region"),
    ]
    for body, field in cases:
        assert field in api.errors(api.post("/api/collectives", body)), body
    # moving a collective away from its groups' region
    root = api_as("root")
    response = root.patch(f"/api/collectives/{world.everett.pk}", {"region": world.nyc.pk})
    assert root.errors(response) == {"region": "The collective's groups are in another region."}
    assert list(Collective.objects.values_list("pk", "name", "region")) == before
