"""Workflows on the paper and its distribution: validate, write in one transaction, audit.

Like the people actions, every action takes the acting ``user``: records outside their scope
raise Http404, records they see but may not change raise PermissionDenied, bad input raises
ValidationError with field errors before anything is written.

Distribution rows are recorded for a person ``by`` (the one who took or handed on copies):
the user themselves, or someone they manage. The ledger is append-only: a correction is a
new row. "Handed on never exceeds taken minus returned" is checked under a lock on the
person's holding of the issue and backed by a check constraint in the database.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectives import scoping
from collectives.accounts.models import Organization
from collectives.audit.log import record
from collectives.people import actions as people_actions
from collectives.people.models import Language, Person, Stage, TieKind, TieSource

from . import ledger
from .models import Article, Bundle, Category, Edition, Handout, Holding, PaperIssue

# The kind of tie a hand-out suggests, when it makes a new contact on the spot.
TIE_KIND_FOR_CATEGORY = {
    Category.COWORKERS: TieKind.COWORKER,
    Category.FRIENDS: TieKind.FRIEND,
    Category.FAMILY: TieKind.FAMILY,
    Category.STUDENTS: TieKind.STUDENT,
    Category.NEIGHBORS: TieKind.NEIGHBOR,
    Category.GATE_OR_EVENT: TieKind.OTHER,
    Category.OTHER: TieKind.OTHER,
}
MAX_COPIES = 100_000


# The paper ------------------------------------------------------------------------------


def _require_editor(user) -> None:
    if not scoping.can_edit_paper(user):
        raise PermissionDenied(_("Only editors can change the paper."))


def _check_issue_fields(*, number, issue_date, instance=None) -> None:
    errors = {}
    if not isinstance(number, int) or number < 1:
        errors["number"] = _("The number must be a whole number of at least 1.")
    elif PaperIssue.objects.filter(number=number).exclude(pk=getattr(instance, "pk", None)):
        errors["number"] = _("There is already an issue with this number.")
    if not isinstance(issue_date, date):
        errors["date"] = _("Enter a date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_issue(*, user, number: int, date: date, via: str = "web") -> PaperIssue:
    """Start a new issue, as a draft, with an edition in each of the organization's languages."""
    _require_editor(user)
    _check_issue_fields(number=number, issue_date=date)
    issue = PaperIssue.objects.create(number=number, date=date, created_by=user)
    languages = Organization.current().languages or [Language.ENGLISH]
    for language in languages:
        if language in Language.values:
            Edition.objects.create(issue=issue, language=language)
    record(user, "create", issue, via=via)
    return issue


@transaction.atomic
def update_issue(*, user, issue: PaperIssue, number: int, date: date, via: str = "web"):
    _require_editor(user)
    _check_issue_fields(number=number, issue_date=date, instance=issue)
    issue.number, issue.date = number, date
    issue.save(update_fields=["number", "date"])
    record(user, "change", issue, via=via)
    return issue


@transaction.atomic
def publish_issue(*, user, issue: PaperIssue, via: str = "web") -> PaperIssue:
    """Make an issue readable by every member; publishing twice changes nothing."""
    _require_editor(user)
    issue = PaperIssue.objects.select_for_update().get(pk=issue.pk)
    if not Article.objects.filter(edition__issue=issue).exists():
        raise ValidationError(_("An issue needs at least one article before it is published."))
    if issue.published_at is None:
        issue.published_at = timezone.now()
        issue.save(update_fields=["published_at"])
        record(user, "change", issue, via=via)
    return issue


def _edition(issue: PaperIssue, language: str) -> Edition:
    if language not in Language.values:
        raise ValidationError({"language": _("Unknown language.")})
    edition, _created = Edition.objects.get_or_create(issue=issue, language=language)
    return edition


@transaction.atomic
def create_article(
    *,
    user,
    issue: PaperIssue,
    language: str,
    title: str,
    body: str,
    region=None,
    translation_of: Article | None = None,
    position: int = 0,
    via: str = "web",
) -> Article:
    _require_editor(user)
    article = Article(
        edition=_edition(issue, language),
        title=title,
        body=body,
        region=region,
        translation_of=translation_of,
        position=position,
    )
    article.full_clean()
    article.save()
    record(user, "create", article, via=via)
    return article


ARTICLE_FIELDS = ("title", "body", "region", "translation_of", "position", "language")


@transaction.atomic
def update_article(*, user, article: Article, via: str = "web", **fields) -> Article:
    _require_editor(user)
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    if "language" in fields:
        article.edition = _edition(article.edition.issue, fields.pop("language"))
    for name, value in fields.items():
        setattr(article, name, value)
    article.updated = timezone.now()
    article.full_clean()
    article.save()
    record(user, "change", article, via=via)
    return article


# Distribution: checks shared by every action --------------------------------------------


def _check_distributor(user, by: Person) -> None:
    """The user records for themselves or for someone they manage."""
    scoping.require_manageable(
        user, scoping.visible_people(user), scoping.distributing_people(user), by
    )


def _check_issue(user, issue: PaperIssue) -> None:
    scoping.get_visible_or_404(scoping.visible_paper_issues(user), pk=issue.pk)
    if not issue.is_published:
        raise ValidationError({"issue": _("Copies can only be recorded for published issues.")})


def _check_copies(copies, *, field: str = "copies", allow_zero: bool = False) -> None:
    low = 0 if allow_zero else 1
    if not isinstance(copies, int) or isinstance(copies, bool) or not low <= copies <= MAX_COPIES:
        raise ValidationError(
            {
                field: _("Enter a whole number from %(low)s to %(high)s.")
                % {"low": low, "high": MAX_COPIES}
            }
        )


def _check_date(on: date) -> None:
    if on > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})


def _not_enough(holding: Holding | None, issue: PaperIssue, wanted: int) -> ValidationError:
    if holding is None or holding.taken == 0:
        message = _(
            "No copies of %(issue)s are recorded as taken yet. Record the copies taken first."
        ) % {"issue": issue}
    else:
        message = ngettext(
            "Only %(left)s copy of %(issue)s is left (%(taken)s taken, %(returned)s "
            "returned, %(handed)s handed on), not %(wanted)s. Record the copies taken first, "
            "or correct an earlier entry.",
            "Only %(left)s copies of %(issue)s are left (%(taken)s taken, %(returned)s "
            "returned, %(handed)s handed on), not %(wanted)s. Record the copies taken first, "
            "or correct an earlier entry.",
            holding.on_hand,
        ) % {
            "left": holding.on_hand,
            "issue": issue,
            "taken": holding.taken,
            "returned": holding.returned,
            "handed": holding.handed_out,
            "wanted": wanted,
        }
    return ValidationError({"copies": message}, code="not_enough_copies")


def _add_to_holding(holding: Holding, **changes: int) -> None:
    """Add to the locked holding's counts in SQL (``x = x + n``), so that even a writer that
    slipped past the lock would meet the database's check constraint, not overwrite."""
    Holding.objects.filter(pk=holding.pk).update(
        **{name: F(name) + value for name, value in changes.items()}
    )


# Bundles ---------------------------------------------------------------------------------


@transaction.atomic
def record_bundle(
    *,
    user,
    issue: PaperIssue,
    by: Person,
    copies: int,
    on: date | None = None,
    place: str = "",
    via: str = "web",
) -> Bundle:
    """``by`` took ``copies`` of ``issue`` to hand on."""
    on = on or timezone.localdate()
    _check_distributor(user, by)
    _check_issue(user, issue)
    _check_copies(copies)
    _check_date(on)
    if len(place) > 120:
        raise ValidationError({"place": _("Keep the place under 120 characters.")})
    holding = ledger.lock_holding(issue, by, create=True)
    bundle = Bundle.objects.create(
        issue=issue,
        person=by,
        group_id=holding.group_id,
        region_id=holding.region_id,
        kind=Bundle.Kind.TAKEN,
        copies=copies,
        date=on,
        place=place,
        recorded_by=user,
    )
    _add_to_holding(holding, taken=copies)
    record(user, "create", bundle, via=via)
    return bundle


@transaction.atomic
def record_return(
    *, user, issue: PaperIssue, by: Person, copies: int, on: date | None = None, via: str = "web"
) -> Bundle:
    """``by`` gave back ``copies`` of ``issue`` they did not hand on."""
    on = on or timezone.localdate()
    _check_distributor(user, by)
    _check_issue(user, issue)
    _check_copies(copies)
    _check_date(on)
    holding = ledger.lock_holding(issue, by, create=False)
    if holding is None or copies > holding.on_hand:
        raise _not_enough(holding, issue, copies)
    bundle = Bundle.objects.create(
        issue=issue,
        person=by,
        group_id=holding.group_id,
        region_id=holding.region_id,
        kind=Bundle.Kind.RETURNED,
        copies=copies,
        date=on,
        recorded_by=user,
    )
    _add_to_holding(holding, returned=copies)
    record(user, "create", bundle, via=via)
    return bundle


def corrected_total(row) -> int:
    """What a ledger row says now: its copies plus those of its corrections."""
    return row.copies + (row.corrections.aggregate(total=Sum("copies"))["total"] or 0)


def _check_correction(user, row, copies: int, reason: str) -> None:
    _check_distributor(user, row.person)
    _check_copies(copies, allow_zero=True)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why this entry is corrected.")})
    if len(reason.strip()) > 200:
        raise ValidationError({"reason": _("Keep the reason under 200 characters.")})


def _change(original, copies: int) -> int:
    """How far ``copies`` is from what the original row and its corrections say now."""
    change = copies - corrected_total(original)
    if change == 0:
        raise ValidationError({"copies": _("This is already the recorded number.")})
    return change


@transaction.atomic
def correct_bundle(*, user, bundle: Bundle, copies: int, reason: str, via: str = "web") -> Bundle:
    """Record that ``bundle`` (taken or returned) should have said ``copies``: a new row."""
    scoping.get_visible_or_404(scoping.visible_bundles(user), pk=bundle.pk)
    original = bundle.corrects or bundle
    _check_correction(user, original, copies, reason)
    holding = ledger.lock_holding(original.issue, original.person, create=False)
    change = _change(original, copies)
    taken, returned = holding.taken, holding.returned
    if original.kind == Bundle.Kind.TAKEN:
        taken += change
    else:
        returned += change
    if holding.handed_out > taken - returned:
        raise ValidationError(
            {
                "copies": _(
                    "%(handed)s copies are already handed on; correct those hand-outs first."
                )
                % {"handed": holding.handed_out}
            }
        )
    correction = Bundle.objects.create(
        issue_id=original.issue_id,
        person_id=original.person_id,
        group_id=original.group_id,
        region_id=original.region_id,
        kind=original.kind,
        copies=change,
        date=timezone.localdate(),
        place=original.place,
        corrects=original,
        reason=reason.strip(),
        recorded_by=user,
    )
    _add_to_holding(holding, taken=taken - holding.taken, returned=returned - holding.returned)
    record(user, "create", correction, via=via)
    return correction


# Hand-outs -------------------------------------------------------------------------------


def _new_contact(*, user, by: Person, name: str, category: str, on: date, via: str) -> Person:
    """Someone met while handing on the paper: a reader from the start, tied to ``by``."""
    person = people_actions.create_person(
        user=user, stage=Stage.READER, via=via, display_name=name.strip(), region=by.region
    )
    people_actions.create_tie(
        user=user,
        person=by,
        other=person,
        kinds=[TIE_KIND_FOR_CATEGORY[category]],
        since=on,
        source=TieSource.ENTERED,
        via=via,
    )
    return person


@transaction.atomic
def record_handout(
    *,
    user,
    issue: PaperIssue,
    by: Person,
    copies: int,
    category: str,
    to: Person | None = None,
    new_contact: str = "",
    on: date | None = None,
    via: str = "web",
) -> Handout:
    """``by`` handed ``copies`` of ``issue`` on: to a category of people, to a known person
    (``to``), or to someone met on the spot (``new_contact``, a display name), who is added
    as a reader with a tie to ``by``. A reader who hands copies on becomes a distributor."""
    on = on or timezone.localdate()
    _check_distributor(user, by)
    _check_issue(user, issue)
    _check_copies(copies)
    _check_date(on)
    if category not in Category.values:
        raise ValidationError({"category": _("Choose whom the copies went to.")})
    if to is not None and new_contact:
        raise ValidationError({"to": _("Choose a known person or add a new contact, not both.")})
    if to is not None:
        scoping.get_visible_or_404(scoping.visible_people(user), pk=to.pk)
        if to.pk == by.pk:
            raise ValidationError({"to": _("Copies handed to oneself are not handed on.")})
    holding = ledger.lock_holding(issue, by, create=False)
    if holding is None or copies > holding.on_hand:
        raise _not_enough(holding, issue, copies)
    if new_contact.strip():
        try:
            to = _new_contact(user=user, by=by, name=new_contact, category=category, on=on, via=via)
        except ValidationError as error:
            raise ValidationError({"new_contact": error.messages}) from None
    elif to is not None and to.stage == Stage.CONTACT:
        ledger.climb(to, Stage.READER, on=on, user=user)
    handout = Handout.objects.create(
        issue=issue,
        person=by,
        group_id=holding.group_id,
        region_id=holding.region_id,
        category=category,
        recipient=to,
        copies=copies,
        date=on,
        recorded_by=user,
    )
    _add_to_holding(holding, handed_out=copies)
    ledger.add_to_tally(
        issue_id=issue.pk,
        region_id=holding.region_id,
        group_id=holding.group_id,
        category=category,
        copies=copies,
        handouts=1,
    )
    ledger.climb(by, Stage.DISTRIBUTOR, on=on, user=user)
    record(user, "create", handout, via=via)
    return handout


@transaction.atomic
def correct_handout(
    *, user, handout: Handout, copies: int, reason: str, via: str = "web"
) -> Handout:
    """Record that ``handout`` should have said ``copies`` (0 to cancel it): a new row."""
    scoping.get_visible_or_404(scoping.visible_handouts(user), pk=handout.pk)
    original = handout.corrects or handout
    _check_correction(user, original, copies, reason)
    holding = ledger.lock_holding(original.issue, original.person, create=False)
    change = _change(original, copies)
    if change > holding.on_hand:
        raise _not_enough(holding, original.issue, change)
    correction = Handout.objects.create(
        issue_id=original.issue_id,
        person_id=original.person_id,
        group_id=original.group_id,
        region_id=original.region_id,
        category=original.category,
        recipient_id=original.recipient_id,
        copies=change,
        date=timezone.localdate(),
        corrects=original,
        reason=reason.strip(),
        recorded_by=user,
    )
    _add_to_holding(holding, handed_out=change)
    ledger.add_to_tally(
        issue_id=original.issue_id,
        region_id=original.region_id,
        group_id=original.group_id,
        category=original.category,
        copies=change,
        handouts=0,
    )
    record(user, "create", correction, via=via)
    return correction
