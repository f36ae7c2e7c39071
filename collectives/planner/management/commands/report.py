"""``collectives report``: how cohesive and how fragile a set of people is."""

import json

from django.core.management.base import BaseCommand

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
        "Print the cohesion report of a set of people from the database: components, "
        "bridges and articulation points with how many people each would cut off, brokers, "
        "communities against the declared groups. " + FILE_MODE_NOTE % "report"
    )

    def add_arguments(self, parser):
        add_selection_arguments(parser)

    def handle(self, *args, **options):
        document = services.report(selection_from(options))
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False))
            return
        self.stdout.write(f"{document['set']}: {summary_line(document)}")
        for detail in document.get("articulation_details", [])[:20]:
            self.stdout.write(
                f"  {name_of(document, detail['id'])} would cut off "
                f"{detail['cut_off']} people by leaving"
            )
        for detail in document.get("bridge_details", [])[:20]:
            self.stdout.write(
                f"  the tie {name_of(document, detail['a'])} - {name_of(document, detail['b'])}"
                f" would cut off {detail['cut_off']} people if it broke"
            )
