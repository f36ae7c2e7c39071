"""Recording audit entries: one call per view, change or export, ids only."""

from collections.abc import Iterable

from django.db import models

from .models import AuditEntry

__all__ = ["record", "record_ids"]


def record(user, action: str, objects: "models.Model | Iterable", *, via: str = "web") -> None:
    """Record that ``user`` did ``action`` to ``objects`` (a model instance or iterable of them).

    Only the record type and primary keys are stored, so the log itself holds no personal data.
    """
    if isinstance(objects, models.Model):
        objects = [objects]
    objects = list(objects)
    if objects:
        record_ids(user, action, type(objects[0]), [obj.pk for obj in objects], via=via)


def record_ids(user, action: str, model, ids: Iterable[int], *, via: str = "web") -> None:
    """Like ``record`` when only the primary keys are at hand (large sets, exports)."""
    ids = list(ids)
    if not ids:
        return
    AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        model=model._meta.label_lower,
        object_ids=ids,
        via=via,
    )
