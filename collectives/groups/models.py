"""Regions, collectives and the text groups people belong to."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectives.validation import not_in_future


class Region(models.Model):
    """A region or cell of the organization (Pacific Northwest, Mexico City, Spain...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Collective(models.Model):
    """A set of groups in one region that organizers are knitting into one network."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="collectives", verbose_name=_("region")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="collective_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A text group: a handful of people who read and discuss the paper together."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="groups", verbose_name=_("region")
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("collective"),
    )
    description = models.TextField(_("description"), blank=True)
    created = models.DateField(
        _("formed on"), default=timezone.localdate, validators=[not_in_future]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("text group")
        verbose_name_plural = _("text groups")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="group_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person in a text group, as organizer or member."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("organizer")
        MEMBER = "member", _("member")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    joined = models.DateField(_("joined"), default=timezone.localdate, validators=[not_in_future])

    class Meta:
        ordering = ["group__name", "person__display_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], name="membership_once_per_group"),
            models.CheckConstraint(
                condition=Q(role__in=["organizer", "member"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"
