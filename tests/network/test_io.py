"""Strict CSV input: every bad file names itself and the line, exits 2, prints nothing."""

import numpy as np
import pytest

from collectives.network.cli import main
from collectives.network.exceptions import InputError, UnknownPersonError
from collectives.network.io import (
    load_inputs,
    read_candidates,
    read_groups,
    read_people,
    read_ties,
)

TIES = "a,b\nalice,bob\nbob,charlie\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    # Relative names, so messages name the file exactly as the organizer typed it.
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder, name, text, encoding="utf-8"):
    (folder / name).write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return name


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# (files, extra command-line arguments, bad file, line, words in the message)
BAD_INPUTS = {
    "missing ties file": ({}, [], "ties.csv", None, "no such file"),
    "empty ties file": ({"ties.csv": ""}, [], "ties.csv", 1, "header"),
    "blank header": ({"ties.csv": "\nalice,bob\n"}, [], "ties.csv", 1, "header"),
    "missing column": ({"ties.csv": "a,c\nalice,bob\n"}, [], "ties.csv", 1, "missing column b"),
    "unknown column": ({"ties.csv": "a,b,weight\nx,y,1\n"}, [], "ties.csv", 1, "'weight'"),
    "column twice": ({"ties.csv": "a,b,a\nx,y,z\n"}, [], "ties.csv", 1, "twice"),
    "too few fields": ({"ties.csv": "a,b\nalice,bob\ncharlie\n"}, [], "ties.csv", 3, "fields"),
    "blank id": ({"ties.csv": "a,b\nalice,bob\n , charlie\n"}, [], "ties.csv", 3, "blank"),
    "self-tie": ({"ties.csv": TIES + "dave,dave\n"}, [], "ties.csv", 4, "self-tie"),
    "duplicate tie": (
        {"ties.csv": TIES + "alice,bob\n"},
        [],
        "ties.csv",
        4,
        "first on line 2",
    ),
    "duplicate tie reversed": (
        {"ties.csv": TIES + "dave,erin\ncharlie,bob\n"},
        [],
        "ties.csv",
        5,
        "first on line 3",
    ),
    "strength not a number": (
        {"ties.csv": "a,b,strength\nalice,bob,3\nbob,charlie,strong\n"},
        [],
        "ties.csv",
        3,
        "'strong'",
    ),
    "negative strength": (
        {"ties.csv": "a,b,strength\nalice,bob,-1\n"},
        [],
        "ties.csv",
        2,
        "strength",
    ),
    "infinite strength": ({"ties.csv": "a,b,strength\nalice,bob,inf\n"}, [], "ties.csv", 2, ""),
    "nan strength": ({"ties.csv": "a,b,strength\nalice,bob,nan\n"}, [], "ties.csv", 2, ""),
    "no ties and no people": ({"ties.csv": "a,b\n"}, [], "ties.csv", 2, "no ties"),
    "line after a blank line": (
        {"ties.csv": "a,b\n\nalice,bob\n\nbob,bob\n"},
        [],
        "ties.csv",
        5,
        "self-tie",
    ),
    "unbalanced quote": ({"ties.csv": 'a,b\nalice,"bo"b\n'}, [], "ties.csv", 2, "CSV"),
    "not utf-8": (
        {"ties.csv": "a,b\nalice,bob\nzoë,bob\n".encode("latin-1")},
        [],
        "ties.csv",
        3,
        "UTF-8",
    ),
    "missing people file": (
        {"ties.csv": TIES},
        ["--people", "people.csv"],
        "people.csv",
        None,
        "no such",
    ),
    "empty people file": (
        {"ties.csv": TIES, "people.csv": "id\n"},
        ["--people", "people.csv"],
        "people.csv",
        2,
        "no people",
    ),
    "duplicate person": (
        {"ties.csv": TIES, "people.csv": "id\nalice\nbob\ncharlie\nbob\n"},
        ["--people", "people.csv"],
        "people.csv",
        5,
        "first on line 3",
    ),
    "blank person": (
        {"ties.csv": TIES, "people.csv": "id,city\nalice,Everett\n,Everett\n"},
        ["--people", "people.csv"],
        "people.csv",
        3,
        "blank",
    ),
    "tie to someone not in people": (
        {"ties.csv": TIES + "charlie,zed\n", "people.csv": "id\nalice\nbob\ncharlie\n"},
        ["--people", "people.csv"],
        "ties.csv",
        4,
        "'zed'",
    ),
    "empty groups file": (
        {"ties.csv": TIES, "groups.csv": "person,group\n"},
        ["--groups", "groups.csv"],
        "groups.csv",
        2,
        "no memberships",
    ),
    "groups missing a column": (
        {"ties.csv": TIES, "groups.csv": "person\nalice\n"},
        ["--groups", "groups.csv"],
        "groups.csv",
        1,
        "group",
    ),
    "membership twice": (
        {"ties.csv": TIES, "groups.csv": "person,group\nalice,Vanpool\nalice,Vanpool\n"},
        ["--groups", "groups.csv"],
        "groups.csv",
        3,
        "twice",
    ),
    "blank group name": (
        {"ties.csv": TIES, "groups.csv": "person,group\nalice,Vanpool\nbob,\n"},
        ["--groups", "groups.csv"],
        "groups.csv",
        3,
        "group name",
    ),
    "member not in people": (
        {
            "ties.csv": TIES,
            "people.csv": "id\nalice\nbob\ncharlie\n",
            "groups.csv": "person,group\nalice,Vanpool\ngina,Vanpool\n",
        },
        ["--people", "people.csv", "--groups", "groups.csv"],
        "groups.csv",
        3,
        "'gina'",
    ),
    "unknown group chosen": (
        {"ties.csv": TIES, "groups.csv": "person,group\nalice,Vanpool\n"},
        ["--groups", "groups.csv", "--only", "Dinners"],
        "groups.csv",
        None,
        "'Dinners'",
    ),
}

BAD_CANDIDATES = {
    "empty candidates": ("a,b,cost\n", 2, "no candidate"),
    "candidates missing cost": ("a,b\nalice,charlie\n", 1, "cost"),
    "cost not a number": ("a,b,cost\nalice,charlie,cheap\n", 2, "'cheap'"),
    "negative cost": ("a,b,cost\nalice,charlie,-2\n", 2, "cost"),
    "infinite cost": ("a,b,cost\nalice,charlie,inf\n", 2, "cost"),
    "blank cost": ("a,b,cost\nalice,charlie,\n", 2, "blank"),
    "unknown candidate": ("a,b,cost\nalice,charlie,1\nalice,zed,2\n", 3, "'zed'"),
    "candidate with themselves": ("a,b,cost\nalice,alice,1\n", 2, "themselves"),
    "candidate twice reversed": ("a,b,cost\nalice,charlie,1\ncharlie,alice,2\n", 3, "twice"),
    "candidate already tied": ("a,b,cost\nbob,alice,1\n", 2, "already tied"),
}


def check_error(capsys, args, filename, line, words):
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    where = f"{filename}, line {line}:" if line is not None else f"{filename}:"
    assert err.startswith(f"error: {where}"), err
    assert words in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("case", list(BAD_INPUTS))
@pytest.mark.parametrize("command", ["report", "plan"])
def test_it_rejects_bad_input_naming_file_and_line(folder, capsys, case, command):
    files, extra, filename, line, words = BAD_INPUTS[case]
    for name, text in files.items():
        write(folder, name, text)
    check_error(capsys, [command, "--ties", "ties.csv", *extra], filename, line, words)


@pytest.mark.parametrize("case", list(BAD_CANDIDATES))
def test_it_rejects_bad_candidates_naming_file_and_line(folder, capsys, case):
    text, line, words = BAD_CANDIDATES[case]
    write(folder, "ties.csv", TIES)
    write(folder, "candidates.csv", text)
    args = ["plan", "--ties", "ties.csv", "--candidates", "candidates.csv"]
    check_error(capsys, args, "candidates.csv", line, words)


def test_it_raises_input_error_with_file_and_line_attributes(folder):
    write(folder, "ties.csv", TIES + "charlie,charlie\n")
    with pytest.raises(InputError) as error:
        load_inputs("ties.csv")
    assert (error.value.filename, error.value.line) == ("ties.csv", 4)


def test_it_raises_unknown_person_error_for_an_id_missing_from_people(folder):
    write(folder, "ties.csv", TIES)
    write(folder, "people.csv", "id\nalice\nbob\n")
    with pytest.raises(UnknownPersonError, match="'charlie'"):
        load_inputs("ties.csv", people="people.csv")


def test_it_allows_a_ties_file_without_rows_when_people_are_listed(folder):
    write(folder, "ties.csv", "a,b\n")
    write(folder, "people.csv", "id\nalice\nbob\n")
    inputs = load_inputs("ties.csv", people="people.csv")
    assert inputs.graph.ids == ["alice", "bob"]
    assert inputs.graph.m == 0
    assert inputs.members.tolist() == [0, 1]


def test_it_numbers_people_in_order_of_first_appearance_without_people_file(folder):
    write(folder, "ties.csv", "a,b\ncharlie,alice\nalice,bob\n")
    write(folder, "groups.csv", "person,group\ngina,Vanpool\nalice,Vanpool\n")
    inputs = load_inputs("ties.csv", groups="groups.csv")
    assert inputs.graph.ids == ["charlie", "alice", "bob", "gina"]
    assert inputs.graph.edges.tolist() == [[0, 1], [1, 2]]
    assert inputs.groups == {"Vanpool": [3, 1]}
    assert inputs.members.tolist() == [1, 3]


def test_it_takes_everyone_without_groups_and_only_the_named_groups_with_only(folder):
    write(folder, "ties.csv", TIES + "dave,erin\n")
    write(folder, "groups.csv", "person,group\nalice,Vanpool\nbob,Vanpool\nerin,Dinners\n")
    assert load_inputs("ties.csv").members.tolist() == [0, 1, 2, 3, 4]
    assert load_inputs("ties.csv", groups="groups.csv").members.tolist() == [0, 1, 4]
    only = load_inputs("ties.csv", groups="groups.csv", only=["Dinners"])
    assert only.members.tolist() == [4]


def test_it_reads_attributes_from_the_people_file(folder):
    write(folder, "ties.csv", "a,b\nalice,bob\n")
    write(
        folder,
        "people.csv",
        "\ufeffID , Workplace,city,languages\n"
        "alice,Boeing Everett,Everett,en; es\nbob,,Everett,\ncharlie,Boeing Everett,,es\n",
    )
    G = load_inputs("ties.csv", people="people.csv").graph
    assert G.ids == ["alice", "bob", "charlie"]
    assert G.workplace.tolist() == [0, -1, 0]
    assert G.workplace_names == ["Boeing Everett"]
    assert G.city.tolist() == [0, 0, -1]
    assert G.language_names == ["en", "es"]
    assert G.languages.tolist() == [0b11, 0, 0b10]


def test_it_skips_blank_lines_and_trailing_empty_rows(folder):
    write(folder, "ties.csv", "a,b\r\n\r\nalice,bob\r\n,\r\n")
    assert read_ties("ties.csv") == {"a": ["alice"], "b": ["bob"], "kind": None, "strength": None}


def test_it_reads_kind_and_strength_with_blank_strength_as_one(folder):
    write(folder, "ties.csv", "b,a,kind,strength\nbob,alice,union,2.5\ncharlie,bob,,\n")
    ties = read_ties("ties.csv")
    assert ties["a"] == ["alice", "bob"] and ties["b"] == ["bob", "charlie"]
    assert ties["kind"] == ["union", ""]
    assert ties["strength"].tolist() == [2.5, 1.0]


def test_it_reads_people_groups_and_candidates(folder):
    write(folder, "people.csv", "id\nalice\nbob\n")
    write(folder, "groups.csv", "person,group\nalice,Vanpool\nbob,Dinners\nbob,Vanpool\n")
    assert read_people("people.csv")["ids"] == ["alice", "bob"]
    assert read_groups("groups.csv") == {"Vanpool": ["alice", "bob"], "Dinners": ["bob"]}
    write(folder, "ties.csv", TIES)
    write(folder, "candidates.csv", "a,b,cost,reason\ncharlie,alice,0,\n")
    G = load_inputs("ties.csv").graph
    candidates = read_candidates("candidates.csv", G)
    assert candidates.a.tolist() == [2] and candidates.b.tolist() == [0]
    assert candidates.cost.tolist() == [0.0]
    assert candidates.reason == [None]


def test_it_returns_candidates_from_load_inputs(folder):
    write(folder, "ties.csv", TIES)
    write(folder, "candidates.csv", "a,b,cost,reason\nalice,charlie,1.5,same union\n")
    candidates = load_inputs("ties.csv", candidates="candidates.csv").candidates
    assert len(candidates) == 1
    assert candidates.reason == ["same union"]
    assert load_inputs("ties.csv").candidates is None


def test_it_reads_many_ties_as_arrays(folder):
    n = 2000
    rng = np.random.default_rng(0)
    pairs = {tuple(sorted(p)) for p in rng.integers(0, n, size=(5000, 2)).tolist() if p[0] != p[1]}
    write(folder, "ties.csv", "a,b\n" + "".join(f"p{a},p{b}\n" for a, b in sorted(pairs)))
    G = load_inputs("ties.csv").graph
    assert G.m == len(pairs)
    assert G.edges.dtype == np.int64
    assert (G.edges[:, 0] < G.edges[:, 1]).all()
    assert {tuple(sorted((G.ids[a], G.ids[b]))) for a, b in G.edges.tolist()} == {
        tuple(sorted((f"p{a}", f"p{b}"))) for a, b in pairs
    }


def test_it_reads_quoted_and_plain_files_alike(folder):
    # Plain files take a fast path (whole-string splits); quoted ones go through `csv`.
    plain = "id,workplace,languages\nalice,Boeing,en;es\n\nbob,,es\n,,\ncharlie, Boeing ,en\n"
    quoted = (
        '"id",workplace,languages\nalice,"Boeing","en;es"\n\nbob,,es\n,,\ncharlie, Boeing ,en\n'
    )
    write(folder, "plain.csv", plain)
    write(folder, "quoted.csv", quoted)
    write(folder, "crlf.csv", plain.replace("\n", "\r\n"))
    expected = read_people("quoted.csv")
    assert read_people("plain.csv") == expected == read_people("crlf.csv")
    assert expected["workplace"] == ["Boeing", "", "Boeing"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_it_names_the_line_of_a_bad_row_on_the_fast_path(folder, newline):
    text = newline.join(["a,b", "alice,bob", "", "bob,charlie,dave", ""])
    write(folder, "ties.csv", text)
    with pytest.raises(InputError) as error:
        read_ties("ties.csv")
    assert (error.value.filename, error.value.line) == ("ties.csv", 4)
    assert "expected 2 fields, found 3" in str(error.value)


def test_it_counts_languages_past_63_on_the_right_line(folder):
    rows = "".join(f"p{i},l{i};l{i + 1}\n" for i in range(0, 70, 2))
    write(folder, "people.csv", "id,languages\n" + rows)
    with pytest.raises(InputError) as error:
        read_people("people.csv")
    assert error.value.line == 33 and "63" in str(error.value)
