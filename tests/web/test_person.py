"""A person's page: their ties, groups and ladder, only as far as the viewer may see."""

import pytest
from django.urls import reverse

from collectives.audit.models import AuditEntry
from collectives.people import actions
from collectives.people.models import Person, Tie


def url(person):
    return reverse("web:person", args=[person.pk])


@pytest.mark.parametrize("username", ["alice", "bob", "cora", "root"])
def test_it_shows_a_person_to_everyone_who_may_see_them(signed_in, world, username):
    response = signed_in(username).get(url(world.people.dave))
    assert response.status_code == 200
    assert "<h1>Dave</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "name"), [("bob", "charlie"), ("bob", "erin"), ("charlie", "bob"), ("ed", "bob")]
)
def test_it_404s_outside_my_scope(signed_in, world, username, name):
    response = signed_in(username).get(url(getattr(world.people, name)))
    assert response.status_code == 404
    assert name.capitalize() not in response.content.decode()


def test_it_404s_for_a_person_that_does_not_exist(signed_in):
    assert signed_in("root").get(reverse("web:person", args=[999999])).status_code == 404


def test_it_shows_ties_and_groups(signed_in, world):
    body = signed_in("bob").get(url(world.people.bob)).content.decode()
    assert f'href="{url(world.people.gina)}">Gina</a>' in body
    assert "family" in body
    assert f'href="{reverse("web:group", args=[world.vanpool.pk])}">Vanpool</a>' in body


def test_it_hides_ties_to_people_i_cannot_see(signed_in, world):
    # alice knows erin, but bob cannot see erin
    body = signed_in("bob").get(url(world.people.alice)).content.decode()
    assert "Bob" in body
    assert "Erin" not in body


def test_it_hides_groups_i_cannot_see(signed_in, world):
    # gina is bob's family; she joins Dinners, which bob cannot see
    from collectives.groups.models import Membership

    Membership.objects.create(person=world.people.gina, group=world.dinners)
    body = signed_in("bob").get(url(world.people.gina)).content.decode()
    assert "Dinners" not in body
    assert "In no group you can see." in body


def test_it_shows_the_ladder_with_dates(signed_in, world):
    from datetime import date

    actions.record_stage(
        user=world.users.alice, person=world.people.bob, stage="reader", on=date(2024, 3, 1)
    )
    actions.record_stage(
        user=world.users.alice, person=world.people.bob, stage="distributor", on=date(2024, 6, 2)
    )
    body = signed_in("alice").get(url(world.people.bob)).content.decode()
    assert "March 1, 2024" in body
    assert "June 2, 2024" in body
    assert body.count("not yet") == 3  # contact, group member, party member


def test_it_offers_forms_only_to_who_may_change_the_person(signed_in, world):
    edit = reverse("web:edit_person", args=[world.people.dave.pk])
    assert edit in signed_in("alice").get(url(world.people.dave)).content.decode()
    assert edit not in signed_in("bob").get(url(world.people.dave)).content.decode()


def test_it_records_who_viewed_whom_by_id_only(signed_in, world):
    signed_in("bob").get(url(world.people.gina))
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.action, entry.model) == (world.users.bob, "view", "people.person")
    assert entry.object_ids == [world.people.gina.pk]
    assert "Gina" not in str(entry.__dict__)


def test_it_records_nothing_for_a_404(signed_in, world):
    signed_in("bob").get(url(world.people.charlie))
    assert not AuditEntry.objects.exists()


def test_it_shows_a_person_in_a_fixed_number_of_queries(
    signed_in, world, django_assert_num_queries
):
    client = signed_in("cora")
    for n in range(15):
        other = Person.objects.create(display_name=f"Neighbor {n:02}", region=world.pnw)
        Tie.objects.create(person_a=world.people.gina, person_b=other, kinds=["neighbor"])
    # 1 session, 2 user, 3 gina with her region and workplace, 4 the audit entry, 5 may cora
    # manage her, 6 her ties with both people, 7 her memberships with their groups, 8 her
    # steps on the ladder, 9 the people she may be tied to (the picker), 10 the organization.
    with django_assert_num_queries(10):
        response = client.get(url(world.people.gina))
    assert len(response.context["ties"]) == 16
