"""Creating, editing and deleting groups; editing and removing memberships."""

import pytest
from django.urls import reverse

from collectives.groups.models import Group, Membership

from .conftest import row_counts


def group_data(world, **changes):
    return {"name": "Night shift", "region": world.pnw.pk, "created": "2024-04-01", **changes}


def test_it_lets_an_organizer_create_a_group_and_organize_it(signed_in, world):
    response = signed_in("alice").post(reverse("web:new_group"), group_data(world))
    group = Group.objects.get(name="Night shift")
    assert response.url == reverse("web:group", args=[group.pk])
    assert Membership.objects.get(group=group).person == world.people.alice


def test_it_403s_group_creation_for_members(signed_in, world):
    client = signed_in("bob")
    assert client.get(reverse("web:new_group")).status_code == 403
    assert client.post(reverse("web:new_group"), group_data(world)).status_code == 403
    assert not Group.objects.filter(name="Night shift").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "Dinners"}, "Text group with this Region and Name already exists."),
        ({"collective": 999999}, "Select a valid choice."),
        ({"created": "2999-01-01"}, "The date cannot be in the future."),
    ],
)
def test_it_rejects_a_bad_group_and_changes_nothing(signed_in, world, changes, message):
    before = row_counts()
    response = signed_in("cora").post(reverse("web:new_group"), group_data(world, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert row_counts() == before


def test_it_shows_errors_from_the_action_beside_the_field(signed_in, world):
    # root may pick any region; the action refuses a collective of another region.
    before = row_counts()
    response = signed_in("root").post(
        reverse("web:new_group"),
        group_data(world, region=world.nyc.pk, collective=world.everett.pk),
    )
    assert "The collective is in another region." in response.content.decode()
    assert row_counts() == before


def test_it_edits_a_group(signed_in, world):
    response = signed_in("alice").post(
        reverse("web:edit_group", args=[world.vanpool.pk]),
        group_data(world, name="Vanpool North", description="Mornings"),
    )
    assert response.status_code == 302
    world.vanpool.refresh_from_db()
    assert (world.vanpool.name, world.vanpool.description) == ("Vanpool North", "Mornings")


@pytest.mark.parametrize(("username", "status"), [("bob", 403), ("charlie", 404), ("alice", 404)])
def test_it_scopes_group_edits(signed_in, world, username, status):
    group = world.vanpool if username == "bob" else world.dinners
    response = signed_in(username).post(
        reverse("web:edit_group", args=[group.pk]), group_data(world, name="Taken over")
    )
    assert response.status_code == status
    assert not Group.objects.filter(name="Taken over").exists()


def test_it_asks_before_deleting_a_group(signed_in, world):
    client = signed_in("cora")
    url = reverse("web:delete_group", args=[world.dinners.pk])
    assert "Delete Dinners?" in client.get(url).content.decode()
    assert client.post(url).url == reverse("web:home")
    assert not Group.objects.filter(pk=world.dinners.pk).exists()


def test_it_edits_a_membership(signed_in, world):
    membership = Membership.objects.get(person=world.people.bob, group=world.vanpool)
    response = signed_in("alice").post(
        reverse("web:edit_membership", args=[membership.pk]),
        {"role": "organizer", "joined": "2023-01-01"},
    )
    assert response.url == reverse("web:group", args=[world.vanpool.pk])
    membership.refresh_from_db()
    assert membership.role == "organizer"


def test_it_rejects_a_bad_membership_edit(signed_in, world):
    membership = Membership.objects.get(person=world.people.bob, group=world.vanpool)
    response = signed_in("alice").post(
        reverse("web:edit_membership", args=[membership.pk]), {"role": "king", "joined": ""}
    )
    body = response.content.decode()
    assert "Select a valid choice. king is not one of the available choices." in body
    assert "This field is required." in body
    membership.refresh_from_db()
    assert membership.role == "member"


def test_it_removes_a_member_by_post_only(signed_in, world):
    membership = Membership.objects.get(person=world.people.dave, group=world.vanpool)
    client = signed_in("alice")
    url = reverse("web:remove_member", args=[membership.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).url == reverse("web:group", args=[world.vanpool.pk])
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize(("username", "status"), [("bob", 403), ("charlie", 404)])
def test_it_scopes_membership_changes(signed_in, world, username, status):
    membership = Membership.objects.get(person=world.people.dave, group=world.vanpool)
    client = signed_in(username)
    assert client.post(reverse("web:remove_member", args=[membership.pk])).status_code == status
    edit = reverse("web:edit_membership", args=[membership.pk])
    assert client.post(edit, {"role": "organizer", "joined": "2024-01-01"}).status_code == status
    membership.refresh_from_db()
    assert membership.role == "member"
