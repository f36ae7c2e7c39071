"""The engine's command line: ``plan`` and ``report`` over CSV files.

Pure Python, no Django: ``collectives plan --ties ...`` and ``collectives report --ties ...``
are routed here by ``collectives.cli``, and ``python -m collectives.network.cli`` works too.
Everything is computed before anything is printed, so bad input leaves stdout empty.
"""

from __future__ import annotations

import argparse
import json
import sys

from .cohesion import cohesion_report, structure_report
from .exceptions import InputError, NetworkError
from .graph import with_ties
from .io import load_inputs

__all__ = ["build_parser", "main"]

# Text output lists at most this many bridges, articulation points and introductions'
# worth of detail lines per section; --json always has everything.
_SHOWN = 20


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text}")
    return value


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text}")
    return value


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    files = parser.add_argument_group("input files (CSV, UTF-8, header row required)")
    files.add_argument(
        "--ties",
        required=True,
        metavar="TIES.csv",
        help="who knows whom: columns a,b[,kind][,strength], one row per tie; a tie may be "
        "listed once, in either order; strength is a number >= 0",
    )
    files.add_argument(
        "--people",
        metavar="PEOPLE.csv",
        help="everyone, with what the cost model uses: columns id[,workplace][,city]"
        "[,languages], languages separated by ';'. With it, every id in the other files "
        "must be listed here; without it, the people are those the ties and groups name",
    )
    files.add_argument(
        "--groups",
        metavar="GROUPS.csv",
        help="declared groups: columns person,group, one row per membership. With it the "
        "set to work on is the union of the groups' members; without it, everyone",
    )
    files.add_argument(
        "--only",
        nargs="+",
        metavar="GROUP",
        help="work on the members of these groups only (names as in --groups)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print exactly one JSON object instead of readable text",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``collectives plan`` and ``collectives report``."""
    parser = argparse.ArgumentParser(
        prog="collectives",
        description="Analyse and knit together a network of people from CSV files. "
        "Bad input is reported as 'error: FILE, line N: ...' with exit status 2.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser(
        "plan",
        help="the cheapest introductions that make the set connected or resilient",
        description="Find the cheapest set of new ties (introductions) that makes the set "
        "of people reach the target: connected (--k 1), no single tie's loss splits it "
        "(--k 2, the default), or no single person's departure splits it (--vertex). "
        "Prints the introductions, each with its cost, reason and who can make it, and the "
        "cohesion of the set before and after. See docs/network.md.",
    )
    _add_inputs(plan)
    target = plan.add_argument_group("target")
    target.add_argument(
        "--k",
        type=int,
        choices=(1, 2),
        default=None,
        help="1: connected; 2 (default): 2-edge-connected, no single tie's loss splits the set",
    )
    target.add_argument(
        "--vertex",
        action="store_true",
        help="2-vertex-connected instead: no single person's departure splits the set",
    )
    costs = plan.add_argument_group("costs and limits")
    costs.add_argument(
        "--cost",
        choices=("default", "uniform"),
        default=None,
        help="cost model. default: 1 if the two share a tie-neighbor anywhere in the "
        "network, 2 if same workplace, 3 if same city and a shared language, 10 for anyone "
        "else; uniform: every introduction costs 1",
    )
    costs.add_argument(
        "--candidates",
        metavar="CANDIDATES.csv",
        help="replace the cost model by an explicit list: columns a,b,cost[,reason]; only "
        "these introductions are allowed, at these costs (numbers >= 0). Pieces no "
        "candidate reaches are reported as unreachable",
    )
    costs.add_argument(
        "--max-per-person",
        type=_positive_int,
        metavar="N",
        help="at most N introductions involve any one person",
    )
    costs.add_argument(
        "--time-limit",
        type=_positive_seconds,
        metavar="SECONDS",
        help="stop the solver after this long and print the best plan found with how far "
        "it may be from the best possible; default: no limit",
    )

    report = commands.add_parser(
        "report",
        help="how cohesive and how fragile the set is",
        description="Report the set's people, ties, density, components, bridges (ties "
        "whose loss splits it) and articulation points (people whose departure splits "
        "it) with how many people each would cut off, 2-edge-connected and biconnected "
        "pieces, k-core numbers, brokers (betweenness), ties leaving the set, and detected "
        "communities compared with the declared groups. See docs/network.md.",
    )
    _add_inputs(report)
    return parser


# --- JSON -------------------------------------------------------------------------------


def _number(value: float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else value


def _plan_json(G, plan, before: dict, after: dict) -> dict:
    ids = G.ids
    return {
        "introductions": [
            {
                "a": ids[item.a],
                "b": ids[item.b],
                "cost": _number(item.cost),
                "reason": item.reason,
                "via": None if item.via is None else ids[item.via],
            }
            for item in plan.introductions
        ],
        "total_cost": _number(plan.total_cost),
        "before": before,
        "after": after,
        "optimal": bool(plan.optimal),
        "gap": plan.gap,
        "unreachable": [[ids[person] for person in piece] for piece in plan.unreachable],
        "target": getattr(plan, "target", None) or None,
    }


# --- text -------------------------------------------------------------------------------


def _more(items: list, shown: int = _SHOWN) -> list[str]:
    return [f"  ... and {len(items) - shown} more"] if len(items) > shown else []


def _sizes(sizes: list[int]) -> str:
    return ", ".join(map(str, sizes[:10])) + (", ..." if len(sizes) > 10 else "")


def _summary_line(report: dict) -> str:
    return (
        f"{report['people']} people, {report['ties']} ties, "
        f"{report['components']} component{'s' if report['components'] != 1 else ''}, "
        f"{len(report['bridges'])} bridges, "
        f"{len(report['articulation_points'])} articulation points"
    )


def _report_text(report: dict) -> str:
    lines = [
        f"People: {report['people']}   ties: {report['ties']}   density: {report['density']:.4f}",
        f"Components: {report['components']} (largest: {_sizes(report['largest_components'])})"
        f"; isolated people: {report['isolated']}",
        "",
        f"Bridges (ties whose loss splits the set): {len(report['bridges'])}",
    ]
    details = report["bridge_details"]
    lines += [f"  {d['a']} - {d['b']}: cuts off {d['cut_off']}" for d in details[:_SHOWN]]
    lines += _more(details)
    details = report["articulation_details"]
    lines += ["", f"Articulation points (people whose departure splits the set): {len(details)}"]
    lines += [
        f"  {d['id']}: cuts off {d['cut_off']} ({d['pieces']} pieces)" for d in details[:_SHOWN]
    ]
    lines += _more(details)
    two_edge, blocks, core = report["two_edge_connected"], report["biconnected"], report["k_core"]
    lines += [
        "",
        f"2-edge-connected pieces: {two_edge['count']} (largest: {_sizes(two_edge['largest'])})",
        f"Biconnected blocks: {blocks['count']} (largest: {_sizes(blocks['largest'])})",
        f"k-core: degeneracy {core['degeneracy']}; people by core number: "
        + ", ".join(f"{k}: {count}" for k, count in core["people_by_core"].items()),
    ]
    betweenness = report["betweenness"]
    how = "exact" if betweenness["exact"] else f"estimated from {betweenness['sample']} sources"
    lines += ["", f"Brokers (betweenness, {how}):"]
    lines += [f"  {b['id']}: {b['betweenness']:g}" for b in report["brokers"]] or ["  none"]
    outside = report["outside_ties"]
    lines += [
        "",
        f"Ties leaving the set: {outside['count']}, from {outside['people']} people",
    ]
    lines += [f"  {p['id']}: {p['ties']}" for p in outside["top"]]
    communities = report["communities"]
    line = f"Communities (Leiden): {communities['count']}"
    if communities["modularity"] is not None:
        line += f", modularity {communities['modularity']:.3f}"
    if "vs_groups" in communities:
        versus = communities["vs_groups"]
        line += (
            f"; against the declared groups: adjusted Rand {versus['adjusted_rand']:.3f}, "
            f"NMI {versus['nmi']:.3f}"
        )
    lines += ["", line]
    return "\n".join(lines) + "\n"


_TARGETS = {
    (1, False): "connected",
    (2, False): "2-edge-connected (no single tie's loss splits it)",
    (2, True): "2-vertex-connected (no single person's departure splits it)",
}


def _plan_text(G, plan, before: dict, after: dict, *, k: int, vertex: bool) -> str:
    ids = G.ids
    count = len(plan.introductions)
    lines = [
        f"To make the set {_TARGETS[(2 if vertex else k, vertex)]}: "
        f"{count} introduction{'s' if count != 1 else ''}, total cost "
        f"{_number(plan.total_cost)}"
    ]
    for number, item in enumerate(plan.introductions, start=1):
        via = f" -- ask {ids[item.via]}" if item.via is not None else ""
        lines.append(
            f"  {number}. {ids[item.a]} - {ids[item.b]}  cost {_number(item.cost)}: "
            f"{item.reason}{via}"
        )
    if plan.optimal:
        lines.append("This plan is proven to be the cheapest possible.")
    elif plan.gap is not None:
        lines.append(f"Within {plan.gap:.1%} of the best possible (the time limit stopped it).")
    else:
        lines.append("Not proven to be the cheapest possible.")
    if plan.unreachable:
        lines.append(
            f"No allowed introduction reaches {len(plan.unreachable)} piece"
            f"{'s' if len(plan.unreachable) != 1 else ''} of the set:"
        )
        for piece in plan.unreachable[:_SHOWN]:
            shown = ", ".join(ids[person] for person in piece[:10])
            lines.append(f"  {shown}{', ...' if len(piece) > 10 else ''}")
        lines += _more(plan.unreachable)
    lines += ["", f"Before: {_summary_line(before)}", f"After:  {_summary_line(after)}"]
    return "\n".join(lines) + "\n"


# --- commands ---------------------------------------------------------------------------


def _load(args):
    return load_inputs(
        args.ties,
        people=args.people,
        groups=args.groups,
        candidates=getattr(args, "candidates", None),
        only=args.only,
    )


def _run_report(args) -> str:
    inputs = _load(args)
    groups = inputs.groups if args.groups else None
    report = cohesion_report(inputs.graph, inputs.members, groups=groups)
    return json.dumps(report, ensure_ascii=False) + "\n" if args.json else _report_text(report)


def _run_plan(args) -> str:
    # Imported here so `report` works, and this module imports, without the solver.
    from .augmentation import plan_introductions

    inputs = _load(args)
    G, members = inputs.graph, inputs.members
    k = args.k or 2
    plan = plan_introductions(
        G,
        members,
        k=k,
        vertex=args.vertex,
        cost=args.cost or "default",
        candidates=inputs.candidates,
        max_per_person=args.max_per_person,
        time_limit=args.time_limit,
    )
    # Before and after compare structure only (linear time); `report` has the rest.
    before = structure_report(G, members)
    joined = with_ties(G, [(item.a, item.b) for item in plan.introductions])
    after = structure_report(joined, members)
    if args.json:
        return json.dumps(_plan_json(G, plan, before, after), ensure_ascii=False) + "\n"
    return _plan_text(G, plan, before, after, k=k, vertex=args.vertex)


def main(argv: list[str] | None = None) -> int:
    """Run ``plan`` or ``report`` with the command-line arguments ``argv``.

    Returns the exit status: 0 on success, 2 for bad input or bad arguments (with the
    message on stderr and nothing on stdout).

    Examples
    --------
    >>> main(["report", "--ties", "no-such-file.csv"])
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.only and not args.groups:
            parser.error("--only needs --groups")
        if args.command == "plan":
            if args.vertex and args.k == 1:
                parser.error("--vertex asks for 2-vertex-connectivity; drop --k 1")
            if args.candidates and args.cost:
                parser.error("--candidates replaces the cost model; drop --cost")
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    try:
        output = _run_plan(args) if args.command == "plan" else _run_report(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except NetworkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
