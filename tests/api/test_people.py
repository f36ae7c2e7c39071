"""/api/people: the contract, scoping, contact details only for managers, validation."""

import pytest

from collectives.audit.models import AuditEntry
from collectives.people.models import Person, StageStep, Workplace


def names(response):
    return [item["display_name"] for item in response.json()["items"]]


def test_it_lists_the_people_bob_may_see_with_a_count(api_as):
    response = api_as("bob").get("/api/people")
    assert response.status_code == 200
    assert names(response) == ["Alice", "Bob", "Dave", "Gina"]
    assert response.json()["count"] == 4


def test_it_lists_everyone_for_the_admin_and_strictly_fewer_for_a_member(api_as):
    everyone = api_as("root").get("/api/people").json()["count"]
    assert everyone == Person.objects.count()
    assert api_as("bob").get("/api/people").json()["count"] < everyone


def test_it_pages_with_limit_and_offset(api_as):
    response = api_as("root").get("/api/people", limit=2, offset=2)
    assert names(response) == ["Charlie", "Dave"]
    assert response.json()["count"] == 7
    assert names(api_as("root").get("/api/people", offset=7)) == []


def test_it_pins_the_queries_of_a_list_page(api_as, django_assert_num_queries):
    api = api_as("cora")
    # token lookup, token last_used, count, page, manageable ids of the page, audit entry
    with django_assert_num_queries(6):
        assert api.get("/api/people").status_code == 200


def test_it_shows_contact_details_only_to_those_who_manage_the_person(world, api_as):
    Person.objects.filter(pk=world.people.alice.pk).update(
        email="alice@example.org", phone="555", notes="met at the gate"
    )
    as_bob = api_as("bob").get(f"/api/people/{world.people.alice.pk}").json()
    assert as_bob["can_manage"] is False
    assert (as_bob["email"], as_bob["phone"], as_bob["notes"]) == (None, None, None)
    as_alice = api_as("alice").get(f"/api/people/{world.people.alice.pk}").json()
    assert as_alice["can_manage"] is True
    assert (as_alice["email"], as_alice["phone"]) == ("alice@example.org", "555")
    listed = api_as("bob").get("/api/people", q="alice").json()["items"]
    assert listed[0]["email"] is None


def test_it_shows_a_person_with_the_documented_fields(world, api_as):
    response = api_as("bob").get(f"/api/people/{world.people.bob.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": world.people.bob.pk,
        "display_name": "Bob",
        "region": world.pnw.pk,
        "workplace": world.boeing.pk,
        "city": "Everett",
        "shift": "",
        "languages": ["en", "es"],
        "stage": "contact",
        "can_manage": True,
        "email": "",
        "phone": "",
        "notes": "",
    }


def test_it_answers_404_for_a_person_out_of_scope(world, api_as):
    assert api_as("bob").get(f"/api/people/{world.people.charlie.pk}").status_code == 404
    assert api_as("bob").get("/api/people/999999").status_code == 404


def test_it_filters_by_group_region_stage_and_name(world, api_as):
    api = api_as("cora")
    assert names(api.get("/api/people", group=world.dinners.pk)) == ["Erin", "Frank"]
    assert names(api_as("root").get("/api/people", region=world.nyc.pk)) == ["Charlie"]
    Person.objects.filter(pk=world.people.dave.pk).update(stage="reader")
    assert names(api.get("/api/people", stage="reader")) == ["Dave"]
    assert names(api.get("/api/people", q="RI")) == ["Erin"]


def test_it_does_not_reveal_members_of_a_group_through_the_group_filter(world, api_as):
    # bob sees gina through their tie; putting gina in the Bronx group must not let bob
    # learn that by filtering on a group he cannot see.
    world.bronx.memberships.create(person=world.people.gina)
    response = api_as("bob").get("/api/people", group=world.bronx.pk)
    assert response.json() == {"items": [], "count": 0}


def test_it_records_views_in_the_audit_log_with_ids_only(world, api_as):
    api = api_as("bob")
    api.get("/api/people")
    api.get(f"/api/people/{world.people.alice.pk}")
    entries = AuditEntry.objects.filter(user=world.users.bob, via="api").order_by("id")
    assert [(e.action, e.model) for e in entries] == [
        ("view", "people.person"),
        ("view", "people.person"),
    ]
    assert sorted(entries[0].object_ids) == sorted(
        [world.people.alice.pk, world.people.bob.pk, world.people.dave.pk, world.people.gina.pk]
    )
    assert entries[1].object_ids == [world.people.alice.pk]


def test_it_creates_a_person_who_stays_in_the_creators_scope(world, api_as):
    api = api_as("bob")
    response = api.post(
        "/api/people",
        {"display_name": "Hana", "region": world.pnw.pk, "languages": ["es"], "stage": "reader"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_name"] == "Hana" and body["stage"] == "reader" and body["can_manage"]
    hana = Person.objects.get(pk=body["id"])
    assert hana.added_by == world.users.bob
    assert StageStep.objects.filter(person=hana, stage="reader").exists()
    assert api.get(f"/api/people/{hana.pk}").status_code == 200


def test_it_changes_a_person_and_records_a_new_stage_as_a_step(world, api_as):
    response = api_as("alice").patch(
        f"/api/people/{world.people.dave.pk}", {"shift": "nights", "stage": "distributor"}
    )
    assert response.status_code == 200, response.content
    dave = Person.objects.get(pk=world.people.dave.pk)
    assert (dave.shift, dave.stage, dave.city) == ("nights", "distributor", "")
    assert list(dave.stage_steps.values_list("stage", flat=True)) == ["distributor"]


def test_it_deletes_a_person(world, api_as):
    response = api_as("alice").delete(f"/api/people/{world.people.dave.pk}")
    assert response.status_code == 204
    assert not Person.objects.filter(pk=world.people.dave.pk).exists()


def test_it_refuses_bob_changing_alice_whom_he_only_sees(world, api_as):
    api = api_as("bob")
    response = api.patch(f"/api/people/{world.people.alice.pk}", {"city": "Tacoma"})
    assert response.status_code == 403
    assert api.delete(f"/api/people/{world.people.alice.pk}").status_code == 403
    assert Person.objects.get(pk=world.people.alice.pk).city == "Everett"


def test_it_answers_404_to_writes_on_people_out_of_scope(world, api_as):
    api = api_as("bob")
    assert api.patch(f"/api/people/{world.people.charlie.pk}", {"city": "X"}).status_code == 404
    assert api.delete(f"/api/people/{world.people.charlie.pk}").status_code == 404
    assert Person.objects.filter(pk=world.people.charlie.pk, city="New York").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "display_name"),  # missing
        ({"display_name": ""}, "display_name"),
        ({"display_name": None}, "display_name"),
        ({"display_name": "Hana", "stage": "sympathizer"}, "stage"),
        ({"display_name": "Hana", "languages": ["fr"]}, "languages.0"),
        ({"display_name": "Hana", "email": "not an address"}, "email"),
        ({"display_name": "Hana", "workplace": 999999}, "workplace"),
        ({"display_name": "Hana", "salary": 1}, "salary"),
    ],
)
def test_it_refuses_a_bad_person_with_field_errors_and_changes_nothing(world, api_as, body, field):
    body = {"region": world.pnw.pk, **body}
    api = api_as("alice")
    before = Person.objects.count()
    response = api.post("/api/people", body)
    assert field in api.errors(response)
    assert Person.objects.count() == before


def test_it_treats_a_region_out_of_scope_like_an_unknown_one(world, api_as):
    api = api_as("bob")
    hidden = api.post("/api/people", {"display_name": "Hana", "region": world.nyc.pk})
    missing = api.post("/api/people", {"display_name": "Hana", "region": 999999})
    assert api.errors(hidden) == api.errors(missing) == {"region": "Unknown region."}


def test_it_refuses_a_bad_change_and_keeps_the_person_as_it_was(world, api_as):
    api = api_as("alice")
    response = api.patch(f"/api/people/{world.people.bob.pk}", {"city": "Tacoma", "email": "nope"})
    assert "email" in api.errors(response)
    bob = Person.objects.get(pk=world.people.bob.pk)
    assert (bob.city, bob.email) == ("Everett", "")


def test_it_treats_a_workplace_nobody_visible_works_at_as_unknown(world, api_as):
    # which workplaces we organize in is itself sensitive
    secret = Workplace.objects.create(name="Secret plant", city="Bronx")
    world.people.charlie.workplace = secret
    world.people.charlie.save()
    api = api_as("bob")
    body = {"display_name": "Hana", "region": world.pnw.pk, "workplace": secret.pk}
    assert api.errors(api.post("/api/people", body)) == {"workplace": "Unknown workplace."}
    body["workplace"] = world.boeing.pk
    assert api.post("/api/people", body).status_code == 201
