"""Distribution at scale: import 1M hand-outs from CSV, then time the summary endpoint.

In one run, on a database of its own:

1. builds a synthetic organization (regions, collectives, groups, people, 12 published
   issues) and writes ``bundles.csv`` and ``handouts.csv`` (``--rows`` hand-outs);
2. times ``collectives import bundles`` and ``collectives import handouts`` (the real
   command, every row checked, the bulk write path);
3. times ``GET /api/distribution/summary`` through Django's test client (routing, auth,
   scoping, rollup queries, JSON) for one issue and for the whole organization over all
   issues, as the admin, a regional coordinator and a member;
4. times the naive baseline in the same run: the same totals aggregated in Python from
   every ledger row, and checks that both give the same numbers.

    .venv/bin/python bench/distribution.py                       # SQLite, 1,000,000 rows
    .venv/bin/python bench/distribution.py --database-url postgres://postgres@127.0.0.1:5432/collectives

SQLite runs in a temporary file. For PostgreSQL the database named in the URL is left alone:
the benchmark creates ``<name>_bench_distribution`` next to it and drops it afterwards
(``--keep`` keeps it). Targets (issue 4): import under 60 s on SQLite; the summary under
200 ms for one issue and under 1 s for the whole organization, on both databases.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["coworkers", "friends", "family", "students", "neighbors", "gate_or_event", "other"]
WEIGHTS = [8, 3, 3, 1, 1, 2, 1]
ISSUES = 12


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="hand-out rows to import")
    parser.add_argument("--people", type=int, default=20_000, help="people in the organization")
    parser.add_argument("--regions", type=int, default=8, help="regions")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per summary (median)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--seed", type=int, default=4)
    return parser.parse_args()


def set_up_database(args) -> tuple[str, callable]:
    """Point Django at a fresh database; returns a label and a clean-up function."""
    if not args.database_url:
        folder = tempfile.mkdtemp(prefix="bench-distribution-")
        os.environ["COLLECTIVES_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)

        def remove():
            if args.keep:
                print(f"kept {folder}/collectives.sqlite3")
            else:
                shutil.rmtree(folder, ignore_errors=True)

        return "SQLite " + sqlite3.sqlite_version, remove
    import psycopg

    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/") + "_bench_distribution"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
        version = connection.execute("SHOW server_version").fetchone()[0]
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))

    def drop():
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return f"PostgreSQL {version}", drop


def build_world(args, rng: random.Random):
    """Regions, collectives, groups of 8-30 members, people, accounts and 12 issues."""
    from django.utils import timezone

    from collectives.accounts.models import Role, User
    from collectives.groups.models import Collective, Group, Membership, Region
    from collectives.paper.models import Edition, PaperIssue
    from collectives.people.models import Person

    regions = Region.objects.bulk_create([Region(name=f"Region {i}") for i in range(args.regions)])
    collectives = Collective.objects.bulk_create(
        [Collective(name=f"Collective {r.pk}-{i}", region=r) for r in regions for i in range(5)]
    )
    people = Person.objects.bulk_create(
        [
            Person(display_name=f"Person {i}", region=rng.choice(regions))
            for i in range(args.people)
        ],
        batch_size=5000,
    )
    # About 85% of the people are in one group each.
    groups, memberships, start = [], [], 0
    grouped = int(len(people) * 0.85)
    while start < grouped:
        size = rng.randint(8, 30)
        region = people[start].region
        collective = rng.choice([c for c in collectives if c.region_id == region.pk] + [None])
        groups.append((Group(name=f"Group {len(groups)}", region=region, collective=collective),
                       people[start : start + size]))  # fmt: skip
        start += size
    Group.objects.bulk_create([group for group, _ in groups], batch_size=2000)
    for group, members in groups:
        for person in members:
            memberships.append(Membership(person=person, group=group))
    Membership.objects.bulk_create(memberships, batch_size=5000)
    today = timezone.localdate()
    issues = []
    for number in range(1, ISSUES + 1):
        issue = PaperIssue.objects.create(
            number=number,
            date=today - timedelta(days=30 * (ISSUES - number) + 1),
            published_at=timezone.now(),
        )
        Edition.objects.create(issue=issue, language="en")
        issues.append(issue)
    member = groups[0][1][0]
    users = {
        "admin": User.objects.create(username="bench-admin", role=Role.ADMIN, is_superuser=True),
        "coordinator": User.objects.create(
            username="bench-coordinator", role=Role.COORDINATOR, region=regions[0]
        ),
        "member": User.objects.create(username="bench-member", role=Role.MEMBER, person=member),
    }
    return people, issues, users


def write_csvs(args, rng, people, issues, folder: Path) -> tuple[Path, Path]:
    """One bundle per distributor and issue; ``--rows`` hand-outs that never exceed it."""
    per_issue = args.rows // len(issues)
    names = {person.pk: person.display_name for person in people}
    bundles_path, handouts_path = folder / "bundles.csv", folder / "handouts.csv"
    with open(bundles_path, "w", newline="") as b, open(handouts_path, "w", newline="") as h:
        bundles, handouts = csv.writer(b), csv.writer(h)
        bundles.writerow(["issue", "person", "copies", "date", "place"])
        handouts.writerow(["issue", "person", "category", "copies", "date"])
        written = 0
        for index, issue in enumerate(issues):
            rows = per_issue if index < len(issues) - 1 else args.rows - written
            distributors = rng.sample(people, k=min(len(people), max(1, rows // 6)))
            counts = defaultdict(int)
            for _ in range(rows):
                counts[rng.choice(distributors).pk] += 1
            for person_id, n in counts.items():
                copies = [rng.randint(1, 3) for _ in range(n)]
                # Every tenth person by display name, the rest by id, as files come.
                who = names[person_id] if person_id % 10 == 0 else person_id
                bundles.writerow([issue.number, who, sum(copies) + rng.randint(0, 5),
                                  issue.date, "plant gate"])  # fmt: skip
                for c in copies:
                    category = rng.choices(CATEGORIES, WEIGHTS)[0]
                    handouts.writerow([issue.number, who, category, c, issue.date])
            written += rows
    return bundles_path, handouts_path


def timed(function, repeat: int) -> tuple[float, object]:
    """Median wall time in ms over ``repeat`` runs (after one warm-up), and the last result."""
    result = function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def naive_summary(issue_id=None) -> dict:
    """The baseline: every ledger row into Python, totals computed there."""
    from collectives.paper.models import Bundle, Handout

    taken = returned = handed = 0
    by_category, by_region, distributors = defaultdict(int), defaultdict(int), set()
    bundles = Bundle.objects.all() if issue_id is None else Bundle.objects.filter(issue_id=issue_id)
    for kind, copies in bundles.values_list("kind", "copies").iterator(chunk_size=20000):
        if kind == "taken":
            taken += copies
        else:
            returned += copies
    handouts = Handout.objects.all()
    if issue_id is not None:
        handouts = handouts.filter(issue_id=issue_id)
    rows = handouts.values_list("person_id", "region_id", "category", "copies")
    for person_id, region_id, category, copies in rows.iterator(chunk_size=20000):
        handed += copies
        by_category[category] += copies
        by_region[region_id] += copies
        distributors.add(person_id)
    return {
        "taken": taken,
        "returned": returned,
        "handed_out": handed,
        "distributors": len(distributors),
        "by_category": dict(by_category),
    }


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectives.settings")
    os.environ["COLLECTIVES_DEV"] = "1"
    os.environ["DEBUG"] = "0"  # no query log: it would grow with every statement
    os.environ["SECURE_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    label, clean_up = set_up_database(args)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from collectives.paper.models import Handout

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(args.seed)
        start = time.perf_counter()
        people, issues, users = build_world(args, rng)
        with tempfile.TemporaryDirectory() as folder:
            bundles_path, handouts_path = write_csvs(args, rng, people, issues, Path(folder))
            setup = time.perf_counter() - start
            start = time.perf_counter()
            call_command("import", "bundles", str(bundles_path), "--no-progress")
            import_bundles = time.perf_counter() - start
            start = time.perf_counter()
            call_command("import", "handouts", str(handouts_path), "--no-progress")
            import_handouts = time.perf_counter() - start
        rows = Handout.objects.count()
        assert rows == args.rows, rows

        clients = {}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        last = issues[-1]

        def endpoint(role, **params):
            def get():
                response = clients[role].get("/api/distribution/summary", params)
                assert response.status_code == 200, response.content[:300]
                return response.json()

            return get

        results = []
        for title, role, params in [
            ("one issue, whole organization (admin)", "admin", {"issue": last.number}),
            ("all issues, whole organization (admin)", "admin", {}),
            ("one issue, one region (coordinator)", "coordinator", {"issue": last.number}),
            ("all issues, one region (coordinator)", "coordinator", {}),
            ("one issue, own group (member)", "member", {"issue": last.number}),
            ("all issues, own group (member)", "member", {}),
        ]:
            ms, summary = timed(endpoint(role, **params), args.repeat)
            results.append((title, ms, summary))
        naive_issue_ms, naive_issue = timed(lambda: naive_summary(last.pk), 1)
        naive_all_ms, naive_all = timed(lambda: naive_summary(), 1)
        for summary, naive in ((results[0][2], naive_issue), (results[1][2], naive_all)):
            for key in ("taken", "returned", "handed_out", "distributors"):
                assert summary["totals"][key] == naive[key], (key, summary["totals"], naive)
            categories = {row["category"]: row["copies"] for row in summary["by_category"]}
            assert {k: v for k, v in categories.items() if v} == naive["by_category"]
    finally:
        clean_up()

    print(f"# Distribution benchmark: {label}, {rows:,} hand-outs, {args.people:,} people")
    print(f"setup (world + CSV files): {setup:.1f} s")
    print(f"collectives import bundles  ({Path(bundles_path).name}): {import_bundles:6.1f} s")
    print(
        f"collectives import handouts ({rows:,} rows):    {import_handouts:6.1f} s  (target < 60 s)"
    )
    print()
    print("| GET /api/distribution/summary | median ms | naive baseline (Python) ms |")
    print("|---|---:|---:|")
    for index, (title, ms, _summary) in enumerate(results):
        naive = {0: f"{naive_issue_ms:,.0f}", 1: f"{naive_all_ms:,.0f}"}.get(index, "")
        print(f"| {title} | {ms:,.1f} | {naive} |")


if __name__ == "__main__":
    main()
