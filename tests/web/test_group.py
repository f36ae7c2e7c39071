"""The group page: members with roles and stages, the ties among them, scoped and audited."""

import pytest
from django.urls import reverse

from collectives.audit.models import AuditEntry
from collectives.groups.models import Membership
from collectives.people.models import Person

from .conftest import row_counts


def url(group):
    return reverse("web:group", args=[group.pk])


@pytest.mark.parametrize("username", ["alice", "bob", "cora", "root"])
def test_it_shows_the_members_to_everyone_who_may_see_the_group(signed_in, world, username):
    body = signed_in(username).get(url(world.vanpool)).content.decode()
    assert "<h1>Vanpool</h1>" in body
    for name in ("Alice", "Bob", "Dave"):
        assert f">{name}</a>" in body
    assert "organizer" in body


@pytest.mark.parametrize(
    ("username", "group"),
    [
        ("bob", "dinners"),
        ("bob", "bronx"),
        ("alice", "dinners"),
        ("cora", "bronx"),
        ("charlie", "vanpool"),
        ("ed", "vanpool"),
    ],
)
def test_it_404s_outside_my_scope(signed_in, world, username, group):
    group = getattr(world, group)
    response = signed_in(username).get(url(group))
    assert response.status_code == 404
    assert group.name not in response.content.decode()


def test_it_shows_the_ties_among_the_members_and_counts_them(signed_in, world):
    body = signed_in("bob").get(url(world.vanpool)).content.decode()
    assert "<td>Alice</td><td>Bob</td><td>coworker, vanpool</td>" in body
    assert "<td>Bob</td><td>Dave</td><td>vanpool</td>" in body
    assert "Gina" not in body  # bob's tie to gina leaves the group
    assert '<svg class="graph"' in body
    assert body.count("<line ") == 2


def test_it_counts_ties_per_member(signed_in, world):
    response = signed_in("bob").get(url(world.vanpool))
    counts = {m.person.display_name: n for m, n in response.context["members"]}
    assert counts == {"Alice": 1, "Bob": 2, "Dave": 1}


def test_it_draws_coordinates_without_a_decimal_comma_in_spanish(signed_in, world):
    body = signed_in("bob").get(url(world.vanpool), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'cx="160.0"' in body


def test_it_records_the_view_by_id_only(signed_in, world):
    signed_in("bob").get(url(world.vanpool))
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.action, entry.model, entry.object_ids) == (
        world.users.bob,
        "view",
        "groups.group",
        [world.vanpool.pk],
    )


def test_it_shows_the_group_in_a_fixed_number_of_queries(
    signed_in, world, django_assert_num_queries
):
    client = signed_in("alice")
    for n in range(20):
        person = Person.objects.create(display_name=f"Rider {n:02}", region=world.pnw)
        Membership.objects.create(person=person, group=world.vanpool)
    # 1 session, 2 user, 3 the group with its region and collective, 4 may alice manage it,
    # 5 the memberships with their people, 6 the ties among them, 7 the audit entry,
    # 8 the people alice may add (the add-member picker), 9 the organization's name.
    with django_assert_num_queries(9):
        response = client.get(url(world.vanpool))
    assert len(response.context["members"]) == 23


def test_it_offers_the_manager_only_people_in_scope_who_are_not_members(signed_in, world):
    body = signed_in("alice").get(url(world.vanpool)).content.decode()
    assert ">Erin</option>" in body  # tied to alice
    for name in ("Alice", "Bob", "Dave", "Charlie", "Frank", "Gina"):
        assert f">{name}</option>" not in body


def test_it_offers_members_no_forms(signed_in, world):
    body = signed_in("bob").get(url(world.vanpool)).content.decode()
    assert reverse("web:add_member", args=[world.vanpool.pk]) not in body
    assert reverse("web:edit_group", args=[world.vanpool.pk]) not in body


def test_it_adds_a_member(signed_in, world):
    response = signed_in("alice").post(
        reverse("web:add_member", args=[world.vanpool.pk]),
        {"person": world.people.erin.pk, "role": "member", "joined": "2024-02-03"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(group=world.vanpool, person=world.people.erin)
    assert str(membership.joined) == "2024-02-03"


def test_it_answers_htmx_with_the_refreshed_members(signed_in, world):
    response = signed_in("alice").post(
        reverse("web:add_member", args=[world.vanpool.pk]),
        {"person": world.people.erin.pk, "role": "organizer", "joined": "2024-02-03"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="members">')
    assert "<html" not in body
    assert "Added the member." in body
    assert ">Erin</a>" in body
    assert "<td>Alice</td><td>Erin</td><td>coworker</td>" in body  # and her ties


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"person": "charlie"}, "Select a valid choice."),  # out of scope
        ({"person": "bob"}, "Select a valid choice."),  # already a member
        ({"person": "erin", "role": "boss"}, "Select a valid choice. boss is not one of"),
        ({"person": "erin", "joined": "2999-01-01"}, "The date cannot be in the future."),
        ({"person": "erin", "joined": "soon"}, "Enter a valid date."),
    ],
)
def test_it_rejects_a_bad_member_and_changes_nothing(signed_in, world, data, message):
    data = {"role": "member", "joined": "2024-01-01", **data}
    data["person"] = getattr(world.people, data["person"]).pk
    before = row_counts()
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = signed_in("alice").post(
            reverse("web:add_member", args=[world.vanpool.pk]), data, **headers
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    assert row_counts() == before


def test_it_403s_adding_members_to_a_group_i_only_see(signed_in, world):
    before = row_counts()
    response = signed_in("bob").post(
        reverse("web:add_member", args=[world.vanpool.pk]),
        {"person": world.people.gina.pk, "role": "member", "joined": "2024-01-01"},
    )
    assert response.status_code == 403
    assert row_counts() == before
