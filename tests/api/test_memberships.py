"""/api/memberships: who is in which group, managed by the group's organizers."""

from collectives.groups.models import Membership


def test_it_lists_the_memberships_of_visible_groups(world, api_as):
    response = api_as("bob").get("/api/memberships")
    people = [item["person"] for item in response.json()["items"]]
    assert sorted(people) == sorted(
        p.pk for p in (world.people.alice, world.people.bob, world.people.dave)
    )
    assert response.json()["count"] == 3


def test_it_filters_memberships_by_group_and_person(world, api_as):
    api = api_as("root")
    assert api.get("/api/memberships", group=world.dinners.pk).json()["count"] == 2
    items = api.get("/api/memberships", person=world.people.charlie.pk).json()["items"]
    assert [item["group"] for item in items] == [world.bronx.pk]


def test_it_shows_a_membership_with_the_documented_fields(world, api_as):
    membership = Membership.objects.get(person=world.people.alice, group=world.vanpool)
    body = api_as("bob").get(f"/api/memberships/{membership.pk}").json()
    assert body == {
        "id": membership.pk,
        "person": world.people.alice.pk,
        "group": world.vanpool.pk,
        "role": "organizer",
        "joined": membership.joined.isoformat(),
    }


def test_it_answers_404_for_a_membership_out_of_scope(world, api_as):
    membership = Membership.objects.get(person=world.people.charlie)
    assert api_as("bob").get(f"/api/memberships/{membership.pk}").status_code == 404


def test_it_lets_an_organizer_add_change_and_remove_members(world, api_as):
    api = api_as("alice")
    response = api.post(
        "/api/memberships", {"person": world.people.erin.pk, "group": world.vanpool.pk}
    )
    assert response.status_code == 201, response.content
    membership_id = response.json()["id"]
    assert response.json()["role"] == "member"
    response = api.patch(f"/api/memberships/{membership_id}", {"role": "organizer"})
    assert response.json()["role"] == "organizer"
    assert api.delete(f"/api/memberships/{membership_id}").status_code == 204
    assert not Membership.objects.filter(pk=membership_id).exists()


def test_it_refuses_a_member_adding_people_to_their_group(world, api_as):
    response = api_as("bob").post(
        "/api/memberships", {"person": world.people.gina.pk, "group": world.vanpool.pk}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(person=world.people.gina).exists()


def test_it_refuses_bad_memberships_with_field_errors(world, api_as):
    api = api_as("alice")
    before = Membership.objects.count()
    cases = [
        ({"person": world.people.bob.pk, "group": world.vanpool.pk}, "person"),  # already in
        ({"person": world.people.frank.pk, "group": world.vanpool.pk}, "person"),  # hidden
        ({"person": world.people.erin.pk, "group": world.bronx.pk}, "group"),  # hidden
        ({"person": world.people.erin.pk, "group": world.vanpool.pk, "role": "boss"}, "role"),
        ({"group": world.vanpool.pk}, "person"),
    ]
    for body, field in cases:
        assert field in api.errors(api.post("/api/memberships", body)), body
    assert Membership.objects.count() == before
