"""The paper and its distribution.

The paper: issues, one edition per language, articles (Markdown, rendered safely) linked to
their translations.

Distribution is an append-only ledger of two tables: ``Bundle`` (copies of an issue a person
took, or returned) and ``Handout`` (copies a person handed on, counted by category or to a
known person). A mistake is fixed with a correction row that points at the row it corrects
and carries a signed change; nothing is ever updated or deleted.

Two rollups are maintained in the same transaction as every ledger write, so reports never
scan the ledger: ``Holding`` (per issue and person: taken, returned, handed on) is also the row
that is locked to keep "handed on never exceeds taken minus returned", which a database check
constraint backs up; ``Tally`` (per issue, region, group and category) feeds the category
totals. ``collectives.paper.ledger.rebuild_rollups`` recomputes both from the ledger.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectives.people.models import Language

from .markdown import render_markdown


class PaperIssue(models.Model):
    """One issue of the paper. Drafts are seen by editors only, until published."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    date = models.DateField(_("date"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.CheckConstraint(condition=Q(number__gt=0), name="issue_number_positive"),
        ]

    def __str__(self) -> str:
        return _("No. %(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Edition(models.Model):
    """An issue in one language, e.g. the Spanish edition of No. 12."""

    issue = models.ForeignKey(
        PaperIssue, on_delete=models.CASCADE, related_name="editions", verbose_name=_("issue")
    )
    language = models.CharField(_("language"), max_length=5, choices=Language)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ["issue", "language"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["issue", "language"], name="edition_once_per_language"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="edition_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue} ({self.language})"


class Article(models.Model):
    """A story in one edition. ``translation_of`` links a translation to its original."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="articles", verbose_name=_("edition")
    )
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(
        "groups.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    body = models.TextField(_("body"), help_text=_("Markdown."))
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["edition", "position", "id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")), name="article_not_own_translation"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def language(self) -> str:
        return self.edition.language

    def clean(self) -> None:
        """A translation links to an original in the same issue and another language."""
        original = self.translation_of
        if original is None or not self.edition_id:
            return
        if original.translation_of_id:
            raise ValidationError(
                {
                    "translation_of": _(
                        "Link a translation to the original article, not to another translation."
                    )
                }  # fmt: skip
            )
        if original.edition.issue_id != self.edition.issue_id:
            raise ValidationError({"translation_of": _("The original is in another issue.")})
        if original.edition.language == self.edition.language:
            raise ValidationError({"translation_of": _("A translation is in another language.")})

    def body_html(self) -> str:
        return render_markdown(self.body)

    def counterparts(self) -> models.QuerySet:
        """The same story in other languages: its original, and the original's translations."""
        original_id = self.translation_of_id or self.pk
        return (
            Article.objects.filter(Q(pk=original_id) | Q(translation_of_id=original_id))
            .exclude(pk=self.pk)
            .select_related("edition")
        )


class Category(models.TextChoices):
    """To whom copies were handed on."""

    COWORKERS = "coworkers", _("coworkers")
    FRIENDS = "friends", _("friends")
    FAMILY = "family", _("family")
    STUDENTS = "students", _("students")
    NEIGHBORS = "neighbors", _("neighbors")
    GATE_OR_EVENT = "gate_or_event", _("at a plant gate or event")
    OTHER = "other", _("other")


# A correction carries a signed change and names the row it corrects; any other row has
# positive copies and corrects nothing.
LEDGER_ROW_VALID = Q(corrects__isnull=True, copies__gt=0) | (
    Q(corrects__isnull=False) & ~Q(copies=0)
)


class LedgerRow(models.Model):
    """What bundles and hand-outs share. The ledger is append-only: a correction is a new
    row that ``corrects`` an earlier one, with a signed number of copies and a reason."""

    # Where the copies count: copied from the person's holding of the issue, so that
    # scoping and reports need no join through memberships.
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("group"),
    )
    region = models.ForeignKey(
        "groups.Region",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("region"),
    )
    copies = models.IntegerField(_("copies"))
    date = models.DateField(_("date"), default=timezone.localdate)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        db_index=False,  # each ledger has a partial index: corrections are rare
        verbose_name=_("corrects"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # No index: only deleting a user looks rows up by it, and that is rare.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        abstract = True


class Bundle(LedgerRow):
    """Copies of an issue a person took (kind "taken") or gave back (kind "returned")."""

    class Kind(models.TextChoices):
        TAKEN = "taken", _("taken")
        RETURNED = "returned", _("returned")

    issue = models.ForeignKey(
        PaperIssue, on_delete=models.PROTECT, related_name="bundles", verbose_name=_("issue")
    )
    # Single-column indexes only where no composite index below starts with the column:
    # every index costs time on each of a million-row import.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="bundles",
        db_index=False,
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.TAKEN)
    place = models.CharField(_("place"), max_length=120, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("bundle")
        verbose_name_plural = _("bundles")
        constraints = [
            models.CheckConstraint(condition=LEDGER_ROW_VALID, name="bundle_copies_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=["taken", "returned"]), name="bundle_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""), name="bundle_correction_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "issue"], name="bundle_person_issue"),
            models.Index(fields=["group", "issue"], name="bundle_group_issue"),
            models.Index(fields=["region", "issue"], name="bundle_region_issue"),
            models.Index(
                fields=["corrects"],
                condition=Q(corrects__isnull=False),
                name="bundle_corrects",
            ),
        ]

    def __str__(self) -> str:
        return f"bundle {self.pk}: {self.person_id} {self.kind} {self.copies} of {self.issue_id}"


class Handout(LedgerRow):
    """Copies of an issue a person handed on: by category, or to a known person."""

    issue = models.ForeignKey(
        PaperIssue, on_delete=models.PROTECT, related_name="handouts", verbose_name=_("issue")
    )
    # As for bundles: no single-column index where a composite one starts with the column.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="handouts",
        db_index=False,
        verbose_name=_("handed on by"),
    )
    category = models.CharField(_("to"), max_length=20, choices=Category)
    recipient = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies_received",
        db_index=False,  # a partial index below: most hand-outs go to a category
        verbose_name=_("recipient"),
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("hand-out")
        verbose_name_plural = _("hand-outs")
        constraints = [
            models.CheckConstraint(condition=LEDGER_ROW_VALID, name="handout_copies_valid"),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="handout_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="handout_correction_reason",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=True) | ~Q(recipient=F("person")),
                name="handout_not_to_oneself",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "issue"], name="handout_person_issue"),
            models.Index(fields=["group", "issue"], name="handout_group_issue"),
            models.Index(fields=["region", "issue"], name="handout_region_issue"),
            models.Index(
                fields=["corrects"],
                condition=Q(corrects__isnull=False),
                name="handout_corrects",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(recipient__isnull=False),
                name="handout_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"hand-out {self.pk}: {self.person_id} {self.copies} of {self.issue_id}"


HOLDING_COUNTS = ["taken", "returned", "handed_out"]
HANDED_ON = Q(handed_out__gt=0)


class Holding(models.Model):
    """Rollup: one person's copies of one issue. Locked by every write that changes it."""

    # Indexed by the unique (issue, person) and the composite indexes below.
    issue = models.ForeignKey(
        PaperIssue,
        on_delete=models.CASCADE,
        related_name="holdings",
        db_index=False,
        verbose_name=_("issue"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="holdings",
        db_index=False,
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("group"),
    )
    region = models.ForeignKey(
        "groups.Region",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("region"),
    )
    taken = models.IntegerField(_("taken"), default=0)
    returned = models.IntegerField(_("returned"), default=0)
    handed_out = models.IntegerField(_("handed on"), default=0)

    class Meta:
        ordering = ["issue", "person"]
        verbose_name = _("holding")
        verbose_name_plural = _("holdings")
        constraints = [
            models.UniqueConstraint(fields=["issue", "person"], name="holding_once_per_issue"),
            models.CheckConstraint(
                condition=Q(taken__gte=0, returned__gte=0, handed_out__gte=0),
                name="holding_counts_not_negative",
            ),
            # The invariant, in the database as well as in the actions.
            models.CheckConstraint(
                condition=Q(handed_out__lte=F("taken") - F("returned")),
                name="holding_never_hands_out_more_than_taken",
            ),
        ]
        # Reports read holdings only: sums per group and region come from covering
        # indexes, distinct distributors from a partial index of those who handed on.
        indexes = [
            models.Index(fields=["group", "issue", *HOLDING_COUNTS], name="holding_group_sums"),
            models.Index(fields=["region", "issue", *HOLDING_COUNTS], name="holding_region_sums"),
            models.Index(fields=["person", "issue"], name="holding_person_issue"),
            # Who handed copies on, where: one covering index answers "distinct people" for
            # the whole scope, per region and per group. handed_out is in it because SQLite
            # checks a query's WHERE against the index's columns, not its condition.
            models.Index(
                fields=["person", "region", "group", "handed_out"],
                condition=HANDED_ON,
                name="holding_distributors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} holds {self.on_hand} of {self.issue_id}"

    @property
    def on_hand(self) -> int:
        return self.taken - self.returned - self.handed_out


class Tally(models.Model):
    """Rollup: copies handed on per issue, region, group and category."""

    issue = models.ForeignKey(
        PaperIssue, on_delete=models.CASCADE, related_name="+", verbose_name=_("issue")
    )
    region = models.ForeignKey(
        "groups.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category)
    copies = models.IntegerField(_("copies"), default=0)
    handouts = models.IntegerField(_("hand-outs"), default=0)

    class Meta:
        ordering = ["issue", "region", "group", "category"]
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            # Coalesce: one row for "no group" too, on SQLite and PostgreSQL alike.
            models.UniqueConstraint(
                "issue",
                "region",
                Coalesce("group", 0),
                "category",
                name="tally_once_per_key",
            ),
            models.CheckConstraint(condition=Q(copies__gte=0), name="tally_copies_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.region_id}/{self.group_id}/{self.category}: {self.copies}"
