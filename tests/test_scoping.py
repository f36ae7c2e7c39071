"""The authorization matrix: which role sees and manages which records."""

import pytest

from collectives import scoping


def names(queryset):
    return sorted(str(obj) for obj in queryset)


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        # bob: himself, his group (alice, dave), his ties (gina)
        ("bob", ["Alice", "Bob", "Dave", "Gina"]),
        # alice: her group and her tie to erin
        ("alice", ["Alice", "Bob", "Dave", "Erin"]),
        ("charlie", ["Charlie"]),
        ("cora", ["Alice", "Bob", "Dave", "Erin", "Frank", "Gina"]),
        ("ed", []),
        ("root", ["Alice", "Bob", "Charlie", "Dave", "Erin", "Frank", "Gina"]),
    ],
)
def test_it_shows_each_role_exactly_its_people(world, username, expected):
    assert names(scoping.visible_people(getattr(world.users, username))) == expected


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("bob", ["Bob"]),
        ("alice", ["Alice", "Bob", "Dave"]),
        ("cora", ["Alice", "Bob", "Dave", "Erin", "Frank", "Gina"]),
        ("charlie", ["Charlie"]),
    ],
)
def test_it_lets_each_role_manage_exactly_its_people(world, username, expected):
    assert names(scoping.manageable_people(getattr(world.users, username))) == expected


@pytest.mark.parametrize(
    ("username", "visible", "manageable"),
    [
        ("bob", ["Vanpool"], []),
        ("alice", ["Vanpool"], ["Vanpool"]),
        ("cora", ["Dinners", "Vanpool"], ["Dinners", "Vanpool"]),
        ("charlie", ["Bronx Readers"], []),
        ("root", ["Bronx Readers", "Dinners", "Vanpool"], ["Bronx Readers", "Dinners", "Vanpool"]),
    ],
)
def test_it_scopes_groups_by_role(world, username, visible, manageable):
    user = getattr(world.users, username)
    assert names(scoping.visible_groups(user)) == visible
    assert names(scoping.manageable_groups(user)) == manageable


def test_it_shows_a_tie_only_when_both_people_are_visible(world):
    bob_ties = scoping.visible_ties(world.users.bob)
    assert set(bob_ties) == {world.ties.alice_bob, world.ties.bob_dave, world.ties.bob_gina}
    # alice–erin: bob sees alice but not erin
    assert world.ties.alice_erin not in bob_ties


def test_it_shows_anonymous_users_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    for function in (
        scoping.visible_people,
        scoping.visible_ties,
        scoping.visible_groups,
        scoping.visible_memberships,
        scoping.visible_collectives,
        scoping.visible_regions,
    ):
        assert not function(anonymous).exists()


def test_it_shows_nothing_to_a_deactivated_account(world):
    world.users.root.is_active = False
    assert not scoping.visible_people(world.users.root).exists()
