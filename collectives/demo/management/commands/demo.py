"""``collectives demo``: load the demo world (idempotent) and print how to sign in."""

import os

from django.core.management.base import BaseCommand

from collectives.demo.data import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo organization: four regions, text groups of Boeing workers in the "
        "Pacific Northwest, about 150 people, a year of the paper. Running it again adds nothing."
    )

    def handle(self, *args, **options):
        counts = load_demo()
        try:
            from collectives.paper.demo import load_paper_demo
        except ImportError:
            load_paper_demo = None
        if load_paper_demo is not None:
            counts.update(load_paper_demo() or {})
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(f"Demo loaded: {summary}.")
        self.stdout.write("")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Sign in at http://127.0.0.1:{port}/login/ as one of:")
        for username, what in [
            ("admin", "sees everything"),
            ("coordinator", "regional coordinator of the Pacific Northwest"),
            ("organizer", "organizer of the Everett Vanpool group"),
            ("member", "a member of the Everett Vanpool group"),
            ("editor", "edits the paper"),
        ]:
            self.stdout.write(f"  {username:<12} {what}")
        self.stdout.write(f"Password for all of them: {DEMO_PASSWORD}")
