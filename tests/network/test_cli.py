"""The command line: the JSON contract of `plan` and `report`, exactly."""

import json

import pytest

from collectives.network import augmentation
from collectives.network.augmentation import Introduction, Plan
from collectives.network.cli import build_parser, main
from collectives.network.graph import Candidates

# Vanpool is a triangle with a tail (alice, bob, charlie; dave hangs on charlie); Dinners
# (erin, frank) is a separate pair.
TIES = "a,b,kind\nalice,bob,friend\nbob,charlie,work\ncharlie,alice,\ncharlie,dave,\nerin,frank,\n"
GROUPS = (
    "person,group\nalice,Vanpool\nbob,Vanpool\ncharlie,Vanpool\ndave,Vanpool\n"
    "erin,Dinners\nfrank,Dinners\n"
)
REPORT_KEYS = {"people", "ties", "components", "bridges", "articulation_points"}


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ties.csv").write_text(TIES)
    (tmp_path / "groups.csv").write_text(GROUPS)
    return tmp_path


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    assert out.endswith("\n") and out.count("\n") == 1
    return json.loads(out)


def check_report_shape(report, ids):
    assert REPORT_KEYS <= set(report)
    assert isinstance(report["people"], int) and isinstance(report["ties"], int)
    assert isinstance(report["components"], int)
    for bridge in report["bridges"]:
        assert isinstance(bridge, list) and len(bridge) == 2 and set(bridge) <= ids
    assert set(report["articulation_points"]) <= ids


def test_it_prints_one_json_object_with_the_plan_contract(files, capsys):
    plan = run_json(capsys, "plan", "--ties", "ties.csv")
    ids = {"alice", "bob", "charlie", "dave", "erin", "frank"}
    assert {"introductions", "total_cost", "before", "after"} <= set(plan)
    for introduction in plan["introductions"]:
        assert set(introduction) == {"a", "b", "cost", "reason", "via"}
        assert {introduction["a"], introduction["b"]} <= ids
        assert isinstance(introduction["cost"], int | float)
        assert isinstance(introduction["reason"], str) and introduction["reason"]
        assert introduction["via"] is None or introduction["via"] in ids
    assert plan["total_cost"] == sum(i["cost"] for i in plan["introductions"])
    check_report_shape(plan["before"], ids)
    check_report_shape(plan["after"], ids)
    assert plan["before"]["components"] == 2
    assert plan["before"]["bridges"] == [["charlie", "dave"], ["erin", "frank"]]
    assert plan["before"]["articulation_points"] == ["charlie"]
    assert plan["after"]["ties"] == plan["before"]["ties"] + len(plan["introductions"])
    assert plan["after"]["components"] == 1
    assert plan["after"]["bridges"] == [] and plan["after"]["articulation_points"] == []
    # Before and after are the linear-time structural report; `report` has the rest.
    assert "bridge_details" in plan["before"] and "brokers" not in plan["before"]
    assert plan["optimal"] is True


def test_it_plans_the_known_optimum_with_uniform_cost(files, capsys):
    connected = run_json(capsys, "plan", "--ties", "ties.csv", "--k", "1", "--cost", "uniform")
    assert connected["total_cost"] == 1 and len(connected["introductions"]) == 1
    # Leaves of the bridge forest: dave, the triangle, erin, frank -> ceil(4 / 2) = 2.
    resilient = run_json(capsys, "plan", "--ties", "ties.csv", "--cost", "uniform")
    assert resilient["total_cost"] == 2


def test_it_plans_for_the_chosen_groups_only(files, capsys):
    plan = run_json(
        capsys, "plan", "--ties", "ties.csv", "--groups", "groups.csv", "--only", "Vanpool"
    )
    assert plan["before"]["people"] == 4
    people = {p for i in plan["introductions"] for p in (i["a"], i["b"])}
    assert people <= {"alice", "bob", "charlie", "dave"}
    assert plan["after"]["bridges"] == []


def fake_planner(monkeypatch, **fields):
    calls = []

    def plan_introductions(G, members=None, **options):
        calls.append((G, members, options))
        return Plan(**fields)

    monkeypatch.setattr(augmentation, "plan_introductions", plan_introductions)
    return calls


def test_it_turns_person_indices_into_ids_and_adds_the_solver_status(files, capsys, monkeypatch):
    # People are numbered in order of first appearance: alice 0, bob 1, charlie 2, dave 3,
    # erin 4, frank 5.
    fake_planner(
        monkeypatch,
        introductions=[
            Introduction(a=0, b=3, cost=1.0, reason="both know charlie", via=2),
            Introduction(a=3, b=4, cost=2.5, reason="strangers", via=None),
        ],
        total_cost=3.5,
        optimal=False,
        gap=0.02,
        unreachable=[[5]],
    )
    plan = run_json(capsys, "plan", "--ties", "ties.csv")
    assert plan["introductions"] == [
        {"a": "alice", "b": "dave", "cost": 1, "reason": "both know charlie", "via": "charlie"},
        {"a": "dave", "b": "erin", "cost": 2.5, "reason": "strangers", "via": None},
    ]
    assert plan["total_cost"] == 3.5
    assert (plan["optimal"], plan["gap"], plan["unreachable"]) == (False, 0.02, [["frank"]])
    assert plan["after"]["ties"] == 7
    assert plan["after"]["articulation_points"] == ["dave", "erin"]

    status, out, _ = run(capsys, "plan", "--ties", "ties.csv")
    assert status == 0
    assert "alice - dave  cost 1: both know charlie -- ask charlie" in out
    assert "Within 2.0% of the best possible" in out
    assert "frank" in out.split("No allowed introduction reaches 1 piece")[1]


def test_it_passes_every_option_to_the_planner(files, capsys, monkeypatch):
    calls = fake_planner(
        monkeypatch, introductions=[], total_cost=0.0, optimal=True, gap=None, unreachable=[]
    )
    run_json(
        capsys,
        "plan",
        "--ties",
        "ties.csv",
        "--groups",
        "groups.csv",
        "--only",
        "Dinners",
        "--vertex",
        "--max-per-person",
        "2",
        "--time-limit",
        "1.5",
        "--cost",
        "uniform",
    )
    G, members, options = calls[0]
    assert [G.ids[i] for i in members] == ["erin", "frank"]
    assert options == {
        "k": 2,
        "vertex": True,
        "cost": "uniform",
        "candidates": None,
        "max_per_person": 2,
        "time_limit": 1.5,
    }
    (files / "candidates.csv").write_text("a,b,cost\nalice,erin,4\n")
    run_json(capsys, "plan", "--ties", "ties.csv", "--k", "1", "--candidates", "candidates.csv")
    _, _, options = calls[1]
    assert options["k"] == 1 and options["cost"] == "default"
    assert isinstance(options["candidates"], Candidates)
    assert options["candidates"].cost.tolist() == [4.0]


@pytest.mark.parametrize(
    "arguments",
    [
        ["plan", "--ties", "ties.csv", "--k", "1", "--vertex"],
        ["plan", "--ties", "ties.csv", "--k", "3"],
        ["plan", "--ties", "ties.csv", "--cost", "uniform", "--candidates", "ties.csv"],
        ["plan", "--ties", "ties.csv", "--max-per-person", "0"],
        ["plan", "--ties", "ties.csv", "--time-limit", "-1"],
        ["report", "--ties", "ties.csv", "--only", "Vanpool"],
        ["report"],
        ["bake", "--ties", "ties.csv"],
    ],
)
def test_it_rejects_bad_arguments_with_status_2_and_no_output(files, capsys, arguments):
    status, out, err = run(capsys, *arguments)
    assert status == 2 and out == ""
    assert "error:" in err


def test_it_prints_the_cohesion_report_as_json_and_as_text(files, capsys):
    report = run_json(capsys, "report", "--ties", "ties.csv", "--groups", "groups.csv")
    check_report_shape(report, {"alice", "bob", "charlie", "dave", "erin", "frank"})
    assert report["bridge_details"][0] == {"a": "charlie", "b": "dave", "cut_off": 1}
    assert "vs_groups" in report["communities"]
    status, out, err = run(capsys, "report", "--ties", "ties.csv")
    assert (status, err) == (0, "")
    assert "Bridges (ties whose loss splits the set): 2" in out
    assert "charlie: cuts off 1 (2 pieces)" in out


def test_it_documents_every_option_in_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == {"plan", "report"}
    for name, command in commands.items():
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings} has no help"
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert "--ties" in out and "--json" in out
