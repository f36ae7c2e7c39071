"""The planner page: how fragile the chosen groups are, and how to knit them together."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import services
from .adapter import select_for
from .forms import PlanForm

# A page must answer while the organizer waits; the API and the CLI allow longer.
PAGE_TIME_LIMIT = 10


def _reason(item: dict, names: dict) -> str:
    """The engine's reason in the reader's language, naming the shared friend."""
    if item["via"]:
        return _("both know %(name)s") % {"name": names.get(item["via"], "?")}
    if item["reason"].startswith("both at "):
        return _("both at %(place)s") % {"place": item["reason"].removeprefix("both at ")}
    if item["reason"] == "strangers":
        return _("strangers")
    return item["reason"]


def _with_names(document: dict, ids) -> list[str]:
    return [document["names"].get(i, "?") for i in ids]


@require_safe
@login_required
def plan(request):
    form = PlanForm(request.GET or None, user=request.user)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        selection = select_for(request.user, groups=data["groups"], collective=data["collective"])
        target = data["target"]
        document = services.plan(
            selection,
            k=1 if target == "1" else 2,
            vertex=target == "vertex",
            max_per_person=data["max_per_person"],
            time_limit=PAGE_TIME_LIMIT,
        )
        names = document["names"]
        context.update(
            plan=document,
            fragile_people=[
                {"name": names.get(d["id"], "?"), "cut_off": d["cut_off"]}
                for d in document["before"]["articulation_details"]
            ],
            fragile_ties=[
                {"a": names.get(d["a"], "?"), "b": names.get(d["b"], "?"), "cut_off": d["cut_off"]}
                for d in document["before"]["bridge_details"]
            ],
            introductions=[
                {
                    **item,
                    "reason": _reason(item, names),
                    "a_name": names.get(item["a"]),
                    "b_name": names.get(item["b"]),
                    "via_name": names.get(item["via"]) if item["via"] else None,
                }
                for item in document["introductions"]
            ],
            growth=services.growth(selection, limit=10),
        )
        if data.get("gatherings"):
            gatherings = services.gatherings(
                selection, count=data["gatherings"], size=data["gathering_size"] or 8
            )
            context["gatherings"] = gatherings
            context["guest_lists"] = [
                _with_names(gatherings, guests) for guests in gatherings["gatherings"]
            ]
        context["growth_rows"] = [
            {
                "name": context["growth"]["names"].get(s["person"], "?"),
                "ties": s["ties_into"],
                "via": context["growth"]["names"].get(s["via"]) if s["via"] else None,
            }
            for s in context["growth"]["suggestions"]
        ]
    return render(request, "planner/plan.html", context)
