"""``collectives rebuild_rollups``: recompute holdings and tallies from the ledger."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collectives.paper import ledger
from collectives.paper.models import Holding, Tally


def _snapshot() -> tuple[set, set]:
    holdings = set(
        Holding.objects.values_list(
            "issue_id", "person_id", "group_id", "region_id", "taken", "returned", "handed_out"
        )
    )
    tallies = set(
        Tally.objects.values_list(
            "issue_id", "region_id", "group_id", "category", "copies", "handouts"
        )
    )
    return holdings, tallies


class Command(BaseCommand):
    help = (
        "Recompute the distribution rollups (holdings per issue and person, tallies per "
        "issue, region, group and category) from the bundles and hand-outs, e.g. after "
        "restoring a backup. The ledger itself is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="only report whether the rollups match the ledger; exit 1 if they do not",
        )

    def handle(self, *args, check, **options):
        with transaction.atomic():
            before = _snapshot()
            ledger.rebuild_rollups()
            after = _snapshot()
            differ = sum(len(a ^ b) for a, b in zip(before, after, strict=True))
            if check:
                transaction.set_rollback(True)
        if check and differ:
            raise CommandError(f"The rollups differ from the ledger in {differ} rows.")
        sizes = f"{len(after[0])} holdings, {len(after[1])} tallies"
        if check:
            self.stdout.write(f"The rollups match the ledger: {sizes}.")
        else:
            self.stdout.write(f"Rebuilt the rollups: {sizes} ({differ} rows changed).")
