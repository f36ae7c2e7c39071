"""The demo world: the story's shape, loaded once however often it runs."""

from io import StringIO

import pytest
from django.core.management import call_command

from collectives import scoping
from collectives.accounts.models import User
from collectives.groups.models import Group, Membership
from collectives.people.models import Person, Tie


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def test_it_loads_about_150_people_in_four_regions(demo):
    assert 140 <= Person.objects.count() <= 170
    assert Person.objects.values("region").distinct().count() == 4
    spoken = {
        code for codes in Person.objects.values_list("languages", flat=True) for code in codes
    }
    assert spoken == {"en", "es"}


def test_it_creates_nothing_new_when_run_again(demo):
    before = (
        Person.objects.count(),
        Tie.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )
    call_command("demo", stdout=StringIO())
    after = (
        Person.objects.count(),
        Tie.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )
    assert after == before


def test_it_has_three_boeing_groups_dense_inside_and_sparse_across(demo):
    boeing = Group.objects.filter(
        region__name="Pacific Northwest", memberships__person__workplace__name__startswith="Boeing"
    )
    groups = list(boeing.distinct())
    assert len(groups) == 3
    members = {g.pk: set(g.memberships.values_list("person_id", flat=True)) for g in groups}
    inside = across = 0
    for tie in Tie.objects.all():
        owners = {g for g, people in members.items() if tie.person_a_id in people}
        others = {g for g, people in members.items() if tie.person_b_id in people}
        if owners & others:
            inside += 1
        elif owners and others:
            across += 1
    assert inside > 10 * across > 0


def test_it_shows_the_demo_member_strictly_fewer_people_than_the_admin(demo):
    member = User.objects.get(username="member")
    admin = User.objects.get(username="admin")
    assert member.person.memberships.filter(group__name="Everett Vanpool").exists()
    assert 0 < scoping.visible_people(member).count() < scoping.visible_people(admin).count()
    assert scoping.visible_people(admin).count() == Person.objects.count()


def test_it_signs_in_the_printed_accounts(demo, client):
    from collectives.demo.data import DEMO_PASSWORD

    for username in ["admin", "coordinator", "organizer", "member"]:
        assert client.login(username=username, password=DEMO_PASSWORD), username
