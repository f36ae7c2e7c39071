"""Reach: how far the paper goes, by issue, category, region, collective and group.

Every figure is counted from the rollups (``Holding`` per issue and person, ``Tally`` per
issue, region, group and category) restricted by ``collectives.scoping``, so a summary costs
a few indexed aggregate queries however long the ledger grows. The pages, charts, CSV
exports and the JSON API all read from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from collectives import scoping
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Stage, StageStep

from .models import Category, PaperIssue

__all__ = ["Where", "summary", "trend", "growth", "issue_period"]


# Aliases differ from the field names: an annotation may not shadow a field.
SUMS = {
    "sum_taken": Sum("taken"),
    "sum_returned": Sum("returned"),
    "sum_handed_out": Sum("handed_out"),
}


@dataclass(frozen=True)
class Where:
    """An optional narrowing to one region, collective or group (at most one)."""

    region: Region | None = None
    collective: Collective | None = None
    group: Group | None = None

    def rows(self) -> Q:
        """The condition on distribution rows and rollups (they carry region and group)."""
        if self.group:
            return Q(group_id=self.group.pk)
        if self.collective:
            return Q(group__collective_id=self.collective.pk)
        if self.region:
            return Q(region_id=self.region.pk)
        return Q()

    def groups(self, user) -> QuerySet[Group]:
        groups = scoping.visible_groups(user)
        if self.group:
            return groups.filter(pk=self.group.pk)
        if self.collective:
            return groups.filter(collective_id=self.collective.pk)
        if self.region:
            return groups.filter(region_id=self.region.pk)
        return groups

    def people(self, user) -> QuerySet:
        people = scoping.visible_people(user)
        if self.group or self.collective:
            members = Membership.objects.filter(group__in=self.groups(user))
            return people.filter(pk__in=members.values("person_id"))
        if self.region:
            return people.filter(region_id=self.region.pk)
        return people

    def params(self) -> dict:
        for name in ("group", "collective", "region"):
            if getattr(self, name):
                return {name: getattr(self, name).pk}
        return {}

    def label(self) -> str:
        return str(self.group or self.collective or self.region or _("Everything you can see"))


def issue_period(issue: PaperIssue):
    """The days an issue is the current one: from its date to the next published issue's."""
    following = (
        PaperIssue.objects.filter(date__gt=issue.date, published_at__isnull=False)
        .order_by("date")
        .values("date")
        .first()
    )
    return issue.date, following["date"] if following else None


def _holdings(user, issue, where: Where) -> QuerySet:
    # order_by(): the models' default orderings would join other tables into every aggregate.
    holdings = scoping.visible_holdings(user).filter(where.rows()).order_by()
    return holdings.filter(issue=issue) if issue else holdings


def _categories(user, issue, where: Where) -> list[dict]:
    tallies = scoping.rollup_tallies(user)
    if tallies is not None:
        rows = tallies.filter(where.rows()).order_by()
        rows = rows.filter(issue=issue) if issue else rows
        totals = rows.values("category").annotate(copies=Sum("copies"), handouts=Sum("handouts"))
    else:
        # A person-shaped scope: count the (few) hand-outs themselves.
        rows = scoping.visible_handouts(user).filter(where.rows()).order_by()
        rows = rows.filter(issue=issue) if issue else rows
        totals = rows.values("category").annotate(
            copies=Sum("copies"), handouts=Count("id", filter=Q(corrects__isnull=True))
        )
    found = {row["category"]: row for row in totals}
    return [
        {
            "category": value,
            "label": str(label),
            "copies": found.get(value, {}).get("copies") or 0,
            "handouts": found.get(value, {}).get("handouts") or 0,
        }
        for value, label in Category.choices
    ]


def _sums(rows) -> dict:
    totals = rows.aggregate(**SUMS)
    return {key.removeprefix("sum_"): value or 0 for key, value in totals.items()}


def _by(holdings: QuerySet, field: str, distributors: dict[int, set]) -> dict:
    """Per value of ``field``: copies taken, returned and handed on (from a covering index),
    and how many distinct people handed copies on."""
    rows = {row[field]: row for row in holdings.values(field).annotate(**SUMS)}
    for value, people in distributors.items():
        rows.setdefault(value, {})["distributors"] = len(people)
    return rows


def _distributors(holdings: QuerySet) -> tuple[set, dict, dict]:
    """Who handed copies on: everyone, per region and per group, counted in Python from one
    list of distinct (person, region, group): cheaper than COUNT(DISTINCT) per grouping."""
    people, by_region, by_group = set(), defaultdict(set), defaultdict(set)
    rows = holdings.filter(handed_out__gt=0).values_list("person_id", "region_id", "group_id")
    for person_id, region_id, group_id in rows.distinct():
        people.add(person_id)
        by_region[region_id].add(person_id)
        by_group[group_id].add(person_id)
    return people, by_region, by_group


def _figures(row: dict | None) -> dict:
    row = row or {}
    figures = {key: row.get(f"sum_{key}") or 0 for key in ("taken", "returned", "handed_out")}
    figures["distributors"] = row.get("distributors") or 0
    return figures


def _members(user, where: Where, distributing: set[int]) -> dict:
    """Per visible group: members, and members among ``distributing``; and across groups,
    each person counted once. Counted in Python from one list of (group, person) pairs:
    cheaper than asking the database for distinct counts per group and overall."""
    pairs = (
        Membership.objects.filter(group__in=where.groups(user))
        .order_by()
        .values_list("group_id", "person_id")
    )
    groups: dict[int, dict] = defaultdict(lambda: {"members": 0, "distributing": 0})
    members = set()
    for group_id, person_id in pairs:
        groups[group_id]["members"] += 1
        groups[group_id]["distributing"] += person_id in distributing
        members.add(person_id)
    everyone = {"members": len(members), "distributing": len(members & distributing)}
    return {"groups": groups, "all": everyone}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _ladder(user, issue, where: Where) -> dict:
    people = where.people(user).order_by()
    current = dict(people.values_list("stage").annotate(n=Count("id")).order_by())
    steps = StageStep.objects.filter(person__in=people.values("pk")).order_by()
    if issue:
        start, end = issue_period(issue)
        steps = steps.filter(date__gte=start)
        if end:
            steps = steps.filter(date__lt=end)
    moved = dict(steps.values_list("stage").annotate(n=Count("id")).order_by())
    return {
        "people": {stage: current.get(stage, 0) for stage in Stage.values},
        "steps": {stage: moved.get(stage, 0) for stage in Stage.values},
    }


def summary(user, *, issue: PaperIssue | None = None, where: Where = Where()) -> dict:
    """Everything the reach pages and ``/api/distribution/summary`` show for one issue, or
    for all issues when ``issue`` is None, limited to what ``user`` may see."""
    holdings = _holdings(user, issue, where)
    totals = _sums(holdings)
    totals["on_hand"] = totals["taken"] - totals["returned"] - totals["handed_out"]
    distributing, region_people, group_people = _distributors(holdings)
    distributors = len(distributing)
    by_region_rows = _by(holdings, "region_id", region_people)
    by_group_rows = _by(holdings, "group_id", group_people)
    members = _members(user, where, distributing)

    regions = scoping.visible_regions(user).filter(
        pk__in=[pk for pk in by_region_rows if pk is not None]
    )
    by_region = [
        {"id": r.pk, "name": r.name, **_figures(by_region_rows.pop(r.pk))} for r in regions
    ]
    groups = where.groups(user).select_related("region", "collective").order_by("region", "name")
    by_group = []
    for group in groups:
        counts = members["groups"].get(group.pk, {})
        row = {
            "id": group.pk,
            "name": group.name,
            "region": group.region_id,
            "collective": group.collective_id,
            **_figures(by_group_rows.pop(group.pk, None)),
            "members": counts.get("members", 0),
            "members_distributing": counts.get("distributing", 0),
        }
        row["share"] = _share(row["members_distributing"], row["members"])
        by_group.append(row)
    # Rows outside any group the user sees (people in no group, or in a group they left).
    rest = [_figures(row) for row in by_group_rows.values()]
    if rest:
        other = {key: sum(row[key] for row in rest) for key in rest[0]}
        nowhere = {"id": None, "name": _("No group"), "region": None, "collective": None}
        by_group.append({**nowhere, **other, "members": 0, "members_distributing": 0, "share": 0.0})
    return {
        "issue": {"number": issue.number, "date": issue.date} if issue else None,
        "where": where.params(),
        "totals": {**totals, "distributors": distributors},
        "by_category": _categories(user, issue, where),
        "by_region": by_region,
        "by_group": by_group,
        "distributors": {
            "count": distributors,
            "members": members["all"]["members"],
            "members_distributing": members["all"]["distributing"],
            "share": _share(members["all"]["distributing"], members["all"]["members"]),
        },
        "ladder": _ladder(user, issue, where),
    }


def trend(user, *, where: Where = Where(), issues: list[PaperIssue] | None = None) -> list[dict]:
    """Per issue, oldest first: copies taken and handed on, distributors, members' share."""
    issues = (
        issues
        if issues is not None
        else list(
            scoping.visible_paper_issues(user).filter(published_at__isnull=False).order_by("number")
        )
    )
    holdings = scoping.visible_holdings(user).filter(where.rows(), issue__in=issues).order_by()
    per_issue = {
        row["issue_id"]: row
        for row in holdings.values("issue_id").annotate(
            **SUMS,
            distributors=Count("person_id", filter=Q(handed_out__gt=0)),
        )
    }
    member_ids = (
        Membership.objects.filter(group__in=where.groups(user)).order_by().values("person_id")
    )
    member_count = member_ids.distinct().count()
    distributing_members = dict(
        holdings.filter(handed_out__gt=0, person_id__in=member_ids)
        .values_list("issue_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    result = []
    for issue in issues:
        row = _figures(per_issue.get(issue.pk))
        members = distributing_members.get(issue.pk, 0)
        result.append(
            {
                "number": issue.number,
                "date": issue.date,
                **row,
                "members": member_count,
                "members_distributing": members,
                "share": _share(members, member_count),
            }
        )
    return result


def growth(user, *, where: Where = Where(), span: int = 6, limit: int = 10) -> list[dict]:
    """The groups whose distributors grew most over the last ``span`` published issues."""
    issues = list(
        scoping.visible_paper_issues(user)
        .filter(published_at__isnull=False)
        .order_by("-number")[:span]
    )
    if len(issues) < 2:
        return []
    first, last = issues[-1], issues[0]
    holdings = (
        scoping.visible_holdings(user)
        .filter(where.rows(), issue__in=[first, last], group__isnull=False)
        .order_by()
    )
    counts: dict[int, dict[int, dict]] = defaultdict(dict)
    for row in holdings.values("group_id", "issue_id").annotate(
        distributors=Count("person_id", filter=Q(handed_out__gt=0)),
        sum_handed_out=Sum("handed_out"),
    ):
        counts[row["group_id"]][row["issue_id"]] = row
    groups = where.groups(user).filter(pk__in=counts.keys())
    result = []
    for group in groups:
        before = counts[group.pk].get(first.pk, {})
        after = counts[group.pk].get(last.pk, {})
        result.append(
            {
                "id": group.pk,
                "name": group.name,
                "from_issue": first.number,
                "to_issue": last.number,
                "distributors_before": before.get("distributors", 0),
                "distributors_after": after.get("distributors", 0),
                "handed_out_before": before.get("sum_handed_out") or 0,
                "handed_out_after": after.get("sum_handed_out") or 0,
            }
        )
    for row in result:
        row["change"] = row["distributors_after"] - row["distributors_before"]
    result.sort(key=lambda r: (-r["change"], -r["handed_out_after"], r["name"]))
    return result[:limit]
