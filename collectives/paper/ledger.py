"""Writing the distribution ledger and keeping its rollups: one row at a time or in bulk.

The actions in ``actions.py`` write one row at a time under a lock on the person's holding;
the importer and the demo write many rows at once through ``write_bundles`` and
``write_handouts``, which insert with ``executemany`` and update the rollups once per key.
Neither path checks permissions: callers do. Both keep the rollups (``Holding``, ``Tally``)
equal to what ``rebuild_rollups`` would compute from the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone

from collectives.groups.models import Membership
from collectives.people.models import Person, Stage, StageStep

from .models import Bundle, Handout, Holding, Tally

__all__ = [
    "attribution",
    "attributions",
    "lock_holding",
    "add_to_tally",
    "climb",
    "BundleRow",
    "HandoutRow",
    "lock_ledger",
    "write_bundles",
    "write_handouts",
    "rebuild_rollups",
]

BATCH = 5000


# Attribution: which group and region a person's copies count for ------------------------


def attributions(person_ids: Iterable[int]) -> dict[int, tuple[int | None, int]]:
    """``{person_id: (group_id, region_id)}``: the group they joined first, else no group.

    The region is the group's, or the person's own when they are in no group.
    """
    person_ids = sorted(set(person_ids))
    result: dict[int, tuple[int | None, int]] = {}
    for chunk in _chunks(person_ids):
        memberships = (
            Membership.objects.filter(person_id__in=chunk)
            .order_by("person_id", "joined", "id")
            .values_list("person_id", "group_id", "group__region_id")
        )
        for person_id, group_id, region_id in memberships:
            result.setdefault(person_id, (group_id, region_id))
    missing = sorted(set(person_ids) - result.keys())
    for chunk in _chunks(missing):
        people = Person.objects.filter(pk__in=chunk).values_list("pk", "region_id")
        for person_id, region_id in people:
            result[person_id] = (None, region_id)
    return result


def _chunks(items: list, size: int = 2000):
    # Bounded IN lists: SQLite limits the number of parameters in one statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def attribution(person: Person) -> tuple[int | None, int]:
    return attributions([person.pk])[person.pk]


# One row at a time ----------------------------------------------------------------------


def lock_holding(issue, person, *, create: bool) -> Holding | None:
    """The person's holding of the issue, locked until the transaction ends.

    On PostgreSQL ``select_for_update`` makes concurrent writers for the same person and
    issue wait their turn; SQLite's IMMEDIATE transactions already serialize all writers.
    """
    locked = Holding.objects.select_for_update().filter(issue=issue, person=person)
    holding = locked.first()
    if holding is None and create:
        group_id, region_id = attribution(person)
        try:
            with transaction.atomic():
                holding = Holding.objects.create(
                    issue=issue, person=person, group_id=group_id, region_id=region_id
                )
        except IntegrityError:
            # A concurrent first bundle created it between our read and our insert.
            holding = locked.get()
    return holding


def add_to_tally(*, issue_id, region_id, group_id, category, copies, handouts) -> None:
    key = Q(issue_id=issue_id, region_id=region_id, category=category) & (
        Q(group_id=group_id) if group_id else Q(group__isnull=True)
    )
    changed = Tally.objects.filter(key).update(
        copies=F("copies") + copies, handouts=F("handouts") + handouts
    )
    if changed:
        return
    try:
        with transaction.atomic():
            Tally.objects.create(
                issue_id=issue_id,
                region_id=region_id,
                group_id=group_id,
                category=category,
                copies=copies,
                handouts=handouts,
            )
    except IntegrityError:
        # Another writer created the row first; add to theirs.
        Tally.objects.filter(key).update(
            copies=F("copies") + copies, handouts=F("handouts") + handouts
        )


def climb(person: Person, stage: str, *, on: date, user) -> StageStep | None:
    """Move a person up the ladder to ``stage``; never down, never twice."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if Stage.rank(person.stage) >= Stage.rank(stage):
        return None
    step = StageStep.objects.create(person=person, stage=stage, date=on, recorded_by=user)
    Person.objects.filter(pk=person.pk).update(stage=stage)
    return step


# In bulk --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BundleRow:
    issue_id: int
    person_id: int
    kind: str
    copies: int
    date: date
    place: str = ""


@dataclass(frozen=True, slots=True)
class HandoutRow:
    issue_id: int
    person_id: int
    category: str
    copies: int
    date: date
    recipient_id: int | None = None


def lock_ledger() -> None:
    """Keep other writers out of the ledger until the transaction ends.

    SQLite's IMMEDIATE transactions already do; on PostgreSQL a bulk import takes a table
    lock that lets readers through but makes the actions wait, so the balances it checked
    cannot change under it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Holding, Bundle, Handout, Tally):
                cursor.execute(
                    f"LOCK TABLE {connection.ops.quote_name(model._meta.db_table)} "
                    "IN SHARE ROW EXCLUSIVE MODE"
                )


def load_holdings(issue_ids: Iterable[int]) -> dict[tuple[int, int], list[int]]:
    """``{(issue_id, person_id): [taken, returned, handed_out]}`` for the given issues."""
    rows = Holding.objects.filter(issue_id__in=set(issue_ids)).values_list(
        "issue_id", "person_id", "taken", "returned", "handed_out"
    )
    return {(i, p): [t, r, h] for i, p, t, r, h in rows}


def _insert(model, columns: list[str], rows: Iterable[tuple], progress=None) -> None:
    """INSERT many rows without model instances: COPY on PostgreSQL, else executemany in
    batches of ``BATCH``."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            count = 0
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for count, row in enumerate(rows, start=1):  # noqa: B007 (count is used below)
                    copy.write_row(row)
                    if progress is not None and count % BATCH == 0:
                        progress.update(BATCH)
            if progress is not None:
                progress.update(count % BATCH)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                if progress is not None:
                    progress.update(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            if progress is not None:
                progress.update(len(batch))


def _max_pk(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _add_many(model, fields: list[str], rows: list[tuple]) -> None:
    """``UPDATE ... SET f = f + %s ... WHERE id = %s`` for each row (deltas..., pk), with
    executemany: additions in SQL, so the rollups' check constraints see every result."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f)} = {quote(f)} + %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote('id')} = %s"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _apply_holdings(changes: dict[tuple[int, int], list[int]], place: dict) -> None:
    """Add ``{(issue, person): [taken, returned, handed_out]}`` to the holdings; new ones
    are created where ``place`` says."""
    if not changes:
        return
    existing = {
        (issue_id, person_id): pk
        for pk, issue_id, person_id in Holding.objects.filter(
            issue_id__in={issue_id for issue_id, _ in changes}
        ).values_list("pk", "issue_id", "person_id")
    }
    to_update, to_create = [], []
    for key, (taken, returned, handed_out) in changes.items():
        pk = existing.get(key)
        if pk is None:
            to_create.append((*key, *place[key], taken, returned, handed_out))
        else:
            to_update.append((taken, returned, handed_out, pk))
    columns = ["issue_id", "person_id", "group_id", "region_id", "taken", "returned"]
    _insert(Holding, [*columns, "handed_out"], to_create)
    _add_many(Holding, ["taken", "returned", "handed_out"], to_update)


def _apply_tallies(changes: dict[tuple, list[int]]) -> None:
    """Add ``{(issue, region, group, category): [copies, handouts]}`` to the tallies."""
    if not changes:
        return
    existing = {
        (issue_id, region_id, group_id, category): pk
        for pk, issue_id, region_id, group_id, category in Tally.objects.filter(
            issue_id__in={key[0] for key in changes}
        ).values_list("pk", "issue_id", "region_id", "group_id", "category")
    }
    to_update, to_create = [], []
    for key, (copies, handouts) in changes.items():
        pk = existing.get(key)
        if pk is None:
            issue_id, region_id, group_id, category = key
            to_create.append(
                Tally(
                    issue_id=issue_id,
                    region_id=region_id,
                    group_id=group_id,
                    category=category,
                    copies=copies,
                    handouts=handouts,
                )
            )
        else:
            to_update.append((copies, handouts, pk))
    Tally.objects.bulk_create(to_create, batch_size=BATCH)
    _add_many(Tally, ["copies", "handouts"], to_update)


def _climb_many(first_dates: dict[int, date], stage: str, *, user) -> int:
    """Move everyone in ``{person_id: date}`` below ``stage`` up to it; return how many."""
    rank = Stage.rank(stage)
    below = [s for s in Stage.values if Stage.rank(s) < rank]
    climbing = [
        pk
        for chunk in _chunks(sorted(first_dates))
        for pk in Person.objects.filter(pk__in=chunk, stage__in=below).values_list("pk", flat=True)
    ]
    StageStep.objects.bulk_create(
        [
            StageStep(person_id=pk, stage=stage, date=first_dates[pk], recorded_by=user)
            for pk in climbing
        ],
        batch_size=BATCH,
    )
    for chunk in _chunks(climbing):
        Person.objects.filter(pk__in=chunk).update(stage=stage)
    return len(climbing)


def _places(rows) -> dict[tuple[int, int], tuple[int | None, int]]:
    """Where each row's copies count: where its holding counts them, else where the
    person is now (a new holding will be created there)."""
    keys = {(row.issue_id, row.person_id) for row in rows}
    existing = Holding.objects.filter(issue_id__in={issue_id for issue_id, _ in keys})
    place = {
        (i, p): (g, r)
        for i, p, g, r in existing.values_list("issue_id", "person_id", "group_id", "region_id")
        if (i, p) in keys
    }
    new_people = {person_id for key in keys - place.keys() for person_id in [key[1]]}
    where = attributions(new_people)
    for key in keys - place.keys():
        place[key] = where[key[1]]
    return place


def write_bundles(rows: list[BundleRow], *, user=None, progress=None) -> list[int]:
    """Insert checked bundle rows and update the holdings. Call inside a transaction
    that has taken ``lock_ledger()``; returns the new rows' ids."""
    place = _places(rows)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    adapt_date = connection.ops.adapt_datefield_value
    changes: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        changes[(row.issue_id, row.person_id)][0 if row.kind == Bundle.Kind.TAKEN else 1] += (
            row.copies
        )
    before = _max_pk(Bundle)
    user_id = user.pk if user else None
    values = (
        (
            row.issue_id,
            row.person_id,
            *place[(row.issue_id, row.person_id)],
            row.kind,
            row.copies,
            adapt_date(row.date),
            row.place,
            "",
            user_id,
            now,
        )
        for row in rows
    )
    columns = ["issue_id", "person_id", "group_id", "region_id", "kind", "copies", "date"]
    columns += ["place", "reason", "recorded_by_id", "recorded_at"]
    _insert(Bundle, columns, values, progress)
    _apply_holdings(changes, place)
    return list(Bundle.objects.filter(pk__gt=before).values_list("pk", flat=True))


def write_handouts(rows: list[HandoutRow], *, user=None, progress=None) -> list[int]:
    """Insert checked hand-out rows, update holdings and tallies, and move first-time
    distributors (and contacts who received a copy) up the ladder. Call inside a
    transaction that has taken ``lock_ledger()``; returns the new rows' ids."""
    # Hand-outs follow a bundle, so each (issue, person) already has a holding and the
    # rows count for the same group and region as it does.
    place = _places(rows)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    adapt_date = connection.ops.adapt_datefield_value
    holding_changes: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    tally_changes: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    first_handout: dict[int, date] = {}
    first_received: dict[int, date] = {}
    for row in rows:
        group_id, region_id = place[(row.issue_id, row.person_id)]
        holding_changes[(row.issue_id, row.person_id)][2] += row.copies
        tally = tally_changes[(row.issue_id, region_id, group_id, row.category)]
        tally[0] += row.copies
        tally[1] += 1
        if row.date < first_handout.get(row.person_id, date.max):
            first_handout[row.person_id] = row.date
        if row.recipient_id and row.date < first_received.get(row.recipient_id, date.max):
            first_received[row.recipient_id] = row.date
    before = _max_pk(Handout)
    user_id = user.pk if user else None

    def values():
        for row in rows:
            group_id, region_id = place[(row.issue_id, row.person_id)]
            yield (
                row.issue_id,
                row.person_id,
                group_id,
                region_id,
                row.category,
                row.recipient_id,
                row.copies,
                adapt_date(row.date),
                "",
                user_id,
                now,
            )

    columns = ["issue_id", "person_id", "group_id", "region_id", "category", "recipient_id"]
    columns += ["copies", "date", "reason", "recorded_by_id", "recorded_at"]
    _insert(Handout, columns, values(), progress)
    _apply_holdings(holding_changes, place)
    _apply_tallies(tally_changes)
    _climb_many(first_handout, Stage.DISTRIBUTOR, user=user)
    _climb_many(first_received, Stage.READER, user=user)
    return list(Handout.objects.filter(pk__gt=before).values_list("pk", flat=True))


# Rebuilding -----------------------------------------------------------------------------


@transaction.atomic
def rebuild_rollups() -> None:
    """Recompute holdings and tallies from the ledger (after a restore, or to check them)."""
    lock_ledger()
    Tally.objects.all().delete()
    Holding.objects.all().delete()
    holdings: dict[tuple[int, int], Holding] = {}

    def holding(issue_id, person_id, group_id, region_id) -> Holding:
        key = (issue_id, person_id)
        if key not in holdings:
            holdings[key] = Holding(
                issue_id=issue_id, person_id=person_id, group_id=group_id, region_id=region_id
            )
        return holdings[key]

    # Every row of one (issue, person) carries the same group and region; the earliest
    # row's are used in case an old row disagrees.
    bundles = (
        Bundle.objects.values("issue_id", "person_id", "group_id", "region_id", "kind")
        .annotate(copies=Sum("copies"), first=Min("id"))
        .order_by("first")
    )
    for row in bundles:
        h = holding(row["issue_id"], row["person_id"], row["group_id"], row["region_id"])
        if row["kind"] == Bundle.Kind.TAKEN:
            h.taken += row["copies"]
        else:
            h.returned += row["copies"]
    tallies: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    handouts = Handout.objects.values(
        "issue_id", "person_id", "group_id", "region_id", "category"
    ).annotate(copies=Sum("copies"), first=Min("id"))
    for row in handouts.order_by("first"):
        h = holding(row["issue_id"], row["person_id"], row["group_id"], row["region_id"])
        h.handed_out += row["copies"]
        key = (row["issue_id"], h.region_id, h.group_id, row["category"])
        tallies[key][0] += row["copies"]
    counts = (
        Handout.objects.filter(corrects__isnull=True)
        .values("issue_id", "person_id", "category")
        .annotate(n=Count("id"))
    )
    for row in counts:
        h = holdings[(row["issue_id"], row["person_id"])]
        tallies[(row["issue_id"], h.region_id, h.group_id, row["category"])][1] += row["n"]
    Holding.objects.bulk_create(holdings.values(), batch_size=BATCH)
    Tally.objects.bulk_create(
        [
            Tally(issue_id=i, region_id=r, group_id=g, category=c, copies=n, handouts=k)
            for (i, r, g, c), (n, k) in tallies.items()
        ],
        batch_size=BATCH,
    )
