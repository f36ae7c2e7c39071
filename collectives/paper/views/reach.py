"""Reach you can see: tables and charts per issue and over time, and CSV exports.

Every figure comes from ``collectives.paper.reach`` and so from the scoping module; charts
and exports take the same ``region``/``collective``/``group`` parameters as the pages.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from collectives import scoping
from collectives.audit.log import record
from collectives.people.models import Stage

from .. import reach
from ..charts import bar_chart, line_chart
from ..exports import BUNDLE_COLUMNS, HANDOUT_COLUMNS, bundle_rows, handout_rows, safe_text
from ..forms import WhereForm, published_issues


def _where(request):
    form = WhereForm(request.GET, user=request.user)
    return form, form.where()


def _issue_or_404(user, number):
    return scoping.get_visible_or_404(published_issues(user), number=number)


def _svg(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def overview(request):
    """All issues: the trend, the fastest-growing groups, totals by group and category."""
    form, where = _where(request)
    context = {"form": form, "where": where, "query": request.GET.urlencode()}
    context["trend"] = reach.trend(request.user, where=where)
    context["growth"] = reach.growth(request.user, where=where)
    context["summary"] = reach.summary(request.user, where=where)
    context["stages"] = Stage.choices
    return render(request, "paper/reach.html", context)


@login_required
def issue(request, number):
    form, where = _where(request)
    issue = _issue_or_404(request.user, number)
    context = {"form": form, "where": where, "issue": issue, "query": request.GET.urlencode()}
    context["summary"] = reach.summary(request.user, issue=issue, where=where)
    context["period"] = reach.issue_period(issue)
    context["stages"] = Stage.choices
    context["issues"] = published_issues(request.user).order_by("-number")
    return render(request, "paper/reach_issue.html", context)


@never_cache
@login_required
def trend_chart(request):
    _form, where = _where(request)
    rows = reach.trend(request.user, where=where)
    series = {
        _("copies taken"): [row["taken"] for row in rows],
        _("copies handed on"): [row["handed_out"] for row in rows],
        _("distributors"): [row["distributors"] for row in rows],
    }
    labels = [str(row["number"]) for row in rows]
    return _svg(line_chart(_("Copies per issue"), labels, series, no_data=_("No copies yet")))


@never_cache
@login_required
def categories_chart(request, number):
    _form, where = _where(request)
    issue = _issue_or_404(request.user, number)
    rows = reach.summary(request.user, issue=issue, where=where)["by_category"]
    labels = [row["label"] for row in rows]
    series = {_("copies handed on"): [row["copies"] for row in rows]}
    title = _("Copies of %(issue)s handed on, by whom to") % {"issue": issue}
    return _svg(bar_chart(title, labels, series, no_data=_("No copies yet")))


@never_cache
@login_required
def share_chart(request):
    """Per issue: the share of group members who hand the paper on, in percent."""
    _form, where = _where(request)
    rows = reach.trend(request.user, where=where)
    labels = [str(row["number"]) for row in rows]
    series = {_("members distributing, in percent"): [round(100 * row["share"]) for row in rows]}
    title = _("Share of group members who distribute")
    return _svg(bar_chart(title, labels, series, no_data=_("No members yet")))


def _csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_reach(request):
    """The table by group (for one issue with ``?issue=N``, else all issues) as CSV."""
    _form, where = _where(request)
    number = request.GET.get("issue", "")
    issue = (
        _issue_or_404(request.user, int(number)) if number.isdigit() and len(number) < 10 else None
    )
    summary = reach.summary(request.user, issue=issue, where=where)
    groups = scoping.visible_groups(request.user).filter(
        pk__in=[row["id"] for row in summary["by_group"] if row["id"]]
    )
    record(request.user, "export", list(groups))
    keys = ["id", "name", "taken", "returned", "handed_out", "distributors", "members"]
    keys += ["members_distributing", "share"]
    header = ["group_id", "group", *keys[2:]]
    rows = ([safe_text(row[key]) if key == "name" else row[key] for key in keys]
            for row in summary["by_group"])  # fmt: skip
    suffix = f"-{issue.number}" if issue else ""
    return _csv_response(f"reach{suffix}.csv", header, rows)


def _ledger_export(request, *, bundles: bool):
    number = request.GET.get("issue", "")
    rows = (
        scoping.visible_bundles(request.user) if bundles else scoping.visible_handouts(request.user)
    )
    if number.isdigit() and len(number) < 10:
        rows = rows.filter(issue__number=int(number))
    record(request.user, "export", rows.only("pk").order_by("pk").iterator(chunk_size=5000))
    if bundles:
        return _csv_response("bundles.csv", BUNDLE_COLUMNS, bundle_rows(rows))
    people = scoping.visible_person_ids(request.user)
    return _csv_response("handouts.csv", HANDOUT_COLUMNS, handout_rows(rows, visible_people=people))


@login_required
def export_bundles(request):
    return _ledger_export(request, bundles=True)


@login_required
def export_handouts(request):
    return _ledger_export(request, bundles=False)
