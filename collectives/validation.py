"""Small helpers every action uses to turn keyword arguments into a validated record."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["check_fields", "assign_fields", "not_in_future"]


def check_fields(fields: dict, allowed: tuple[str, ...]) -> None:
    """Refuse fields an action does not take, naming each one."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})


def assign_fields(instance: models.Model, fields: dict, allowed: tuple[str, ...]) -> None:
    """Set ``fields`` on ``instance`` and validate it; nothing is saved."""
    check_fields(fields, allowed)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()


def not_in_future(value):
    """A date validator: history cannot be recorded ahead of time."""
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
