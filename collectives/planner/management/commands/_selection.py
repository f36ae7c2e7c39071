"""Shared options of ``collectives plan`` and ``collectives report`` over the database."""

from django.core.management.base import CommandError

from collectives.groups.models import Collective, Group, Region
from collectives.planner.adapter import Selection, select_everything

FILE_MODE_NOTE = (
    "With --ties FILE it works on CSV files instead of the database; "
    "see `collectives %s --ties FILE --help`."
)


def add_selection_arguments(parser) -> None:
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME",
        help="A text group by name (repeatable): the set is the union of their members.",
    )
    chosen.add_argument(
        "--collective", metavar="NAME", help="A collective: the members of its groups."
    )
    chosen.add_argument(
        "--region", metavar="NAME", help="A region: everyone in it and in its groups."
    )
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")


def _one(model, name: str, what: str):
    matches = list(model.objects.filter(name=name))
    if not matches:
        raise CommandError(f"There is no {what} named {name!r}.")
    if len(matches) > 1:
        raise CommandError(f"Several {what}s are named {name!r}; rename one to tell them apart.")
    return matches[0]


def selection_from(options) -> Selection:
    groups = [_one(Group, name, "group") for name in options["group"]]
    collective = (
        _one(Collective, options["collective"], "collective") if options["collective"] else None
    )
    region = _one(Region, options["region"], "region") if options["region"] else None
    return select_everything(groups=groups, collective=collective, region=region)


def name_of(document: dict, person_id: str | None) -> str:
    if person_id is None:
        return ""
    return f"{document['names'].get(person_id, '?')} (#{person_id})"


def summary_line(report: dict) -> str:
    return (
        f"{report['people']} people, {report['ties']} ties, {report['components']} components, "
        f"{len(report['bridges'])} bridges, {len(report['articulation_points'])} "
        "articulation points"
    )
