"""``collectives plan``: the cheapest introductions that knit groups into one network."""

import json

from django.core.management.base import BaseCommand, CommandError

from collectives.network.exceptions import NetworkError
from collectives.planner import services

from ._selection import (
    FILE_MODE_NOTE,
    add_selection_arguments,
    name_of,
    selection_from,
    summary_line,
)


class Command(BaseCommand):
    help = (
        "Plan the cheapest introductions that make a set of people connected (--k 1), "
        "2-edge-connected (--k 2, the default) or 2-vertex-connected (--vertex), from the "
        "database. " + FILE_MODE_NOTE % "plan"
    )

    def add_arguments(self, parser):
        add_selection_arguments(parser)
        parser.add_argument(
            "--k",
            type=int,
            choices=[1, 2],
            default=2,
            help="1: connected; 2: no single tie's loss splits it (default).",
        )
        parser.add_argument(
            "--vertex", action="store_true", help="No single person's departure splits the set."
        )
        parser.add_argument(
            "--cost",
            choices=["default", "uniform"],
            default="default",
            help="The cost model: default (friend of a friend 1, same workplace "
            "2, same city and language 3, anyone else 10) or uniform (all 1).",
        )
        parser.add_argument(
            "--max-per-person",
            type=int,
            metavar="N",
            help="At most N introductions involve any one person.",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            metavar="SECONDS",
            help="Stop the solver after this long and report how close it got.",
        )

    def handle(self, *args, **options):
        if options["vertex"] and options["k"] == 1:
            raise CommandError("--vertex asks for 2-vertex-connectivity; drop --k 1.")
        if options["max_per_person"] is not None and options["max_per_person"] < 1:
            raise CommandError("--max-per-person must be at least 1.")
        if options["time_limit"] is not None and options["time_limit"] <= 0:
            raise CommandError("--time-limit must be a positive number of seconds.")
        try:
            document = services.plan(
                selection_from(options),
                k=options["k"],
                vertex=options["vertex"],
                cost=options["cost"],
                max_per_person=options["max_per_person"],
                time_limit=options["time_limit"],
            )
        except NetworkError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False))
            return
        count = len(document["introductions"])
        self.stdout.write(
            f"{document['set']}: {count} introductions, total cost {document['total_cost']}"
        )
        for number, item in enumerate(document["introductions"], start=1):
            via = f" (ask {name_of(document, item['via'])})" if item["via"] else ""
            self.stdout.write(
                f"  {number}. {name_of(document, item['a'])} - {name_of(document, item['b'])}:"
                f" {item['reason']}, cost {item['cost']}{via}"
            )
        if document["optimal"]:
            self.stdout.write("This plan is proven to be the cheapest possible.")
        elif document["gap"] is not None:
            self.stdout.write(f"Within {document['gap']:.1%} of the best possible.")
        if document["unreachable"]:
            self.stdout.write(
                f"No allowed introduction reaches {len(document['unreachable'])} pieces."
            )
        self.stdout.write(f"Before: {summary_line(document['before'])}")
        self.stdout.write(f"After:  {summary_line(document['after'])}")
