"""User accounts, their roles, personal access tokens and the organization's settings."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    ORGANIZER = "organizer", _("group organizer")
    COORDINATOR = "coordinator", _("regional coordinator")
    EDITOR = "editor", _("editor")
    ADMIN = "admin", _("admin")


class User(AbstractUser):
    """An account. What it may see follows from its role and the person it is linked to."""

    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("person"),
    )
    region = models.ForeignKey(
        "groups.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinators",
        verbose_name=_("coordinated region"),
        help_text=_("The region a regional coordinator sees and manages."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(region__isnull=False),
                name="coordinator_has_region",
            ),
        ]

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR and self.region_id is not None

    @property
    def is_editor(self) -> bool:
        return self.is_admin or self.role == Role.EDITOR


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class AccessTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked__isnull=True, user__is_active=True)


class AccessToken(models.Model):
    """A personal access token for the JSON API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

    @classmethod
    def issue(cls, user, *, name: str = "") -> tuple["AccessToken", str]:
        """Create a token for ``user``; returns it and the raw secret, shown only once."""
        raw = settings.API_TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8])
        return token, raw

    @classmethod
    def authenticate(cls, raw: str):
        """The active user for a raw token, or None."""
        token = cls.objects.active().select_related("user").filter(key_hash=hash_token(raw))
        token = token.first()
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return token.user


class Organization(models.Model):
    """The organization's settings: one row."""

    name = models.CharField(_("organization name"), max_length=120, default="Collectives")
    paper_name = models.CharField(_("paper name"), max_length=120, default="The Paper")
    languages = models.JSONField(_("languages"), default=list)

    class Meta:
        verbose_name = _("organization settings")
        verbose_name_plural = _("organization settings")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Organization":
        organization = cls.objects.order_by("pk").first()
        return organization or cls(languages=["en", "es"])
