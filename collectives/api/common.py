"""What every router shares: bounded ids, pagination, body references, error field names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.params.functions import Path
from pydantic import ConfigDict, field_validator

from collectives.audit.log import record

__all__ = [
    "MAX_ID",
    "MAX_OFFSET",
    "ObjectId",
    "ReferenceId",
    "Input",
    "Page",
    "PageQuery",
    "paginate",
    "resolve",
    "api_field_names",
]

# Every integer that reaches a query is bounded, so no input can overflow a database
# integer (PostgreSQL raises on anything above 2**63 - 1) and turn into a 500.
MAX_ID = 2**62
MAX_OFFSET = 10**9

ObjectId = Annotated[int, Path(..., ge=1, le=MAX_ID, description="The record's id.")]
ReferenceId = Annotated[int, Field(ge=1, le=MAX_ID)]

T = TypeVar("T")


class StorableText(Schema):
    """Every text field of a subclass must be storable in the database."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul_characters(cls, value):
        # PostgreSQL text cannot hold NUL characters: refuse them as a 422 here rather
        # than fail with a 500 in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Text cannot contain NUL characters.")
        return value


class Input(StorableText):
    """A request body: unknown fields are errors, choices arrive as plain strings."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="How many records match, across all pages.")


class PageQuery(StorableText):
    limit: int = Field(50, ge=1, le=500, description="Records per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Records to skip.")


def paginate(request, queryset: QuerySet, page: PageQuery) -> tuple[list, int]:
    """One page of ``queryset`` and the total count; the page's ids go to the audit log."""
    count = queryset.count()
    items = list(queryset[page.offset : page.offset + page.limit])
    record(request.user, "view", items, via="api")
    return items, count


def resolve(queryset: QuerySet, pk: int | None, field: str, message: str):
    """The record ``pk`` of a scoped queryset, for a reference in a request body.

    Records the user cannot see are reported exactly like records that do not exist: as an
    unknown value of ``field`` (422), so probing ids reveals nothing.
    """
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: ValidationError(message, code="unknown")})
    return obj


@contextmanager
def api_field_names(**renamed: str) -> Iterator[None]:
    """Report an action's field errors under the names the API uses (``other`` → ``b``)."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {renamed.get(name, name): errors for name, errors in error.error_dict.items()}
        ) from None
