"""``collectives import bundles FILE.csv`` and ``collectives import handouts FILE.csv``.

Every row is checked before anything is written: a bad row is reported with its line number
and the reason, and then nothing is imported, unless ``--skip-bad`` is given, which imports
the good rows. Large files go through the bulk path in ``collectives.paper.ledger``: lookups
resolved up front, rows inserted with executemany in one transaction, rollups updated once.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass, field
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from collectives import scoping
from collectives.accounts.models import User
from collectives.audit.models import AuditEntry
from collectives.paper import ledger
from collectives.paper.actions import MAX_COPIES
from collectives.paper.exports import BUNDLE_IMPORT, EXPORT_ONLY, HANDOUT_IMPORT, REQUIRED
from collectives.paper.models import Bundle, Category, Handout, Holding, PaperIssue, Tally
from collectives.people.models import Person

SHOWN_ERRORS = 200
# Looked up once: an enum's ``values`` builds a new list on every access.
CATEGORIES = frozenset(Category.values)
BUNDLE_KINDS = frozenset(Bundle.Kind.values)
KINDS = {"bundles": BUNDLE_IMPORT, "handouts": HANDOUT_IMPORT}


def _columns_help(columns: dict[str, str]) -> str:
    lines = ["columns (a header row names them; order does not matter):"]
    lines += [f"  {name:<10} {text}" for name, text in columns.items()]
    lines.append(
        "  Exports' extra columns (" + ", ".join(EXPORT_ONLY) + ") are accepted and ignored."
    )
    return "\n".join(lines)


class BadRow(Exception):
    pass


@dataclass
class Lookups:
    """Everything a row refers to, loaded once: issues by number, people by id and name."""

    issues: dict[int, PaperIssue]
    people: tuple[set[int], dict[str, int | None]]  # ids; names (None: more than one)
    recipients: tuple[set[int], dict[str, int | None]]
    today: date = field(default_factory=timezone.localdate)

    @classmethod
    def load(cls, user) -> Lookups:
        issues = {issue.number: issue for issue in PaperIssue.objects.all()}
        if user is None:
            everyone = cls._index(Person.objects.all())
            return cls(issues=issues, people=everyone, recipients=everyone)
        # As a user: copies handed on by people they manage, to people they can see.
        people = cls._index(scoping.distributing_people(user))
        return cls(
            issues=issues, people=people, recipients=cls._index(scoping.visible_people(user))
        )

    @staticmethod
    def _index(people) -> tuple[set[int], dict[str, int | None]]:
        ids: set[int] = set()
        names: dict[str, int | None] = {}
        for pk, name in people.values_list("pk", "display_name").iterator(chunk_size=10000):
            ids.add(pk)
            names[name] = None if name in names else pk
        return ids, names

    def issue(self, value: str) -> PaperIssue:
        number = int(value) if value.strip().isdigit() and len(value) < 10 else None
        issue = self.issues.get(number)
        if issue is None:
            raise BadRow(f"unknown issue {value!r}")
        if not issue.is_published:
            raise BadRow(f"issue {issue.number} is not published")
        return issue

    def person(self, value: str, column: str) -> int:
        ids, names = self.recipients if column == "recipient" else self.people
        value = value.strip()
        if value.isdigit() and len(value) < 19 and int(value) in ids:
            return int(value)
        if value in names:
            if names[value] is None:
                raise BadRow(f"{column}: more than one person is called {value!r}; use the id")
            return names[value]
        raise BadRow(f"{column}: unknown person {value!r}")

    def copies(self, value: str) -> int:
        value = value.strip()
        if not value.isdigit() or len(value) > 9 or not 1 <= int(value) <= MAX_COPIES:
            raise BadRow(f"copies: {value!r} is not a whole number from 1 to {MAX_COPIES}")
        return int(value)

    def date(self, value: str, issue: PaperIssue) -> date:
        if not value.strip():
            return issue.date
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise BadRow(f"date: {value!r} is not a date like 2025-03-31") from None
        if day > self.today:
            raise BadRow(f"date: {value} is in the future")
        return day


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


class Command(BaseCommand):
    help = (
        "Import copies taken (bundles) or handed on (handouts) from a CSV file. Every row is "
        "checked first; one bad row means nothing is imported unless --skip-bad is given."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="what", required=True, metavar="{bundles,handouts}"
        )
        for name, columns in KINDS.items():
            sub = subcommands.add_parser(
                name,
                help=f"import {name} from a CSV file",
                description=f"Import {name} from a CSV file (UTF-8, comma-separated).",
                epilog=_columns_help(columns),
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            sub.add_argument("file", help="the CSV file, or - for standard input")
            sub.add_argument(
                "--skip-bad",
                action="store_true",
                help="import the good rows and report the bad ones (default: a bad row "
                "means nothing is imported)",
            )
            sub.add_argument("--check", action="store_true", help="check every row, import nothing")
            sub.add_argument(
                "--user",
                help="record the rows as entered by this user; people are then looked up "
                "only among those the user manages (default: everyone, entered by nobody)",
            )
            sub.add_argument(
                "--progress",
                action=argparse.BooleanOptionalAction,
                default=None,
                help="show a progress bar (default: on a terminal, for files over 10,000 lines)",
            )

    def handle(self, *args, what, file, skip_bad, check, user, progress, **options):
        user = self._user(user)
        lines = _count_lines(file)
        show = progress if progress is not None else sys.stderr.isatty() and (lines or 0) > 10_000
        lookups = Lookups.load(user)
        with self._open(file) as handle:
            reader = csv.reader(handle)
            header = self._header(reader, KINDS[what])
            bar = tqdm(total=lines and lines - 1, unit=" rows", desc="checking", disable=not show)
            with bar:
                parse = self._bundle if what == "bundles" else self._handout
                rows, errors = self._parse(reader, header, lookups, parse, bar)
        with transaction.atomic():
            ledger.lock_ledger()
            rows, balance_errors = self._check_balances(what, rows)
            errors = sorted(errors + balance_errors)
            self._report(errors, skip_bad or check)
            if check:
                self.stdout.write(f"{len(rows)} good rows, {len(errors)} bad; nothing imported.")
                return
            bar = tqdm(total=len(rows), unit=" rows", desc="importing", disable=not show)
            with bar:
                write = ledger.write_bundles if what == "bundles" else ledger.write_handouts
                ids = write([row for _line, row in rows], user=user, progress=bar)
            # One audit entry for the whole file: ids only, like every entry.
            model = "paper.bundle" if what == "bundles" else "paper.handout"
            AuditEntry.objects.create(
                user=user, action="create", model=model, object_ids=ids, via="import"
            )
        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load, or the planner guesses at the new rows.
            with connection.cursor() as cursor:
                for model in (Bundle if what == "bundles" else Handout, Holding, Tally):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        skipped = f" ({len(errors)} bad rows skipped)" if errors else ""
        self.stdout.write(self.style.SUCCESS(f"Imported {len(ids)} {what} from {file}{skipped}."))

    # Reading --------------------------------------------------------------------------

    def _user(self, username):
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        return user

    def _open(self, path):
        if path == "-":
            return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
        try:
            return open(path, encoding="utf-8-sig", newline="")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None

    def _header(self, reader, columns: dict[str, str]) -> dict[str, int]:
        try:
            names = [name.strip().lower() for name in next(reader)]
        except StopIteration:
            raise CommandError("line 1: the file is empty; it needs a header row.") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"line 1: cannot read the header: {error}") from None
        unknown = [name for name in names if name not in columns and name not in EXPORT_ONLY]
        if unknown:
            raise CommandError(
                f"line 1: unknown column(s) {', '.join(unknown)}; expected {', '.join(columns)}."
            )
        kind = "bundles" if columns is BUNDLE_IMPORT else "handouts"
        missing = [name for name in REQUIRED[kind] if name not in names]
        if missing:
            raise CommandError(f"line 1: missing column(s) {', '.join(missing)}.")
        wanted = [*columns, "corrects"]
        return {name: names.index(name) for name in wanted if name in names}

    def _parse(self, reader, header, lookups, parse, bar):
        rows, errors = [], []
        corrects = header.pop("corrects", None)
        width = max(header.values()) + 1
        line = reader.line_num
        try:
            for values in reader:
                line = reader.line_num
                bar.update(1)
                if not "".join(values).strip():
                    continue  # blank lines are allowed
                if len(values) < width:
                    errors.append((line, f"expected {width} values, found {len(values)}"))
                    continue
                cells = {name: values[index] for name, index in header.items()}
                try:
                    if corrects is not None and "".join(values[corrects : corrects + 1]).strip():
                        raise BadRow("a correction: record corrections in the app, not by import")
                    rows.append((line, parse(cells, lookups)))
                except BadRow as bad:
                    errors.append((line, str(bad)))
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"line {line + 1}: cannot read the file: {error}") from None
        return rows, errors

    def _bundle(self, cells: dict, lookups: Lookups) -> ledger.BundleRow:
        issue = lookups.issue(cells["issue"])
        kind = (cells.get("kind") or "").strip().lower() or Bundle.Kind.TAKEN
        if kind not in BUNDLE_KINDS:
            raise BadRow(f"kind: {kind!r} is neither taken nor returned")
        place = (cells.get("place") or "").strip()
        if len(place) > 120:
            raise BadRow("place: longer than 120 characters")
        return ledger.BundleRow(
            issue_id=issue.pk,
            person_id=lookups.person(cells["person"], "person"),
            kind=kind,
            copies=lookups.copies(cells["copies"]),
            date=lookups.date(cells.get("date") or "", issue),
            place=place,
        )

    def _handout(self, cells: dict, lookups: Lookups) -> ledger.HandoutRow:
        issue = lookups.issue(cells["issue"])
        category = cells["category"].strip().lower()
        if category not in CATEGORIES:
            raise BadRow(f"category: {category!r} is not one of {', '.join(Category.values)}")
        person_id = lookups.person(cells["person"], "person")
        recipient = (cells.get("recipient") or "").strip()
        recipient_id = lookups.person(recipient, "recipient") if recipient else None
        if recipient_id == person_id:
            raise BadRow("recipient: the same person who handed the copies on")
        return ledger.HandoutRow(
            issue_id=issue.pk,
            person_id=person_id,
            category=category,
            copies=lookups.copies(cells["copies"]),
            date=lookups.date(cells.get("date") or "", issue),
            recipient_id=recipient_id,
        )

    # Checking and reporting -------------------------------------------------------------

    def _check_balances(self, what, rows):
        """Walk the rows in file order, keeping each person's copies on hand per issue, so
        that no row hands on (or returns) more copies than were taken."""
        holdings = ledger.load_holdings({row.issue_id for _line, row in rows})
        good, errors = [], []
        issue_numbers = {}
        for line, row in rows:
            key = (row.issue_id, row.person_id)
            taken, returned, handed = holdings.setdefault(key, [0, 0, 0])
            on_hand = taken - returned - handed
            outgoing = what == "handouts" or row.kind == Bundle.Kind.RETURNED
            if outgoing and row.copies > on_hand:
                if not issue_numbers:
                    issue_numbers = dict(PaperIssue.objects.values_list("pk", "number"))
                errors.append(
                    (
                        line,
                        f"only {on_hand} copies of issue {issue_numbers[row.issue_id]} are left "
                        f"with person {row.person_id} ({taken} taken, {returned} returned, "
                        f"{handed} handed on), not {row.copies}",
                    )
                )
                continue
            holdings[key][0 if not outgoing else (1 if what == "bundles" else 2)] += row.copies
            good.append((line, row))
        return good, errors

    def _report(self, errors, go_on: bool) -> None:
        for line, reason in errors[:SHOWN_ERRORS]:
            self.stderr.write(f"line {line}: {reason}")
        if len(errors) > SHOWN_ERRORS:
            self.stderr.write(f"... and {len(errors) - SHOWN_ERRORS} more bad rows")
        if errors and not go_on:
            raise CommandError(
                f"{len(errors)} bad row(s): nothing was imported. Fix them, or give "
                "--skip-bad to import the good rows."
            )
