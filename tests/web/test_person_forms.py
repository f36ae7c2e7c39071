"""Adding, editing and deleting people and recording their steps: scoped, validated, POST only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collectives.audit.models import AuditEntry
from collectives.people.models import Person, StageStep

from .conftest import row_counts


def person_data(world, **changes):
    data = {"display_name": "Hana", "region": world.pnw.pk, "stage": "reader", "languages": ["es"]}
    return {**data, **changes}


def test_it_adds_a_person(signed_in, world):
    response = signed_in("bob").post(reverse("web:new_person"), person_data(world))
    hana = Person.objects.get(display_name="Hana")
    assert response.status_code == 302
    assert response.url == reverse("web:person", args=[hana.pk])
    assert (hana.added_by, hana.stage, hana.languages) == (world.users.bob, "reader", ["es"])
    assert StageStep.objects.filter(person=hana, stage="reader").exists()
    assert AuditEntry.objects.filter(action="create", object_ids=[hana.pk]).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": ""}, "This field is required."),
        ({"email": "not an email"}, "Enter a valid email address."),
        ({"languages": ["xx"]}, "Select a valid choice. xx is not one of the available choices."),
        ({"stage": "hero"}, "Select a valid choice. hero is not one of the available choices."),
        ({"region": ""}, "This field is required."),
    ],
)
def test_it_rejects_a_bad_person_and_changes_nothing(signed_in, world, changes, message):
    client = signed_in("bob")
    before = row_counts()
    response = client.post(reverse("web:new_person"), person_data(world, **changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Nothing was saved" in body
    assert row_counts() == before


def test_it_offers_only_regions_and_workplaces_i_may_see(signed_in, world):
    from collectives.people.models import Workplace

    hidden = Workplace.objects.create(name="Secret Plant", city="Queens")
    world.people.charlie.workplace = hidden
    world.people.charlie.save()
    body = signed_in("bob").get(reverse("web:new_person")).content.decode()
    assert "Pacific Northwest" in body and "Boeing Everett" in body
    assert "New York City" not in body and "Secret Plant" not in body


def test_it_refuses_a_region_outside_my_scope(signed_in, world):
    before = row_counts()
    response = signed_in("bob").post(
        reverse("web:new_person"), person_data(world, region=world.nyc.pk)
    )
    assert "Select a valid choice" in response.content.decode()
    assert row_counts() == before


def test_it_edits_a_person(signed_in, world):
    response = signed_in("alice").post(
        reverse("web:edit_person", args=[world.people.dave.pk]),
        {
            "display_name": "Dave R.",
            "region": world.pnw.pk,
            "workplace": world.boeing.pk,
            "shift": "night",
            "languages": ["en", "es"],
        },
    )
    assert response.status_code == 302
    world.people.dave.refresh_from_db()
    assert (world.people.dave.display_name, world.people.dave.shift) == ("Dave R.", "night")
    assert world.people.dave.languages == ["en", "es"]


def test_it_rejects_a_bad_edit_and_changes_nothing(signed_in, world):
    before = row_counts()
    response = signed_in("alice").post(
        reverse("web:edit_person", args=[world.people.dave.pk]),
        {"display_name": "", "region": world.pnw.pk},
    )
    assert "This field is required." in response.content.decode()
    world.people.dave.refresh_from_db()
    assert world.people.dave.display_name == "Dave"
    assert row_counts() == before


def test_it_403s_an_edit_of_someone_i_see_but_do_not_manage(signed_in, world):
    client = signed_in("bob")
    url = reverse("web:edit_person", args=[world.people.alice.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"display_name": "Mallory", "region": world.pnw.pk})
    assert response.status_code == 403
    assert "you cannot change it" in response.content.decode()
    world.people.alice.refresh_from_db()
    assert world.people.alice.display_name == "Alice"


def test_it_404s_an_edit_of_someone_i_cannot_see(signed_in, world):
    url = reverse("web:edit_person", args=[world.people.charlie.pk])
    assert signed_in("bob").post(url, {"display_name": "X"}).status_code == 404


def test_it_asks_before_deleting_a_person(signed_in, world):
    client = signed_in("alice")
    url = reverse("web:delete_person", args=[world.people.dave.pk])
    assert "Delete Dave?" in client.get(url).content.decode()
    assert Person.objects.filter(pk=world.people.dave.pk).exists()
    assert client.post(url).status_code == 302
    assert not Person.objects.filter(pk=world.people.dave.pk).exists()


def test_it_403s_deleting_someone_i_do_not_manage(signed_in, world):
    before = row_counts()
    assert (
        signed_in("bob").post(reverse("web:delete_person", args=[world.people.dave.pk])).status_code
        == 403
    )
    assert row_counts() == before


def test_it_records_a_step_on_the_ladder(signed_in, world):
    day = timezone.localdate() - timedelta(days=3)
    response = signed_in("alice").post(
        reverse("web:record_stage", args=[world.people.bob.pk]), {"stage": "distributor", "on": day}
    )
    assert response.status_code == 302
    world.people.bob.refresh_from_db()
    assert world.people.bob.stage == "distributor"
    assert StageStep.objects.get(person=world.people.bob).date == day


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stage": "hero", "on": "2024-01-01"}, "Select a valid choice."),
        ({"stage": "reader", "on": "yesterday"}, "Enter a valid date."),
        ({"stage": "reader", "on": "2999-01-01"}, "The date cannot be in the future."),
    ],
)
def test_it_rejects_a_bad_step_and_changes_nothing(signed_in, world, data, message):
    before = row_counts()
    response = signed_in("alice").post(
        reverse("web:record_stage", args=[world.people.bob.pk]), data
    )
    assert message in response.content.decode()
    assert row_counts() == before
    world.people.bob.refresh_from_db()
    assert world.people.bob.stage == "contact"


def test_it_403s_a_step_for_someone_i_do_not_manage(signed_in, world):
    url = reverse("web:record_stage", args=[world.people.dave.pk])
    assert signed_in("bob").post(url, {"stage": "reader", "on": "2024-01-01"}).status_code == 403
    assert not StageStep.objects.exists()


def test_it_says_what_is_missing_from_an_empty_post(signed_in, world):
    before = row_counts()
    response = signed_in("bob").post(reverse("web:new_person"), {})
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert body.count("This field is required.") == 3  # display name, region and stage
    assert row_counts() == before
