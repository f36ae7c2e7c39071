"""The fixed cast every test shares.

Pacific Northwest has two text groups: "Vanpool" (alice organizes; bob and dave are members)
and "Dinners" (erin organizes; frank is a member). bob also knows gina, who is in no group.
New York City has "Bronx Readers" with charlie. Users: alice (group organizer), bob (member),
charlie (member in New York), cora (regional coordinator of the Pacific Northwest, in no
group), ed (editor, no person), root (admin).
"""

from types import SimpleNamespace

import pytest

from collectives.accounts.models import Role, User
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Person, Tie, Workplace

PASSWORD = "correct horse battery staple"


def make_tie(a: Person, b: Person, *kinds: str, strength: int = 3) -> Tie:
    first, second = sorted([a, b], key=lambda p: p.pk)
    return Tie.objects.create(
        person_a=first, person_b=second, kinds=list(kinds) or ["friend"], strength=strength
    )


@pytest.fixture
def world(db):
    pnw = Region.objects.create(name="Pacific Northwest", country="USA")
    nyc = Region.objects.create(name="New York City", country="USA")
    boeing = Workplace.objects.create(name="Boeing Everett", city="Everett")
    everett = Collective.objects.create(name="Everett readers", region=pnw)
    vanpool = Group.objects.create(name="Vanpool", region=pnw, collective=everett)
    dinners = Group.objects.create(name="Dinners", region=pnw, collective=everett)
    bronx = Group.objects.create(name="Bronx Readers", region=nyc)

    def person(name, region, **fields):
        return Person.objects.create(display_name=name, region=region, **fields)

    people = SimpleNamespace(
        alice=person("Alice", pnw, workplace=boeing, city="Everett", languages=["en"]),
        bob=person("Bob", pnw, workplace=boeing, city="Everett", languages=["en", "es"]),
        dave=person("Dave", pnw, workplace=boeing),
        erin=person("Erin", pnw, workplace=boeing),
        frank=person("Frank", pnw),
        gina=person("Gina", pnw, city="Seattle"),
        charlie=person("Charlie", nyc, city="New York"),
    )
    Membership.objects.create(person=people.alice, group=vanpool, role="organizer")
    Membership.objects.create(person=people.bob, group=vanpool)
    Membership.objects.create(person=people.dave, group=vanpool)
    Membership.objects.create(person=people.erin, group=dinners, role="organizer")
    Membership.objects.create(person=people.frank, group=dinners)
    Membership.objects.create(person=people.charlie, group=bronx)
    ties = SimpleNamespace(
        alice_bob=make_tie(people.alice, people.bob, "coworker", "vanpool"),
        bob_dave=make_tie(people.bob, people.dave, "vanpool"),
        erin_frank=make_tie(people.erin, people.frank, "friend"),
        bob_gina=make_tie(people.bob, people.gina, "family"),
        alice_erin=make_tie(people.alice, people.erin, "coworker"),
    )

    def user(username, role, person=None, **fields):
        return User.objects.create_user(
            username=username, password=PASSWORD, role=role, person=person, **fields
        )

    users = SimpleNamespace(
        alice=user("alice", Role.ORGANIZER, people.alice),
        bob=user("bob", Role.MEMBER, people.bob),
        charlie=user("charlie", Role.MEMBER, people.charlie),
        cora=user("cora", Role.COORDINATOR, region=pnw),
        ed=user("ed", Role.EDITOR),
        root=user("root", Role.ADMIN, is_staff=True, is_superuser=True),
    )
    return SimpleNamespace(
        pnw=pnw,
        nyc=nyc,
        boeing=boeing,
        everett=everett,
        vanpool=vanpool,
        dinners=dinners,
        bronx=bronx,
        people=people,
        ties=ties,
        users=users,
    )


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Spanish leaves Spanish active in the thread; start every test in English."""
    from django.utils import translation

    yield
    translation.deactivate()
