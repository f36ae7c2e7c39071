"""A year of the paper for the demo: twelve bilingual issues, bundles and hand-outs.

The story: each of the three Boeing text groups in the Pacific Northwest starts the year with
one member handing the paper on; issue by issue more members take copies for their coworkers,
friends and families, until most of each group distributes. Readers tied to the groups get
copies, a few new contacts are met on the spot, and some readers start distributing too. The
other regions' groups hand the paper on steadily.

``load_paper_demo`` works on the people and groups the demo already loaded, writes through the
same bulk path as ``collectives import``, and is idempotent: issues are keyed by number and
the distribution is written only for issues that have none yet.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from collectives.groups.models import Group, Membership, Region
from collectives.people.models import Person, Stage, StageStep, Tie, TieSource

from . import ledger
from .models import Article, Bundle, Category, Edition, Handout, PaperIssue

__all__ = ["load_paper_demo", "boeing_groups"]

ISSUES = 12

# (English title, English body, Spanish title, Spanish body): one lead story per issue.
LEAD_STORIES = [
    (
        "The contract is coming. Are we ready?",
        "Our contract with Boeing runs out next year, and the company is already preparing. "
        "**We should be too.**\n\nIn the vanpool, at Thursday dinners, on second shift: "
        "every conversation about the contract is a chance to bring one more coworker in.",
        "Se acerca el contrato. ¿Estamos listos?",
        "Nuestro contrato con Boeing vence el próximo año y la empresa ya se prepara. "
        "**Nosotros también deberíamos.**\n\nEn la camioneta compartida, en las cenas de los "
        "jueves, en el segundo turno: cada conversación sobre el contrato es una oportunidad.",
    ),
    (
        "Mandatory overtime, again",
        "Three weekends in a row. Families see less of us, and the line runs faster.\n\n"
        '> "They schedule us like machines," said a mechanic on the 777 line.\n\n'
        "Who decides how long we work? This issue asks, and answers.",
        "Horas extra obligatorias, otra vez",
        "Tres fines de semana seguidos. Las familias nos ven menos y la línea va más rápido."
        '\n\n> "Nos programan como máquinas", dijo un mecánico de la línea 777.\n\n'
        "¿Quién decide cuánto trabajamos? Este número lo pregunta y lo responde.",
    ),
    (
        "Rent is eating our raises",
        "Rents in Snohomish County rose faster than our wages for the third year running. "
        "A raise that goes straight to the landlord is not a raise.",
        "La renta se come nuestros aumentos",
        "Las rentas en el condado de Snohomish subieron más que nuestros salarios por tercer "
        "año consecutivo. Un aumento que va directo al casero no es un aumento.",
    ),
    (
        "Safety is not a slogan",
        "A near miss in the paint hangar. A report filed, and nothing changed.\n\n"
        "1. Write it down.\n2. Tell your coworkers.\n3. Bring it to your group.",
        "La seguridad no es un lema",
        "Un casi accidente en el hangar de pintura. Un reporte y nada cambió.\n\n"
        "1. Anótalo.\n2. Cuéntaselo a tus compañeros.\n3. Llévalo a tu grupo.",
    ),
    (
        "What a text group is for",
        "A text group is a handful of coworkers who read the paper together and talk it "
        "over. It is also the start of something bigger: a network that can act together.",
        "Para qué sirve un grupo de lectura",
        "Un grupo de lectura es un puñado de compañeros que leen el periódico juntos y lo "
        "discuten. También es el comienzo de algo más grande: una red que puede actuar unida.",
    ),
    (
        "May Day: from the plant gate to the streets",
        "This May Day we handed out more copies at the Everett gate than ever before. "
        "Coworkers stopped, read, and asked for more for their families.",
        "Primero de Mayo: de la puerta de la planta a las calles",
        "Este Primero de Mayo repartimos más ejemplares que nunca en la puerta de Everett. "
        "Los compañeros se detenían, leían y pedían más para sus familias.",
    ),
    (
        "Heat on the line",
        "Summer in the factory means ninety degrees by noon. Water breaks are not a favor.",
        "Calor en la línea",
        "El verano en la fábrica significa treinta y dos grados al mediodía. Las pausas para "
        "tomar agua no son un favor.",
    ),
    (
        "Three groups, one collective",
        "The vanpool, the Thursday dinners and second shift have started meeting together. "
        "What one group knows, all three can use.",
        "Tres grupos, un colectivo",
        "La camioneta, las cenas de los jueves y el segundo turno empezaron a reunirse. Lo que "
        "sabe un grupo, lo pueden usar los tres.",
    ),
    (
        "Back to school, back to the bills",
        "School supplies, bus passes, rent: September hits our paychecks hard. Our kids' "
        "teachers are workers too, and they are organizing.",
        "Vuelta a clases, vuelta a las cuentas",
        "Útiles escolares, pases de autobús, renta: septiembre golpea nuestros sueldos. Los "
        "maestros de nuestros hijos también son trabajadores, y se están organizando.",
    ),
    (
        "Who reads the paper?",
        "Coworkers, friends, family, students, neighbors. Every copy handed on is a "
        "conversation started. This month we count them, group by group.",
        "¿Quién lee el periódico?",
        "Compañeros, amigos, familia, estudiantes, vecinos. Cada ejemplar entregado es una "
        "conversación que empieza. Este mes los contamos, grupo por grupo.",
    ),
    (
        "The vote is ours",
        "The company's offer arrived. Read it with your group before anyone tells you what "
        "it means.",
        "El voto es nuestro",
        "Llegó la oferta de la empresa. Léela con tu grupo antes de que alguien te diga lo que "
        "significa.",
    ),
    (
        "A year of hand-outs",
        "A year ago each of our three groups had one person handing out the paper. Today "
        "most members do. Thank you to every reader who passed it on.",
        "Un año de reparto",
        "Hace un año cada uno de nuestros tres grupos tenía una persona repartiendo el "
        "periódico. Hoy lo hace la mayoría. Gracias a cada lector que lo pasó.",
    ),
]

# Stories written in Spanish first, from the other cells, with their English translation.
CELL_STORIES = [
    (
        "Metro de la Ciudad de México: el taller de Zaragoza se organiza",
        "Los trabajadores del taller de Zaragoza leen el periódico en el descanso y lo "
        "llevan a casa.",
        "Mexico City Metro: the Zaragoza workshop organizes",
        "Workers at the Zaragoza workshop read the paper on their break and take it home.",
    ),
    (
        "Martorell: turnos de noche y cadenas de montaje",
        "En la planta de SEAT, el turno de noche comparte cada número de mano en mano.",
        "Martorell: night shifts and assembly lines",
        "At the SEAT plant, the night shift passes every issue from hand to hand.",
    ),
    (
        "Estudiantes de la UNAM con los trabajadores",
        "Un grupo de estudiantes reparte el periódico en las puertas de las fábricas.",
        "UNAM students with the workers",
        "A group of students hands out the paper at the factory gates.",
    ),
]
NEW_CONTACT_NAMES = [
    "Reggie T.", "Marisol P.", "Dwayne K.", "Lupita G.", "Travis M.", "Keisha W.",
    "Armando R.", "Becky S.", "Jamal H.", "Rocío D.", "Cody B.", "Teresa V.",
]  # fmt: skip
BOEING_WEIGHTS = {
    Category.COWORKERS: 8,
    Category.FRIENDS: 3,
    Category.FAMILY: 3,
    Category.NEIGHBORS: 1,
    Category.GATE_OR_EVENT: 2,
    Category.STUDENTS: 1,
    Category.OTHER: 1,
}
CELL_WEIGHTS = {
    Category.COWORKERS: 5,
    Category.FRIENDS: 3,
    Category.FAMILY: 3,
    Category.NEIGHBORS: 2,
    Category.GATE_OR_EVENT: 2,
    Category.STUDENTS: 3,
    Category.OTHER: 1,
}


def boeing_groups() -> list[Group]:
    """The Pacific Northwest groups whose members mostly work at a Boeing plant."""
    groups = (
        Group.objects.filter(region__name="Pacific Northwest")
        .annotate(
            members=Count("memberships"),
            at_boeing=Count(
                "memberships",
                filter=Q(memberships__person__workplace__name__startswith="Boeing"),
            ),
        )
        .order_by("name")
    )
    return [group for group in groups if group.members and 2 * group.at_boeing >= group.members]


def _issue_dates(today: date) -> list[date]:
    """The first of each of the last twelve months, the oldest first."""
    dates, month = [], today.replace(day=1)
    for _ in range(ISSUES):
        dates.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return dates[::-1]


def _load_issues(today: date) -> list[PaperIssue]:
    issues = []
    for number, issue_date in enumerate(_issue_dates(today), start=1):
        issue, created = PaperIssue.objects.get_or_create(
            number=number,
            defaults={
                "date": issue_date,
                "published_at": timezone.make_aware(
                    timezone.datetime.combine(issue_date, timezone.datetime.min.time())
                )
                + timedelta(hours=9),
            },
        )
        if created:
            _write_articles(issue, number)
        issues.append(issue)
    return issues


def _write_articles(issue: PaperIssue, number: int) -> None:
    english = Edition.objects.create(issue=issue, language="en", title=f"Red Flag No. {number}")
    spanish = Edition.objects.create(issue=issue, language="es", title=f"Bandera Roja No. {number}")
    pnw = Region.objects.filter(name="Pacific Northwest").first()
    title_en, body_en, title_es, body_es = LEAD_STORIES[(number - 1) % len(LEAD_STORIES)]
    lead = Article.objects.create(edition=english, title=title_en, body=body_en, region=pnw)
    Article.objects.create(
        edition=spanish, title=title_es, body=body_es, region=pnw, translation_of=lead
    )
    if number % 2 == 0:
        title_es, body_es, title_en, body_en = CELL_STORIES[(number // 2 - 1) % len(CELL_STORIES)]
        region = Region.objects.filter(
            name="Spain" if "Martorell" in title_en else "Mexico City"
        ).first()
        original = Article.objects.create(
            edition=spanish, title=title_es, body=body_es, region=region, position=1
        )
        Article.objects.create(
            edition=english,
            title=title_en,
            body=body_en,
            region=region,
            position=1,
            translation_of=original,
        )


def _members(group: Group) -> list[Person]:
    """Organizer first, then members in the order they joined."""
    memberships = group.memberships.select_related("person").order_by("-role", "joined", "id")
    return [m.person for m in memberships]


def _handing(count: int, issue_index: int, *, start: int, end: int) -> int:
    """How many members hand copies on in issue ``issue_index`` (0-based), growing steadily
    from ``start`` to ``end`` over the year."""
    return min(count, start + round((end - start) * issue_index / (ISSUES - 1)))


def _split(rng: random.Random, copies: int, weights: dict) -> list[tuple[str, int]]:
    """Hand ``copies`` on in a few hand-outs to weighted categories."""
    parts, left = [], copies
    while left > 0:
        n = min(left, rng.randint(1, 4))
        parts.append((rng.choices(list(weights), weights=list(weights.values()))[0], n))
        left -= n
    return parts


def _tied_contacts(person: Person) -> list[int]:
    ties = Tie.objects.touching(person).values_list("person_a_id", "person_b_id")
    others = {a if b == person.pk else b for a, b in ties}
    return list(
        Person.objects.filter(
            pk__in=others, stage__in=[Stage.CONTACT, Stage.READER], memberships__isnull=True
        ).values_list("pk", flat=True)
    )


def _new_contact(rng, distributor: Person, name: str, on: date, category: str) -> Person | None:
    """Someone met while handing out the paper: a reader with a tie, like the action does."""
    if Person.objects.filter(display_name=name, region=distributor.region).exists():
        return None
    person = Person.objects.create(
        display_name=name,
        region=distributor.region,
        workplace=distributor.workplace if category == Category.COWORKERS else None,
        city=distributor.city,
        languages=distributor.languages or ["en"],
        stage=Stage.READER,
        created=timezone.make_aware(timezone.datetime.combine(on, timezone.datetime.min.time())),
    )
    StageStep.objects.create(person=person, stage=Stage.READER, date=on)
    first, second = sorted([distributor, person], key=lambda p: p.pk)
    kind = "coworker" if category == Category.COWORKERS else "friend"
    Tie.objects.create(
        person_a=first, person_b=second, kinds=[kind], strength=2, since=on,
        source=TieSource.ENTERED,
    )  # fmt: skip
    return person


def _plan(rng, issues, today):
    """Bundles and hand-outs for every issue that has none yet, oldest first."""
    bundles: list[ledger.BundleRow] = []
    handouts: list[ledger.HandoutRow] = []
    boeing = boeing_groups()
    others = list(Group.objects.exclude(pk__in=[g.pk for g in boeing]).order_by("name"))
    new_names = iter(NEW_CONTACT_NAMES)
    readers_distributing: list[int] = []
    for index, issue in enumerate(issues):
        current = index + 1 == len(issues)
        following = issues[index + 1].date if not current else today + timedelta(1)
        last_day = min(following - timedelta(days=1), today)

        def day(rng=rng, issue=issue, last_day=last_day) -> date:
            return issue.date + timedelta(days=rng.randint(0, (last_day - issue.date).days))

        plan = [(g, BOEING_WEIGHTS, 1, None) for g in boeing]
        plan += [(g, CELL_WEIGHTS, 1, 3) for g in others]
        for group, weights, start, end in plan:
            members = _members(group)
            if not members:
                continue
            target = end if end is not None else max(1, round(len(members) * 0.8))
            for person in members[: _handing(len(members), index, start=start, end=target)]:
                copies = rng.randint(6, 14) if weights is BOEING_WEIGHTS else rng.randint(4, 10)
                taken_on = issue.date + timedelta(days=rng.randint(0, 2))
                taken_on = min(taken_on, last_day)
                bundles.append(ledger.BundleRow(issue.pk, person.pk, "taken", copies, taken_on))
                if current:
                    # The latest issue is still going round: copies left on hand to log.
                    handed = copies - rng.randint(2, 4)
                else:
                    handed = copies - (rng.randint(1, 2) if rng.random() < 0.2 else 0)
                contacts = _tied_contacts(person)
                for category, n in _split(rng, handed, weights):
                    recipient = None
                    if n == 1 and contacts and rng.random() < 0.5:
                        recipient = rng.choice(contacts)
                    handouts.append(
                        ledger.HandoutRow(issue.pk, person.pk, category, n, day(), recipient)
                    )
                if handed < copies and not current:
                    returned_on = last_day
                    bundles.append(
                        ledger.BundleRow(
                            issue.pk, person.pk, "returned", copies - handed, returned_on
                        )
                    )
                # Every other month in the Boeing groups, someone new is met on the spot.
                if weights is BOEING_WEIGHTS and rng.random() < 0.08:
                    name = next(new_names, None)
                    met = name and _new_contact(rng, person, name, day(), Category.COWORKERS)
                    if met and len(readers_distributing) < 4:
                        readers_distributing.append(met.pk)
        # Readers met along the way start handing copies on to their own friends.
        for reader_id in readers_distributing[: max(0, index - 5)]:
            bundles.append(ledger.BundleRow(issue.pk, reader_id, "taken", 3, issue.date))
            handouts.append(ledger.HandoutRow(issue.pk, reader_id, Category.FRIENDS, 3, day()))
    return bundles, handouts


@transaction.atomic
def load_paper_demo(*, rng_seed: int = 1917, today: date | None = None) -> dict[str, int]:
    """Load a year of the paper and its distribution; returns counts of what exists."""
    today = today or timezone.localdate()
    rng = random.Random(rng_seed)
    issues = _load_issues(today)
    fresh = [i for i in issues if not Bundle.objects.filter(issue=i).exists()]
    if fresh and Membership.objects.exists():
        ledger.lock_ledger()
        bundles, handouts = _plan(rng, fresh, today)
        # Taken bundles first: returns and hand-outs are checked against them.
        ledger.write_bundles([b for b in bundles if b.kind == "taken"])
        ledger.write_bundles([b for b in bundles if b.kind == "returned"])
        ledger.write_handouts(handouts)
    return {
        # People and ties again: new contacts met while handing out the paper count too.
        "people": Person.objects.count(),
        "ties": Tie.objects.count(),
        "issues": PaperIssue.objects.count(),
        "bundles": Bundle.objects.count(),
        "hand-outs": Handout.objects.count(),
    }
