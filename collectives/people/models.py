"""People, where they work, and the ties between them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectives.validation import not_in_future


class Workplace(models.Model):
    """A plant, shop, school or office, e.g. "Boeing Everett"."""

    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="workplace_unique_name_city")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name


class Stage(models.TextChoices):
    """The reader ladder, in order."""

    CONTACT = "contact", _("contact")
    READER = "reader", _("reader")
    DISTRIBUTOR = "distributor", _("distributor")
    GROUP_MEMBER = "group_member", _("group member")
    PARTY_MEMBER = "party_member", _("party member")

    @classmethod
    def rank(cls, stage: str) -> int:
        return cls.values.index(stage)


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class Person(models.Model):
    """Someone the organization knows. Display names may be pseudonyms; keep data minimal."""

    display_name = models.CharField(_("display name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    region = models.ForeignKey(
        "groups.Region",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("region"),
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("workplace"),
    )
    shift = models.CharField(_("shift"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.CONTACT)
    notes = models.TextField(_("notes"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="person_stage_valid"),
            models.CheckConstraint(
                condition=~Q(display_name=""), name="person_display_name_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        unknown = set(self.languages or []) - set(Language.values)
        if unknown:
            raise ValidationError({"languages": _("Unknown language code.")})


class StageStep(models.Model):
    """One step of a person on the reader ladder: when, to which stage, recorded by whom."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="stage_steps", verbose_name=_("person")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    date = models.DateField(_("date"), default=timezone.localdate, validators=[not_in_future])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["person", "date", "id"]
        verbose_name = _("ladder step")
        verbose_name_plural = _("ladder steps")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="step_stage_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.stage} on {self.date}"


class TieKind(models.TextChoices):
    COWORKER = "coworker", _("coworker")
    FRIEND = "friend", _("friend")
    FAMILY = "family", _("family")
    NEIGHBOR = "neighbor", _("neighbor")
    VANPOOL = "vanpool", _("vanpool")
    STUDENT = "student", _("student")
    COMRADE = "comrade", _("comrade")
    OTHER = "other", _("other")


class TieSource(models.TextChoices):
    ENTERED = "entered", _("entered")
    GATHERING = "gathering", _("gathering")
    IMPORT = "import", _("import")


class TieQuerySet(models.QuerySet):
    def between(self, a: "Person | int", b: "Person | int") -> "TieQuerySet":
        a_id, b_id = sorted(getattr(p, "pk", p) for p in (a, b))
        return self.filter(person_a_id=a_id, person_b_id=b_id)

    def touching(self, person: "Person | int") -> "TieQuerySet":
        person_id = getattr(person, "pk", person)
        return self.filter(Q(person_a_id=person_id) | Q(person_b_id=person_id))


class Tie(models.Model):
    """Two people who know each other. Undirected: stored once, lower id first."""

    person_a = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    person_b = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("other person")
    )
    kinds = models.JSONField(_("kinds"), default=list)
    strength = models.PositiveSmallIntegerField(_("strength"), default=3)
    since = models.DateField(_("since"), null=True, blank=True, validators=[not_in_future])
    source = models.CharField(
        _("source"), max_length=20, choices=TieSource, default=TieSource.ENTERED
    )

    objects = TieQuerySet.as_manager()

    class Meta:
        ordering = ["person_a_id", "person_b_id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            # Storing the lower id first makes "one tie per pair" a plain unique
            # constraint and rules out ties to oneself in the same stroke.
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="tie_ordered_pair_no_self"
            ),
            models.UniqueConstraint(fields=["person_a", "person_b"], name="tie_once_per_pair"),
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=5), name="tie_strength_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(source__in=TieSource.values), name="tie_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} – {self.person_b_id}"

    def other(self, person: Person | int) -> int:
        person_id = getattr(person, "pk", person)
        return self.person_b_id if person_id == self.person_a_id else self.person_a_id

    def clean(self) -> None:
        if self.person_a_id and self.person_a_id == self.person_b_id:
            raise ValidationError(_("A person cannot have a tie to themselves."))
        if not self.kinds:
            raise ValidationError({"kinds": _("Choose at least one kind of tie.")})
        unknown = set(self.kinds) - set(TieKind.values)
        if unknown:
            raise ValidationError({"kinds": _("Unknown kind of tie.")})
