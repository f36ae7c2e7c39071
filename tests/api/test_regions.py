"""/api/regions: everyone sees the regions they work in; only admins change them."""

from collectives.groups.models import Region


def names(response):
    return [item["name"] for item in response.json()["items"]]


def test_it_lists_the_regions_each_role_may_see(api_as):
    assert names(api_as("bob").get("/api/regions")) == ["Pacific Northwest"]
    assert names(api_as("charlie").get("/api/regions")) == ["New York City"]
    assert names(api_as("ed").get("/api/regions")) == []
    assert names(api_as("root").get("/api/regions")) == ["New York City", "Pacific Northwest"]


def test_it_shows_a_region_and_hides_the_others(world, api_as):
    response = api_as("bob").get(f"/api/regions/{world.pnw.pk}")
    assert response.json() == {"id": world.pnw.pk, "name": "Pacific Northwest", "country": "USA"}
    assert api_as("bob").get(f"/api/regions/{world.nyc.pk}").status_code == 404


def test_it_lets_only_admins_create_change_and_delete_regions(world, api_as):
    assert api_as("cora").post("/api/regions", {"name": "Spain"}).status_code == 403
    api = api_as("root")
    response = api.post("/api/regions", {"name": "Spain", "country": "Spain"})
    assert response.status_code == 201, response.content
    spain = response.json()["id"]
    assert api.patch(f"/api/regions/{spain}", {"name": "Madrid"}).json()["name"] == "Madrid"
    assert api_as("cora").patch(f"/api/regions/{world.pnw.pk}", {"name": "X"}).status_code == 403
    assert api.delete(f"/api/regions/{spain}").status_code == 204
    assert list(Region.objects.values_list("name", flat=True)) == [
        "New York City",
        "Pacific Northwest",
    ]


def test_it_refuses_to_delete_a_region_that_is_still_in_use(world, api_as):
    api = api_as("root")
    response = api.delete(f"/api/regions/{world.nyc.pk}")
    assert "__all__" in api.errors(response)
    assert Region.objects.filter(pk=world.nyc.pk).exists()


def test_it_refuses_a_duplicate_or_empty_region_name(world, api_as):
    api = api_as("root")
    assert "name" in api.errors(api.post("/api/regions", {"name": "Pacific Northwest"}))
    assert "name" in api.errors(api.post("/api/regions", {"name": ""}))
    assert Region.objects.count() == 2
