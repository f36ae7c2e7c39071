"""/api/paper (issues and articles) and /api/distribution (the ledger and its summary).

Thin over ``actions`` and ``reach``; every query goes through ``collectives.scoping``. Ids in
request bodies that the user cannot see are reported as unknown (422), ids in paths as 404.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from collectives import scoping
from collectives.api.common import (
    Input,
    ObjectId,
    Page,
    PageQuery,
    ReferenceId,
    paginate,
    resolve,
)
from collectives.audit.log import record

from . import actions, reach
from .actions import MAX_COPIES
from .models import Bundle, PaperIssue

paper_router = Router(tags=["paper"])
distribution_router = Router(tags=["distribution"])

IssueNumber = Field(ge=1, le=2**31 - 1)
CategoryName = Literal[
    "coworkers", "friends", "family", "students", "neighbors", "gate_or_event", "other"
]


# The paper ------------------------------------------------------------------------------


class ArticleBrief(Schema):
    id: int
    title: str
    language: str
    region: int | None
    translation_of: int | None


class ArticleOut(ArticleBrief):
    issue: int = Field(description="The issue's number.")
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="The body rendered to sanitized HTML.")


class IssueOut(Schema):
    number: int
    date: Date
    published_at: datetime | None
    languages: list[str]


class IssueDetail(IssueOut):
    articles: list[ArticleBrief]


class IssueIn(Input):
    number: int = IssueNumber
    date: Date


class ArticleIn(Input):
    language: Literal["en", "es"]
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=200_000)
    region: ReferenceId | None = None
    translation_of: ReferenceId | None = None
    position: int = Field(0, ge=0, le=1000)


def _article_brief(article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "language": article.edition.language,
        "region": article.region_id,
        "translation_of": article.translation_of_id,
    }


def _issue_out(issue: PaperIssue, *, articles=None) -> dict:
    out = {
        "number": issue.number,
        "date": issue.date,
        "published_at": issue.published_at,
        "languages": [edition.language for edition in issue.editions.all()],
    }
    if articles is not None:
        out["articles"] = [_article_brief(article) for article in articles]
    return out


def _issue_or_404(user, number: int) -> PaperIssue:
    return scoping.get_visible_or_404(scoping.visible_paper_issues(user), number=number)


@paper_router.get("/issues", response=Page[IssueOut], summary="List issues")
def list_issues(request, page: Query[PageQuery]):
    """Published issues, newest first; editors also see drafts."""
    issues = scoping.visible_paper_issues(request.user).prefetch_related("editions")
    items, count = paginate(request, issues.order_by("-number"), page)
    return {"items": [_issue_out(issue) for issue in items], "count": count}


@paper_router.get("/issues/{number}", response=IssueDetail, summary="Show an issue")
def get_issue(request, number: ObjectId):
    issue = _issue_or_404(request.user, number)
    articles = scoping.visible_articles(request.user).filter(edition__issue=issue)
    record(request.user, "view", issue, via="api")
    return _issue_out(issue, articles=articles.select_related("edition"))


@paper_router.post("/issues", response={201: IssueOut}, summary="Start an issue (editors)")
def create_issue(request, payload: IssueIn):
    issue = actions.create_issue(user=request.user, via="api", **payload.dict())
    return 201, _issue_out(issue)


@paper_router.post("/issues/{number}/publish", response=IssueOut, summary="Publish an issue")
def publish_issue(request, number: ObjectId):
    issue = _issue_or_404(request.user, number)
    return _issue_out(actions.publish_issue(user=request.user, issue=issue, via="api"))


@paper_router.post(
    "/issues/{number}/articles", response={201: ArticleOut}, summary="Add an article (editors)"
)
def create_article(request, number: ObjectId, payload: ArticleIn):
    issue = _issue_or_404(request.user, number)
    fields = payload.dict()
    fields["region"] = resolve(
        scoping.visible_regions(request.user), fields["region"], "region", _("Unknown region.")
    )
    fields["translation_of"] = resolve(
        scoping.visible_articles(request.user).filter(edition__issue=issue),
        fields["translation_of"],
        "translation_of",
        _("Unknown article."),
    )
    article = actions.create_article(user=request.user, issue=issue, via="api", **fields)
    return 201, _article_out(article)


def _article_out(article) -> dict:
    return {
        **_article_brief(article),
        "issue": article.edition.issue.number,
        "body": article.body,
        "body_html": article.body_html(),
    }


@paper_router.get("/articles/{article_id}", response=ArticleOut, summary="Show an article")
def get_article(request, article_id: ObjectId):
    visible = scoping.visible_articles(request.user).select_related("edition__issue")
    article = scoping.get_visible_or_404(visible, pk=article_id)
    record(request.user, "view", article, via="api")
    return _article_out(article)


# Distribution: the summary ----------------------------------------------------------------


class SummaryQuery(Schema):
    issue: int | None = Field(
        None, ge=1, le=2**31 - 1, description="An issue's number; all issues if not given."
    )
    region: ReferenceId | None = Field(None, description="Only this region.")
    collective: ReferenceId | None = Field(None, description="Only this collective.")
    group: ReferenceId | None = Field(None, description="Only this group.")


class CategoryTotal(Schema):
    category: str
    label: str
    copies: int
    handouts: int = Field(description="How many hand-outs were recorded.")


class Figures(Schema):
    taken: int
    returned: int
    handed_out: int
    distributors: int


class RegionTotal(Figures):
    id: int
    name: str


class GroupTotal(Figures):
    id: int | None = Field(description="null: people in no group you can see.")
    name: str
    region: int | None
    collective: int | None
    members: int
    members_distributing: int
    share: float = Field(description="members_distributing / members.")


class Totals(Figures):
    on_hand: int


class Distributors(Schema):
    count: int = Field(description="People who handed copies on.")
    members: int = Field(description="Members of the groups in view.")
    members_distributing: int
    share: float = Field(description="The organizer's first goal: members_distributing / members.")


class Ladder(Schema):
    people: dict[str, int] = Field(description="People in view at each stage now.")
    steps: dict[str, int] = Field(
        description="Steps up the ladder to each stage, while the issue was current "
        "(all time without an issue)."
    )


class IssueRef(Schema):
    number: int
    date: Date


class Summary(Schema):
    issue: IssueRef | None
    where: dict[str, int]
    totals: Totals
    by_category: list[CategoryTotal]
    by_region: list[RegionTotal]
    by_group: list[GroupTotal]
    distributors: Distributors
    ladder: Ladder


def _where(user, query: SummaryQuery) -> reach.Where:
    given = [name for name in ("region", "collective", "group") if getattr(query, name)]
    if len(given) > 1:
        raise ValidationError({given[1]: _("Choose a region, a collective or a group: only one.")})
    if not given:
        return reach.Where()
    name = given[0]
    visible = {
        "region": scoping.visible_regions,
        "collective": scoping.visible_collectives,
        "group": scoping.visible_groups,
    }[name](user)
    return reach.Where(**{name: scoping.get_visible_or_404(visible, pk=getattr(query, name))})


@distribution_router.get("/summary", response=Summary, summary="Reach, in numbers")
def summary(request, query: Query[SummaryQuery]):
    """Totals by category, region and group, distributors, and ladder counts: for one issue
    (``issue=N``, its number) or all, optionally for one region, collective or group. Only
    what the caller may see is counted."""
    where = _where(request.user, query)
    issue = None
    if query.issue is not None:
        visible = scoping.visible_paper_issues(request.user).filter(published_at__isnull=False)
        issue = scoping.get_visible_or_404(visible, number=query.issue)
    return reach.summary(request.user, issue=issue, where=where)


# Distribution: the ledger -----------------------------------------------------------------


class LedgerQuery(PageQuery):
    issue: int | None = Field(None, ge=1, le=2**31 - 1, description="Only this issue (number).")
    person: ReferenceId | None = Field(None, description="Only this person's entries.")


class BundleOut(Schema):
    id: int
    issue: int
    person: int
    group: int | None
    region: int
    kind: str
    copies: int
    date: Date
    place: str
    corrects: int | None
    reason: str


class HandoutOut(Schema):
    id: int
    issue: int
    person: int
    group: int | None
    region: int
    category: str
    recipient: int | None
    copies: int
    date: Date
    corrects: int | None
    reason: str


class BundleIn(Input):
    issue: int = IssueNumber
    person: ReferenceId
    copies: int = Field(ge=1, le=MAX_COPIES)
    kind: Literal["taken", "returned"] = "taken"
    date: Date | None = None
    place: str = Field("", max_length=120)


class HandoutIn(Input):
    issue: int = IssueNumber
    person: ReferenceId = Field(description="Who handed the copies on.")
    category: CategoryName
    copies: int = Field(ge=1, le=MAX_COPIES)
    recipient: ReferenceId | None = Field(None, description="A known person who got them.")
    new_contact: str = Field(
        "", max_length=100, description="Someone new: added as a reader with a tie."
    )
    date: Date | None = None


class CorrectionIn(Input):
    copies: int = Field(ge=0, le=MAX_COPIES, description="The right number of copies.")
    reason: str = Field(min_length=1, max_length=200)


def _row_out(row, *fields, people: set[int] | None = None) -> dict:
    """A ledger row; a recipient not among ``people`` (visible ids, None: all) is null."""
    out = {name: getattr(row, f"{name}_id", None) for name in ("person", "group", "region")}
    out.update(id=row.pk, issue=row.issue.number, copies=row.copies, date=row.date)
    out.update(corrects=row.corrects_id, reason=row.reason)
    out.update({name: getattr(row, name) for name in fields})
    if "recipient" in fields:
        seen = people is None or row.recipient_id in people
        out["recipient"] = row.recipient_id if seen else None
    return out


def _handout_out(user, handouts: list) -> list[dict]:
    # A hand-out the user sees may name a recipient they do not: leave it out.
    people = scoping.visible_person_ids(user, among=[h.recipient_id for h in handouts])
    return [_row_out(handout, "category", "recipient", people=people) for handout in handouts]


def _ledger(request, rows, query: LedgerQuery, *fields):
    if query.issue is not None:
        rows = rows.filter(issue__number=query.issue)
    if query.person is not None:
        rows = rows.filter(person_id=query.person)
    items, count = paginate(request, rows.select_related("issue").order_by("-id"), query)
    if "recipient" in fields:
        return {"items": _handout_out(request.user, items), "count": count}
    return {"items": [_row_out(row, *fields) for row in items], "count": count}


def _published_issue(user, number: int) -> PaperIssue:
    issue = scoping.visible_paper_issues(user).filter(number=number).first()
    if issue is None:
        raise ValidationError({"issue": ValidationError(_("Unknown issue."), code="unknown")})
    return issue


def _person(user, pk, field: str):
    return resolve(scoping.visible_people(user), pk, field, _("Unknown person."))


@distribution_router.get("/bundles", response=Page[BundleOut], summary="List bundles")
def list_bundles(request, query: Query[LedgerQuery]):
    """Copies taken and returned (and corrections), newest first."""
    return _ledger(request, scoping.visible_bundles(request.user), query, "kind", "place")


@distribution_router.post("/bundles", response={201: BundleOut}, summary="Record a bundle")
def create_bundle(request, payload: BundleIn):
    """Copies taken (``kind: taken``) or given back (``kind: returned``) by ``person``."""
    user = request.user
    issue = _published_issue(user, payload.issue)
    by = _person(user, payload.person, "person")
    common = {"user": user, "issue": issue, "by": by, "copies": payload.copies, "via": "api"}
    if payload.kind == Bundle.Kind.RETURNED:
        bundle = actions.record_return(**common, on=payload.date)
    else:
        bundle = actions.record_bundle(**common, on=payload.date, place=payload.place)
    return 201, _row_out(bundle, "kind", "place")


@distribution_router.post(
    "/bundles/{bundle_id}/corrections", response={201: BundleOut}, summary="Correct a bundle"
)
def correct_bundle(request, bundle_id: ObjectId, payload: CorrectionIn):
    """Add a correction row: the bundle should have said ``copies``."""
    bundle = scoping.get_visible_or_404(scoping.visible_bundles(request.user), pk=bundle_id)
    correction = actions.correct_bundle(
        user=request.user, bundle=bundle, via="api", **payload.dict()
    )
    return 201, _row_out(correction, "kind", "place")


@distribution_router.get("/handouts", response=Page[HandoutOut], summary="List hand-outs")
def list_handouts(request, query: Query[LedgerQuery]):
    """Copies handed on (and corrections), newest first."""
    return _ledger(request, scoping.visible_handouts(request.user), query, "category", "recipient")


@distribution_router.post("/handouts", response={201: HandoutOut}, summary="Record a hand-out")
def create_handout(request, payload: HandoutIn):
    user = request.user
    handout = actions.record_handout(
        user=user,
        issue=_published_issue(user, payload.issue),
        by=_person(user, payload.person, "person"),
        to=_person(user, payload.recipient, "recipient"),
        new_contact=payload.new_contact,
        copies=payload.copies,
        category=payload.category,
        on=payload.date,
        via="api",
    )
    return 201, _handout_out(user, [handout])[0]


@distribution_router.post(
    "/handouts/{handout_id}/corrections", response={201: HandoutOut}, summary="Correct a hand-out"
)
def correct_handout(request, handout_id: ObjectId, payload: CorrectionIn):
    """Add a correction row: the hand-out should have said ``copies`` (0 cancels it)."""
    handout = scoping.get_visible_or_404(scoping.visible_handouts(request.user), pk=handout_id)
    correction = actions.correct_handout(
        user=request.user, handout=handout, via="api", **payload.dict()
    )
    return 201, _handout_out(request.user, [correction])[0]
