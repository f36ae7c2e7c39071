"""The demo world, modeled on the story the project was founded on.

Pacific Northwest: three text groups of Boeing workers (one formed around a vanpool, one
around Thursday dinners, one on second shift), dense ties inside each group and only a few
across, gathered into one collective; other party members and readers in the region. Cells
in New York City, Mexico City and Spain. English and Spanish speakers; about 150 people.

Everything is created with get_or_create on natural keys and a fixed random seed, so loading
it twice creates nothing new.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from collectives.accounts.models import Organization, Role, User
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Person, Stage, StageStep, Tie, Workplace

DEMO_PASSWORD = "solidarity-demo"
SEED = 1917

ENGLISH_FIRST = [
    "Ana",
    "Ben",
    "Carla",
    "Darnell",
    "Elena",
    "Frank",
    "Grace",
    "Hector",
    "Imani",
    "Jake",
    "Kim",
    "Luis",
    "Maya",
    "Nate",
    "Olivia",
    "Pete",
    "Quinn",
    "Rosa",
    "Sam",
    "Tanya",
    "Umar",
    "Vera",
    "Walt",
    "Xavier",
    "Yolanda",
    "Zeke",
    "Abby",
    "Carlos",
    "Dana",
    "Eddie",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jolene",
    "Kofi",
    "Lena",
    "Marcus",
    "Nora",
    "Owen",
]
SPANISH_FIRST = [
    "Alejandra",
    "Beto",
    "Carmen",
    "Diego",
    "Esperanza",
    "Fernando",
    "Guadalupe",
    "Hugo",
    "Inés",
    "Jorge",
    "Karla",
    "Lucía",
    "Manuel",
    "Nayeli",
    "Óscar",
    "Paola",
    "Ramón",
    "Sofía",
    "Tomás",
    "Valeria",
    "Ximena",
    "Yahir",
    "Zoe",
    "Andrés",
    "Brenda",
    "César",
    "Dolores",
    "Emilio",
    "Fabiola",
    "Gerardo",
]
SURNAME_INITIALS = "ABCDEFGHJKLMNOPRSTVWZ"


@dataclass
class GroupPlan:
    name: str
    region: str
    workplace: str | None
    size: int
    kind: str  # the kind of tie that formed the group
    spanish_share: float
    density: float = 0.7
    collective: str | None = None
    description: str = ""


@dataclass
class RegionPlan:
    name: str
    country: str
    cities: list[str]
    workplaces: list[tuple[str, str]]
    groups: list[GroupPlan] = field(default_factory=list)
    party_members: int = 0
    readers: int = 0


BOEING_COLLECTIVE = "Boeing Readers Collective"

REGIONS = [
    RegionPlan(
        name="Pacific Northwest",
        country="USA",
        cities=["Everett", "Seattle", "Renton"],
        workplaces=[
            ("Boeing Everett", "Everett"),
            ("Boeing Renton", "Renton"),
            ("Amazon Kent", "Kent"),
            ("Seattle Public Schools", "Seattle"),
        ],
        groups=[
            GroupPlan(
                "Everett Vanpool",
                "Pacific Northwest",
                "Boeing Everett",
                9,
                "vanpool",
                0.2,
                0.8,
                BOEING_COLLECTIVE,
                "Formed around the morning vanpool to the plant.",
            ),
            GroupPlan(
                "Thursday Dinners",
                "Pacific Northwest",
                "Boeing Everett",
                11,
                "friend",
                0.3,
                0.7,
                BOEING_COLLECTIVE,
                "Coworkers who have dinner together on Thursdays.",
            ),
            GroupPlan(
                "Second Shift Readers",
                "Pacific Northwest",
                "Boeing Renton",
                8,
                "coworker",
                0.4,
                0.75,
                BOEING_COLLECTIVE,
                "Second-shift coworkers and their barbecues.",
            ),
        ],
        party_members=12,
        readers=38,
    ),
    RegionPlan(
        name="New York City",
        country="USA",
        cities=["Bronx", "Brooklyn", "Queens"],
        workplaces=[("Hunts Point Market", "Bronx"), ("MTA Jamaica Yard", "Queens")],
        groups=[
            GroupPlan(
                "Hunts Point Readers", "New York City", "Hunts Point Market", 8, "coworker", 0.5
            ),
            GroupPlan(
                "Jamaica Yard Group", "New York City", "MTA Jamaica Yard", 7, "coworker", 0.3
            ),
        ],
        party_members=4,
        readers=10,
    ),
    RegionPlan(
        name="Mexico City",
        country="Mexico",
        cities=["Iztapalapa", "Coyoacán"],
        workplaces=[("Metro CDMX Taller Zaragoza", "Iztapalapa"), ("UNAM", "Coyoacán")],
        groups=[
            GroupPlan(
                "Círculo Metro", "Mexico City", "Metro CDMX Taller Zaragoza", 8, "coworker", 1.0
            ),
            GroupPlan("Estudiantes UNAM", "Mexico City", "UNAM", 7, "student", 1.0),
        ],
        party_members=3,
        readers=8,
    ),
    RegionPlan(
        name="Spain",
        country="Spain",
        cities=["Barcelona", "Martorell"],
        workplaces=[("SEAT Martorell", "Martorell"), ("Mercabarna", "Barcelona")],
        groups=[
            GroupPlan("Martorell Lectores", "Spain", "SEAT Martorell", 7, "coworker", 1.0),
        ],
        party_members=3,
        readers=7,
    ),
]


class _Names:
    """Deterministic, unique pseudonyms: first name plus a surname initial."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def make(self, spanish: bool) -> str:
        pool = SPANISH_FIRST if spanish else ENGLISH_FIRST
        while True:
            name = f"{self.rng.choice(pool)} {self.rng.choice(SURNAME_INITIALS)}."
            if name not in self.used:
                self.used.add(name)
                return name


def _person(name, region, *, workplace, city, spanish, stage, joined, rng):
    today = timezone.localdate()
    languages = ["es"] if spanish and rng.random() < 0.6 else (["en", "es"] if spanish else ["en"])
    if region.country in {"Mexico", "Spain"}:
        languages = ["es"]
    person, created = Person.objects.get_or_create(
        display_name=name,
        region=region,
        defaults={
            "workplace": workplace,
            "city": city,
            "languages": languages,
            "stage": stage,
            "shift": rng.choice(["first", "second", "third"]) if workplace else "",
        },
    )
    if created:
        # Walk the ladder up to the person's stage, one step every few months.
        rank = Stage.rank(stage)
        for offset, step in enumerate(Stage.values[: rank + 1]):
            StageStep.objects.create(
                person=person, stage=step, date=min(joined + timedelta(days=90 * offset), today)
            )
    return person


def _tie(a: Person, b: Person, kinds: list[str], strength: int, since: date) -> None:
    first, second = (a, b) if a.pk < b.pk else (b, a)
    Tie.objects.get_or_create(
        person_a=first,
        person_b=second,
        defaults={"kinds": kinds, "strength": strength, "since": since},
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load the demo world; returns counts of what exists afterwards."""
    rng = random.Random(SEED)
    names = _Names(rng)
    start = date(2025, 11, 1)
    organization = Organization.objects.order_by("pk").first()
    if organization is None:
        Organization.objects.create(
            name="Workers' Collectives", paper_name="Red Flag", languages=["en", "es"]
        )

    first_member_of: dict[str, Person] = {}
    organizers: dict[str, Person] = {}
    party_member_in: dict[str, Person] = {}
    for plan in REGIONS:
        region, _ = Region.objects.get_or_create(name=plan.name, defaults={"country": plan.country})
        workplaces = [
            Workplace.objects.get_or_create(name=name, city=city)[0]
            for name, city in plan.workplaces
        ]
        by_name = {w.name: w for w in workplaces}
        region_people: list[Person] = []
        group_members: list[list[Person]] = []
        for group_plan in plan.groups:
            collective = None
            if group_plan.collective:
                collective, _ = Collective.objects.get_or_create(
                    name=group_plan.collective,
                    region=region,
                    defaults={"description": "Three Boeing text groups being knit into one."},
                )
            group, _ = Group.objects.get_or_create(
                name=group_plan.name,
                region=region,
                defaults={
                    "collective": collective,
                    "description": group_plan.description,
                    "created": start - timedelta(days=rng.randint(200, 700)),
                },
            )
            workplace = by_name.get(group_plan.workplace)
            members = []
            for i in range(group_plan.size):
                spanish = rng.random() < group_plan.spanish_share
                stage = Stage.PARTY_MEMBER if i == 0 else Stage.GROUP_MEMBER
                person = _person(
                    names.make(spanish),
                    region,
                    workplace=workplace,
                    city=workplace.city if workplace else rng.choice(plan.cities),
                    spanish=spanish,
                    stage=stage,
                    joined=start - timedelta(days=rng.randint(300, 900)),
                    rng=rng,
                )
                role = Membership.Role.ORGANIZER if i == 0 else Membership.Role.MEMBER
                Membership.objects.get_or_create(
                    person=person,
                    group=group,
                    defaults={"role": role, "joined": group.created + timedelta(days=7 * i)},
                )
                members.append(person)
            organizers[group.name] = members[0]
            first_member_of[group.name] = members[1]
            # Dense ties inside the group: everyone knows the organizer, most know each other;
            # the newest member so far knows only the coworker who brought them in.
            newcomer, sponsor = members[-1], members[-2]
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if newcomer in (a, b) and sponsor not in (a, b):
                        continue
                    if a is members[0] or newcomer in (a, b) or rng.random() < group_plan.density:
                        kinds = [group_plan.kind] + (["coworker"] if workplace else [])
                        _tie(
                            a,
                            b,
                            sorted(set(kinds)),
                            rng.randint(3, 5),
                            group.created - timedelta(days=rng.randint(0, 400)),
                        )
            group_members.append(members)
            region_people.extend(members)
        # Groups barely know each other: a single tie joins the first two groups of a
        # region; the others stand apart. Knitting them together is the planner's job.
        if len(group_members) > 1:
            _tie(group_members[0][1], group_members[1][2], ["coworker"], 2, start)
        # Other party members of the region, tied to an organizer or two.
        for _ in range(plan.party_members):
            spanish = plan.country != "USA" or rng.random() < 0.3
            person = _person(
                names.make(spanish),
                region,
                workplace=rng.choice(workplaces + [None]),
                city=rng.choice(plan.cities),
                spanish=spanish,
                stage=Stage.PARTY_MEMBER,
                joined=start - timedelta(days=rng.randint(400, 1500)),
                rng=rng,
            )
            party_member_in.setdefault(plan.name, person)
            for members in rng.sample(group_members, k=min(2, len(group_members))):
                _tie(person, members[0], ["comrade"], 4, start - timedelta(days=300))
            region_people.append(person)
        # Readers and contacts: coworkers, friends, family and students handed a copy,
        # each tied to the one group member who hands them the paper.
        for _ in range(plan.readers):
            spanish = plan.country != "USA" or rng.random() < 0.35
            members = rng.choice(group_members)
            distributor = rng.choice(members)
            person = _person(
                names.make(spanish),
                region,
                workplace=distributor.workplace if rng.random() < 0.6 else None,
                city=rng.choice(plan.cities),
                spanish=spanish,
                stage=rng.choice([Stage.CONTACT, Stage.READER, Stage.READER, Stage.DISTRIBUTOR]),
                joined=start + timedelta(days=rng.randint(0, 300)),
                rng=rng,
            )
            kind = rng.choice(["coworker", "friend", "family", "student", "neighbor"])
            _tie(person, distributor, [kind], rng.randint(1, 4), start)

    pnw = Region.objects.get(name="Pacific Northwest")
    accounts = [
        ("admin", Role.ADMIN, None, None),
        ("coordinator", Role.COORDINATOR, party_member_in["Pacific Northwest"], pnw),
        ("organizer", Role.ORGANIZER, organizers["Everett Vanpool"], None),
        ("member", Role.MEMBER, first_member_of["Everett Vanpool"], None),
        ("editor", Role.EDITOR, None, None),
    ]
    for username, role, person, region in accounts:
        if not User.objects.filter(username=username).exists():
            user = User(username=username, role=role, person=person, region=region)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save()
    return {
        "people": Person.objects.count(),
        "ties": Tie.objects.count(),
        "groups": Group.objects.count(),
        "regions": Region.objects.count(),
    }
