"""Privacy and correctness holes found in review, each pinned by the test that found it.

The cast is ``world`` (tests/conftest.py): bob sees alice, dave and gina but not erin or
frank; alice (organizer of Vanpool) sees erin through a tie, not gina.
"""

import csv
import io
import logging

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from collectives.accounts.models import AccessToken
from collectives.groups.models import Region
from collectives.paper import actions
from collectives.paper.models import Article, Edition, PaperIssue
from collectives.people.models import Person


@pytest.fixture
def issue(world):
    """A published issue, with copies taken by alice and bob."""
    issue = PaperIssue.objects.create(
        number=1, date=timezone.localdate(), published_at=timezone.now()
    )
    Article.objects.create(
        edition=Edition.objects.create(issue=issue, language="en"), title="Story", body="Text."
    )
    for name in ("alice", "bob"):
        user, person = getattr(world.users, name), getattr(world.people, name)
        actions.record_bundle(user=user, issue=issue, by=person, copies=5)
    return issue


def bearer(user) -> dict:
    _, raw = AccessToken.issue(user, name="tests")
    return {"Authorization": f"Bearer {raw}"}


def exported_handouts(client, user) -> list[dict]:
    client.force_login(user)
    response = client.get("/paper/export/handouts.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


# The person page ---------------------------------------------------------------------------


def test_it_shows_contact_details_on_a_person_page_only_to_who_manages_them(world, client):
    Person.objects.filter(pk=world.people.alice.pk).update(
        email="alice@example.org", phone="555-0100", notes="met at the gate"
    )
    url = f"/people/{world.people.alice.pk}/"
    client.force_login(world.users.bob)  # sees alice, does not manage her
    page = client.get(url).content.decode()
    assert "Alice" in page
    for detail in ("alice@example.org", "555-0100", "met at the gate"):
        assert detail not in page
    client.force_login(world.users.alice)
    page = client.get(url).content.decode()
    for detail in ("alice@example.org", "555-0100", "met at the gate"):
        assert detail in page


def test_it_refuses_to_delete_a_person_with_copies_on_record_and_says_why(world, client, issue):
    client.force_login(world.users.bob)
    response = client.post(f"/people/{world.people.bob.pk}/delete/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "copies of the paper" in response.content.decode()
    assert Person.objects.filter(pk=world.people.bob.pk).exists()


def test_it_answers_a_people_search_with_a_nul_character_with_an_error(world, client):
    # PostgreSQL cannot compare text with NUL in it: this was a 500 there.
    client.force_login(world.users.bob)
    response = client.get("/people/", {"q": "Al\x00ice"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


# Hand-outs to people the viewer cannot see -------------------------------------------------


@pytest.fixture
def handed_to_erin(world, issue):
    """alice (Vanpool) handed a copy to erin: bob sees the row (his group's) but not erin."""
    return actions.record_handout(
        user=world.users.alice,
        issue=issue,
        by=world.people.alice,
        copies=1,
        category="coworkers",
        to=world.people.erin,
    )


def test_it_leaves_recipients_out_of_scope_out_of_the_handouts_export(
    world, client, handed_to_erin
):
    (row,) = exported_handouts(client, world.users.bob)
    assert row["id"] == str(handed_to_erin.pk)
    assert row["person_name"] == "Alice"
    assert (row["recipient"], row["recipient_name"]) == ("", "")
    (row,) = exported_handouts(client, world.users.alice)
    assert (row["recipient"], row["recipient_name"]) == (str(world.people.erin.pk), "Erin")


def test_it_leaves_recipients_out_of_scope_out_of_the_handouts_api(world, client, handed_to_erin):
    as_bob = client.get("/api/distribution/handouts", headers=bearer(world.users.bob)).json()
    assert [row["recipient"] for row in as_bob["items"]] == [None]
    as_alice = client.get("/api/distribution/handouts", headers=bearer(world.users.alice)).json()
    assert [row["recipient"] for row in as_alice["items"]] == [world.people.erin.pk]


def test_it_leaves_a_recipient_out_of_scope_out_of_a_correction(world, client, issue):
    # bob handed a copy to gina (his family); alice manages bob but cannot see gina.
    handout = actions.record_handout(
        user=world.users.bob,
        issue=issue,
        by=world.people.bob,
        copies=1,
        category="family",
        to=world.people.gina,
    )
    response = client.post(
        f"/api/distribution/handouts/{handout.pk}/corrections",
        {"copies": 2, "reason": "two copies"},
        content_type="application/json",
        headers=bearer(world.users.alice),
    )
    assert response.status_code == 201, response.content
    assert response.json()["recipient"] is None


# Logs --------------------------------------------------------------------------------------


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
def test_it_logs_failed_sign_ins_without_the_username_or_address(world, client, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(3):
        client.post("/login/", {"username": "bob", "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    assert any("AXES" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        assert "bob" not in record.getMessage()
        assert "203.0.113.7" not in record.getMessage()


# The planner page --------------------------------------------------------------------------


def test_it_names_the_shared_friend_in_the_readers_language(world, client):
    client.force_login(world.users.root)
    # override: the page switches this thread to Spanish; later tests expect English.
    with translation.override("en"):
        response = client.get(
            "/plan/",
            {"groups": [world.vanpool.pk, world.dinners.pk], "target": "2"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    page = response.content.decode()
    assert "ambos conocen a Bob" in page
    assert "both know" not in page


# The admin, for a staff account that is not an admin -----------------------------------------


@pytest.fixture
def staff(world, client):
    """``staff("alice")``: signed in to the admin with every model permission."""
    from django.contrib.auth.models import Permission

    def sign_in(username):
        user = getattr(world.users, username)
        user.is_staff = True
        user.save()
        user.user_permissions.set(Permission.objects.all())
        client.force_login(user)
        return client

    return sign_in


def test_it_lets_only_admins_add_regions_in_the_admin(world, staff):
    client = staff("cora")
    assert client.get("/admin/groups/region/add/").status_code == 403
    client.post("/admin/groups/region/add/", {"name": "Atlantis", "country": "Nowhere"})
    assert not Region.objects.filter(name="Atlantis").exists()


def test_it_hides_contact_details_in_the_admin_from_who_does_not_manage_the_person(world, staff):
    Person.objects.filter(pk=world.people.erin.pk).update(
        email="erin@example.org", phone="555-0199", notes="met at the union hall"
    )
    client = staff("alice")  # sees erin through a tie, does not manage her
    response = client.get(f"/admin/people/person/{world.people.erin.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Erin" in page
    for detail in ("erin@example.org", "555-0199", "met at the union hall"):
        assert detail not in page
    page = staff("cora").get(f"/admin/people/person/{world.people.erin.pk}/change/")
    assert "erin@example.org" in page.content.decode()


def test_it_leaves_a_recipient_out_of_scope_out_of_the_admins_hand_out_page(
    world, staff, handed_to_erin
):
    url = f"/admin/paper/handout/{handed_to_erin.pk}/change/"
    response = staff("bob").get(url)  # the row is his group's; erin is out of his scope
    assert response.status_code == 200
    assert "Erin" not in response.content.decode()
    assert "Erin" in staff("alice").get(url).content.decode()


def test_it_refuses_dates_in_the_future_through_the_api_as_through_the_forms(world):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from collectives.groups import actions as group_actions
    from collectives.people import actions as people_actions

    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        people_actions.create_tie(
            user=world.users.alice,
            person=world.people.alice,
            other=world.people.dave,
            kinds=["friend"],
            since=tomorrow,
        )
    assert "since" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        group_actions.update_membership(
            user=world.users.alice,
            membership=world.people.bob.memberships.get(group=world.vanpool),
            joined=tomorrow,
        )
    assert "joined" in error.value.message_dict
