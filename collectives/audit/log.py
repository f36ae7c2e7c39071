"""Recording audit entries: one call per view, change or export, ids only."""

from collections.abc import Iterable

from django.db import models

from .models import AuditEntry

__all__ = ["record"]


def record(user, action: str, objects: "models.Model | Iterable", *, via: str = "web") -> None:
    """Record that ``user`` did ``action`` to ``objects`` (a model instance or iterable of them).

    Only the record type and primary keys are stored, so the log itself holds no personal data.
    """
    if isinstance(objects, models.Model):
        objects = [objects]
    objects = list(objects)
    if not objects:
        return
    label = objects[0]._meta.label_lower
    AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        model=label,
        object_ids=[obj.pk for obj in objects],
        via=via,
    )
