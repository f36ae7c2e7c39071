"""CSV columns of the ledger: what exports write and imports read.

Exports write the import columns first, then columns only exports have (ids, names, where
the copies count, corrections), which imports accept and ignore.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

# The columns ``collectives import`` reads; "required" ones must be present in the header.
BUNDLE_IMPORT = {
    "issue": "required: the issue's number",
    "person": "required: who took the copies, by id or exact display name",
    "copies": "required: a whole number, at least 1",
    "kind": "optional: taken (the default) or returned",
    "date": "optional: YYYY-MM-DD, not in the future; the issue's date if empty",
    "place": "optional: where the copies were taken, up to 120 characters",
}
HANDOUT_IMPORT = {
    "issue": "required: the issue's number",
    "person": "required: who handed the copies on, by id or exact display name",
    "category": "required: coworkers, friends, family, students, neighbors, gate_or_event or other",
    "copies": "required: a whole number, at least 1",
    "date": "optional: YYYY-MM-DD, not in the future; the issue's date if empty",
    "recipient": "optional: a known person who received them, by id or exact display name",
}
REQUIRED = {
    "bundles": [name for name, text in BUNDLE_IMPORT.items() if text.startswith("required")],
    "handouts": [name for name, text in HANDOUT_IMPORT.items() if text.startswith("required")],
}
EXPORT_ONLY = ["id", "person_name", "recipient_name", "group", "region", "corrects", "reason"]

BUNDLE_COLUMNS = [*BUNDLE_IMPORT, "id", "person_name", "group", "region", "corrects", "reason"]
HANDOUT_COLUMNS = [*HANDOUT_IMPORT, "id", "person_name", "recipient_name", "group", "region"]
HANDOUT_COLUMNS += ["corrects", "reason"]


# Text a spreadsheet would run as a formula (=, +, -, @ at the start) gets a leading quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    """A free-text cell (names, places, reasons) that cannot turn into a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def bundle_rows(bundles: QuerySet) -> Iterator[list]:
    rows = bundles.order_by("pk").values_list(
        "issue__number", "person_id", "copies", "kind", "date", "place", "pk",
        "person__display_name", "group_id", "region_id", "corrects_id", "reason",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=5000):
        row = ["" if value is None else value for value in row]
        for index in (5, 7, 11):  # place, person_name, reason
            row[index] = safe_text(row[index])
        yield row


def handout_rows(handouts: QuerySet, *, visible_people: set[int] | None) -> Iterator[list]:
    """The hand-outs as CSV rows; a recipient not in ``visible_people`` (ids, None: all)
    is left blank, id and name, since the viewer may not know who they are."""
    rows = handouts.order_by("pk").values_list(
        "issue__number", "person_id", "category", "copies", "date", "recipient_id", "pk",
        "person__display_name", "recipient__display_name", "group_id", "region_id",
        "corrects_id", "reason",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=5000):
        if visible_people is not None and row[5] is not None and row[5] not in visible_people:
            row = (*row[:5], None, *row[6:8], None, *row[9:])  # recipient, recipient_name
        row = ["" if value is None else value for value in row]
        for index in (7, 8, 12):  # person_name, recipient_name, reason
            row[index] = safe_text(row[index])
        yield row
