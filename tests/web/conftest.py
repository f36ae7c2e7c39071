"""Helpers for the page tests; the cast itself (``world``) comes from tests/conftest.py."""

import pytest

from collectives.audit.models import AuditEntry
from collectives.groups.models import Group, Membership
from collectives.people.models import Person, StageStep, Tie


def row_counts() -> dict[str, int]:
    """How many rows each table a form can write to holds, to prove bad input wrote nothing."""
    models = (Person, Tie, Group, Membership, StageStep, AuditEntry)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def signed_in(client, world):
    """``signed_in("bob")`` signs the test client in as a member of the cast."""

    def sign_in(username):
        client.force_login(getattr(world.users, username))
        return client

    return sign_in
