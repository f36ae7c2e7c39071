"""Strict CSV readers for the engine's input files.

Every file needs a header row (line 1); columns are matched by name, case-insensitively,
in any order. Blank lines are skipped. Every problem raises :class:`InputError` naming the
file and the 1-based line, so an organizer can open the file and fix it.

The readers work column by column over the rows the ``csv`` module returns and check them
with numpy, so a million ties parse in a few seconds. Line numbers are only worked out when
there is an error, by reading the file again.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from .exceptions import InputError, UnknownPersonError
from .graph import Candidates, SocialGraph, _codes

__all__ = [
    "Inputs",
    "load_inputs",
    "read_candidates",
    "read_groups",
    "read_people",
    "read_ties",
]

TIES_COLUMNS = (("a", "b"), ("kind", "strength"))
PEOPLE_COLUMNS = (("id",), ("workplace", "city", "languages"))
GROUPS_COLUMNS = (("person", "group"), ())
CANDIDATES_COLUMNS = (("a", "b", "cost"), ("reason",))


@dataclass
class _Table:
    """The data rows of one CSV file, by column, with a way back to line numbers."""

    filename: str
    text: str
    columns: dict[str, list[str]]
    rows: int

    def line(self, row: int) -> int:
        # Only called on errors: read the file again, skipping blank lines as before.
        reader = csv.reader(io.StringIO(self.text, newline=""))
        next(reader)
        seen = -1
        for record in reader:
            if any(record):
                seen += 1
                if seen == row:
                    return reader.line_num
        return reader.line_num + 1

    def error(self, row: int, message: str, error=InputError) -> InputError:
        return error(message, filename=self.filename, line=self.line(row))


def _read_table(path, columns: tuple[Sequence[str], Sequence[str]]) -> _Table:
    filename = os.fspath(path)
    required, optional = columns
    expected = ",".join(required) + "".join(f"[,{name}]" for name in optional)
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise InputError("no such file", filename=filename) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", filename=filename) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", filename=filename, line=line) from None

    fast = _plain_rows(text)
    if fast is not None:
        header, lines = fast
        _check_header(header, filename, required, optional, expected)
        names = [name.strip().lower() for name in header]
        return _plain_table(filename, text, names, lines)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        _check_header(header, filename, required, optional, expected)
        names = [name.strip().lower() for name in header]
        # `any` drops blank lines and rows of empty fields (",,"), all at C speed.
        rows = list(filter(any, reader))
    except csv.Error as error:
        raise InputError(
            f"malformed CSV: {error}", filename=filename, line=reader.line_num
        ) from None

    table = _Table(filename=filename, text=text, columns={}, rows=len(rows))
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    wrong = np.flatnonzero(widths != len(names))
    if len(wrong):
        row = int(wrong[0])
        raise table.error(row, f"expected {len(names)} fields, found {widths[row]}")
    for position, name in enumerate(names):
        table.columns[name] = list(map(str.strip, map(itemgetter(position), rows)))
    return table


def _check_header(header, filename, required, optional, expected) -> None:
    if not header or not any(name.strip() for name in header):
        raise InputError(
            f"empty file or blank header; expected a header row {expected}",
            filename=filename,
            line=1,
        )
    names = [name.strip().lower() for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"expected {expected}",
            filename=filename,
            line=1,
        )
    for position, name in enumerate(names):
        if name not in required and name not in optional:
            raise InputError(
                f"unknown column {header[position].strip()!r}; expected {expected}",
                filename=filename,
                line=1,
            )
        if name in names[:position]:
            raise InputError(f"column {name!r} appears twice", filename=filename, line=1)


def _plain_rows(text: str) -> tuple[list[str], list[str]] | None:
    """Header fields and data lines of a file with no quoting, or None to use ``csv``.

    Without quotes, NUL bytes or lone carriage returns, every line is one record and its
    fields are exactly its comma-separated parts, as the ``csv`` module would read them;
    splitting whole strings is several times faster than a record at a time.
    """
    if '"' in text or "\0" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    return lines[0].split(",") if lines[0] else [], lines[1:]


def _plain_table(filename: str, text: str, names: list[str], lines: list[str]) -> _Table:
    width = len(names)
    commas = np.fromiter(map(str.count, lines, repeat(",")), dtype=np.int64, count=len(lines))
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    # A line of nothing but commas (or nothing) is blank, as `filter(any, reader)` has it.
    blank = lengths == commas
    if blank.any():
        lines = list(compress(lines, (~blank).tolist()))
        commas = commas[~blank]
    table = _Table(filename=filename, text=text, columns={}, rows=len(lines))
    wrong = np.flatnonzero(commas != width - 1)
    if len(wrong):
        row = int(wrong[0])
        raise table.error(row, f"expected {width} fields, found {commas[row] + 1}")
    fields = ",".join(lines).split(",") if lines else []
    for position, name in enumerate(names):
        table.columns[name] = list(map(str.strip, fields[position::width]))
    return table


def _require_rows(table: _Table, what: str) -> None:
    if table.rows == 0:
        raise InputError(f"no {what} after the header", filename=table.filename, line=2)


def _check_not_blank(table: _Table, name: str, what: str) -> None:
    column = table.columns[name]
    try:
        row = column.index("")
    except ValueError:
        return
    raise table.error(row, f"blank {what} (column {name})")


def _numbers(table: _Table, name: str, *, default: float | None = None) -> np.ndarray:
    """Column ``name`` as finite numbers >= 0; a blank field is ``default`` (or an error)."""
    column = table.columns[name]
    if default is not None and "" in column:
        column = [value or str(default) for value in column]
    try:
        values = np.fromiter(map(float, column), dtype=np.float64, count=len(column))
    except ValueError:
        values = None
    if values is None or not np.isfinite(values).all() or (values < 0).any():
        for row, value in enumerate(column):
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if not (math.isfinite(number) and number >= 0):
                shown = repr(value) if value else "a blank field"
                raise table.error(row, f"{name} must be a number >= 0, not {shown}")
    return values


def _first_duplicate_pair(u: np.ndarray, v: np.ndarray, n: int) -> tuple[int, int] | None:
    """(row, first row) of the first pair in file order that repeats an earlier pair.

    Pairs are unordered: ``(a, b)`` then ``(b, a)`` is a repeat.
    """
    keys = np.minimum(u, v) * max(n, 1) + np.maximum(u, v)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = np.flatnonzero(ordered[1:] == ordered[:-1])
    if not len(same):
        return None
    # The stable sort keeps file order within equal keys, so order[same + 1] are repeats.
    row = int(order[same + 1].min())
    first = int(order[np.searchsorted(ordered, keys[row])])
    return row, first


def _encode(values: list[str], index: dict[str, int]) -> np.ndarray:
    """Codes of ``values`` in ``index``, -1 for a value not in it."""
    return np.fromiter(map(index.get, values, repeat(-1)), dtype=np.int64, count=len(values))


def _number(values) -> dict[str, int]:
    """Number distinct values in order of first appearance."""
    distinct = dict.fromkeys(values)
    return dict(zip(distinct, range(len(distinct)), strict=True))


def _check_known(table: _Table, name: str, codes: np.ndarray, source: str | None) -> None:
    unknown = np.flatnonzero(codes < 0)
    if len(unknown):
        row = int(unknown[0])
        where = f" (not in {source})" if source else ""
        raise table.error(
            row, f"unknown person {table.columns[name][row]!r}{where}", UnknownPersonError
        )


# --- ties ------------------------------------------------------------------------------


def _read_ties(path) -> tuple[_Table, np.ndarray, np.ndarray, list[str]]:
    """The ties table, both ends coded by first appearance, and the ids in that order."""
    table = _read_table(path, TIES_COLUMNS)
    _check_not_blank(table, "a", "person id")
    _check_not_blank(table, "b", "person id")
    if "strength" in table.columns:
        _numbers(table, "strength", default=1)
    a, b = table.columns["a"], table.columns["b"]
    index = _number(chain.from_iterable(zip(a, b, strict=True)))
    u, v = _encode(a, index), _encode(b, index)
    self_ties = np.flatnonzero(u == v)
    if len(self_ties):
        row = int(self_ties[0])
        raise table.error(row, f"self-tie: {a[row]!r} is tied to themselves")
    duplicate = _first_duplicate_pair(u, v, len(index))
    if duplicate:
        row, first = duplicate
        raise table.error(
            row, f"duplicate tie {a[row]!r}-{b[row]!r} (first on line {table.line(first)})"
        )
    return table, u, v, list(index)


def read_ties(path) -> dict:
    """Read a ties file with columns ``a,b[,kind][,strength]``.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    dict
        ``a`` and ``b`` (lists of person ids, one entry per tie), ``kind`` (list of str, or
        None without that column) and ``strength`` (ndarray, blank fields are 1; None
        without that column).

    Raises
    ------
    InputError
        For a missing file or column, a blank id, a self-tie, a tie listed twice (in either
        order) or a strength that is not a number >= 0, naming the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = path.write_text("a,b\\nana,ben\\nben,cal\\n")
    >>> read_ties(path)["b"]
    ['ben', 'cal']
    """
    table, _, _, _ = _read_ties(path)
    strength = _numbers(table, "strength", default=1) if "strength" in table.columns else None
    return {
        "a": table.columns["a"],
        "b": table.columns["b"],
        "kind": table.columns.get("kind"),
        "strength": strength,
    }


# --- people ----------------------------------------------------------------------------


def _read_people(path) -> tuple[_Table, dict]:
    table = _read_table(path, PEOPLE_COLUMNS)
    _require_rows(table, "people")
    _check_not_blank(table, "id", "person id")
    ids = table.columns["id"]
    if len(dict.fromkeys(ids)) != len(ids):
        index: dict[str, int] = {}
        for row, person_id in enumerate(ids):
            if index.setdefault(person_id, row) != row:
                first = table.line(index[person_id])
                raise table.error(row, f"duplicate person id {person_id!r} (first on line {first})")
    masks, language_names = None, []
    if "languages" in table.columns:
        masks, language_names = _language_masks(table)
    people = {
        "ids": ids,
        "workplace": table.columns.get("workplace"),
        "city": table.columns.get("city"),
        "languages": masks,
        "language_names": language_names,
    }
    return table, people


def _spoken(field: str) -> list[str]:
    return [name for name in map(str.strip, field.split(";")) if name] if field else []


def _language_masks(table: _Table) -> tuple[np.ndarray, list[str]]:
    """Each person's languages as a bit mask, and the language names in bit order.

    A people file repeats a few language fields many times, so each distinct field is
    split once; bits are given in order of first appearance.
    """
    column = table.columns["languages"]
    names: dict[str, int] = {}
    mask_of: dict[str, int] = {}
    for field in dict.fromkeys(column):
        mask = 0
        for language in _spoken(field):
            bit = names.setdefault(language, len(names))
            if bit < 63:
                mask |= 1 << bit
        mask_of[field] = mask
    if len(names) > 63:
        seen: set[str] = set()
        for row, field in enumerate(column):
            seen.update(_spoken(field))
            if len(seen) > 63:
                raise table.error(row, "more than 63 distinct languages")
    masks = np.fromiter(map(mask_of.__getitem__, column), dtype=np.int64, count=len(column))
    return masks, list(names)


def read_people(path) -> dict:
    """Read a people file with columns ``id[,workplace][,city][,languages]``.

    Languages are separated by ``;``. A blank workplace, city or languages field means
    unknown.

    Returns
    -------
    dict
        ``ids`` (list of str), ``workplace`` and ``city`` (lists of str, ``""`` when
        unknown, or None without the column), ``languages`` (list of lists of str, or None).

    Raises
    ------
    InputError
        For a missing file or column, no rows, a blank or duplicate id, or more than 63
        languages, naming the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "people.csv"
    >>> _ = path.write_text("id,languages\\nana,en;es\\nben,\\n")
    >>> read_people(path)["languages"]
    [['en', 'es'], []]
    """
    table, people = _read_people(path)
    languages = table.columns.get("languages")
    return {
        "ids": people["ids"],
        "workplace": people["workplace"],
        "city": people["city"],
        "languages": None if languages is None else [_spoken(field) for field in languages],
    }


# --- groups ----------------------------------------------------------------------------


def _read_groups(path) -> _Table:
    table = _read_table(path, GROUPS_COLUMNS)
    _require_rows(table, "memberships")
    _check_not_blank(table, "person", "person id")
    _check_not_blank(table, "group", "group name")
    seen: dict[tuple[str, str], int] = {}
    pairs = zip(table.columns["person"], table.columns["group"], strict=True)
    for row, pair in enumerate(pairs):
        if seen.setdefault(pair, row) != row:
            first = table.line(seen[pair])
            raise table.error(
                row, f"{pair[0]!r} is listed in group {pair[1]!r} twice (first on line {first})"
            )
    return table


def read_groups(path) -> dict[str, list[str]]:
    """Read a groups file with columns ``person,group``.

    Returns
    -------
    dict
        Group name to the ids of its members, both in the order they first appear.

    Raises
    ------
    InputError
        For a missing file or column, no rows, a blank field or a membership listed twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "groups.csv"
    >>> _ = path.write_text("person,group\\nana,Docks\\nben,Docks\\nana,Paper\\n")
    >>> read_groups(path)
    {'Docks': ['ana', 'ben'], 'Paper': ['ana']}
    """
    table = _read_groups(path)
    groups: dict[str, list[str]] = {}
    for person, group in zip(table.columns["person"], table.columns["group"], strict=True):
        groups.setdefault(group, []).append(person)
    return groups


# --- candidates ------------------------------------------------------------------------


def read_candidates(path, G: SocialGraph) -> Candidates:
    """Read the allowed introductions, columns ``a,b,cost[,reason]``, for graph ``G``.

    Parameters
    ----------
    path : str or path-like
    G : SocialGraph
        The graph whose people the candidates name.

    Returns
    -------
    Candidates
        Person indices, costs and reasons (None where the reason is blank).

    Raises
    ------
    InputError
        For a missing file or column, no rows, a blank or unknown id, a person paired with
        themselves, a pair listed twice (in either order), a pair that is already tied, or a
        cost that is not a finite number >= 0, naming the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph(["ana", "ben", "cal"], [("ana", "ben")])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "candidates.csv"
    >>> _ = path.write_text("a,b,cost,reason\\ncal,ana,2.5,same union\\n")
    >>> candidates = read_candidates(path, G)
    >>> candidates.a.tolist(), candidates.b.tolist(), candidates.cost.tolist()
    ([2], [0], [2.5])
    """
    table = _read_table(path, CANDIDATES_COLUMNS)
    _require_rows(table, "candidate introductions")
    _check_not_blank(table, "a", "person id")
    _check_not_blank(table, "b", "person id")
    cost = _numbers(table, "cost")
    index = G.index
    u, v = _encode(table.columns["a"], index), _encode(table.columns["b"], index)
    _check_known(table, "a", u, None)
    _check_known(table, "b", v, None)
    a, b = table.columns["a"], table.columns["b"]
    same = np.flatnonzero(u == v)
    if len(same):
        row = int(same[0])
        raise table.error(row, f"{a[row]!r} cannot be introduced to themselves")
    duplicate = _first_duplicate_pair(u, v, G.n)
    if duplicate:
        row, first = duplicate
        raise table.error(
            row, f"pair {a[row]!r}-{b[row]!r} listed twice (first on line {table.line(first)})"
        )
    # An introduction between people already tied adds nothing, and a solver that took it
    # for a second tie would wrongly think a bridge was covered.
    n = max(G.n, 1)
    keys = np.minimum(u, v) * n + np.maximum(u, v)
    tie_keys = np.sort(G.edges[:, 0] * n + G.edges[:, 1])
    at = np.searchsorted(tie_keys, keys).clip(0, max(len(tie_keys) - 1, 0))
    tied = np.flatnonzero(tie_keys[at] == keys) if len(tie_keys) else at[:0]
    if len(tied):
        row = int(tied[0])
        raise table.error(row, f"{a[row]!r} and {b[row]!r} are already tied")
    reasons = table.columns.get("reason")
    return Candidates(
        a=u,
        b=v,
        cost=cost,
        reason=[reason or None for reason in reasons] if reasons else [None] * table.rows,
    )


# --- everything together ---------------------------------------------------------------


class Inputs(NamedTuple):
    """What :func:`load_inputs` returns."""

    graph: SocialGraph
    groups: dict[str, list[int]]
    members: np.ndarray
    candidates: Candidates | None


def load_inputs(
    ties,
    people=None,
    groups=None,
    candidates=None,
    only: Sequence[str] | None = None,
) -> Inputs:
    """Read the input files into a graph, the declared groups and the set to work on.

    Parameters
    ----------
    ties : str or path-like
        Ties file, ``a,b[,kind][,strength]``. It may have no rows only when ``people``
        names the people (everyone is then isolated).
    people : str or path-like, optional
        People file, ``id[,workplace][,city][,languages]``. With it, every id in the other
        files must be listed here; without it, the people are those named in the ties (in
        order of first appearance), then those only named in the groups.
    groups : str or path-like, optional
        Groups file, ``person,group``.
    candidates : str or path-like, optional
        Allowed introductions, ``a,b,cost[,reason]``.
    only : sequence of str, optional
        Names of the groups whose members form the set; needs ``groups``.

    Returns
    -------
    Inputs
        ``graph`` (SocialGraph), ``groups`` (group name to member indices, in file order),
        ``members`` (sorted person indices of the set: everyone without ``groups``,
        otherwise the union of the groups' members, only those in ``only`` if given) and
        ``candidates`` (Candidates or None).

    Raises
    ------
    InputError
        For any bad input, naming the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ties.csv").write_text("a,b\\nana,ben\\nben,cal\\ndee,eve\\n")
    >>> _ = (folder / "groups.csv").write_text("person,group\\nana,Docks\\ndee,Paper\\n")
    >>> inputs = load_inputs(folder / "ties.csv", groups=folder / "groups.csv", only=["Paper"])
    >>> inputs.graph.ids, inputs.members.tolist()
    (['ana', 'ben', 'cal', 'dee', 'eve'], [3])
    """
    if only and groups is None:
        raise InputError("choosing groups by name needs a groups file")
    tie_table, u, v, tie_ids = _read_ties(ties)
    group_table = _read_groups(groups) if groups is not None else None

    if people is not None:
        people_table, attributes = _read_people(people)
        ids = attributes["ids"]
        index = _number(ids)
        source = people_table.filename
        # Recode the ties from their own numbering into the people file's.
        recode = _encode(tie_ids, index)
        _check_known(tie_table, "a", recode[u], source)
        _check_known(tie_table, "b", recode[v], source)
        u, v = recode[u], recode[v]
    else:
        if tie_table.rows == 0:
            raise InputError(
                "no ties after the header; a ties file may be empty only when a people "
                "file names the people",
                filename=tie_table.filename,
                line=2,
            )
        attributes = {}
        source = None
        named = [tie_ids] if group_table is None else [tie_ids, group_table.columns["person"]]
        index = _number(chain.from_iterable(named))
        ids = list(index)

    group_members: dict[str, list[int]] = {}
    if group_table is not None:
        codes = _encode(group_table.columns["person"], index)
        _check_known(group_table, "person", codes, source)
        for code, group in zip(codes.tolist(), group_table.columns["group"], strict=True):
            group_members.setdefault(group, []).append(code)

    n = len(ids)
    edges = np.column_stack([np.minimum(u, v), np.maximum(u, v)]).astype(np.int64)
    workplace, workplace_names = _codes(attributes.get("workplace") or [None] * n)
    city, city_names = _codes(attributes.get("city") or [None] * n)
    masks = attributes.get("languages")
    if masks is None:
        masks = np.zeros(n, dtype=np.int64)
    graph = SocialGraph(
        ids=ids,
        edges=edges.reshape(-1, 2),
        workplace=workplace,
        city=city,
        languages=masks,
        workplace_names=workplace_names,
        city_names=city_names,
        language_names=attributes.get("language_names", []),
    )

    if group_table is None:
        members = np.arange(n, dtype=np.int64)
    else:
        chosen = list(group_members)
        if only:
            unknown = [name for name in only if name not in group_members]
            if unknown:
                raise InputError(
                    f"no group named {unknown[0]!r}; the groups are "
                    + ", ".join(repr(name) for name in group_members),
                    filename=group_table.filename,
                )
            chosen = list(dict.fromkeys(only))
        members = np.unique(
            np.concatenate([np.asarray(group_members[name], dtype=np.int64) for name in chosen])
        )

    result_candidates = read_candidates(candidates, graph) if candidates is not None else None
    return Inputs(graph, group_members, members, result_candidates)
