"""Concurrent hand-outs of the last copies: exactly one wins, the invariant holds.

Runs on PostgreSQL, where the holding row is locked with SELECT ... FOR UPDATE. SQLite
serializes writers with IMMEDIATE transactions instead; its in-memory test database (shared
cache) makes a concurrent writer fail at once rather than wait, so there is nothing to race.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from collectives.paper import actions
from collectives.paper.models import Handout, Holding

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
)


@pytest.mark.django_db(transaction=True)
def test_two_people_logging_the_last_copies_at_once_cannot_both_win(world, paper):
    users, bob = world.users, world.people.bob
    actions.record_bundle(user=users.bob, issue=paper.no2, by=bob, copies=10)
    start = threading.Barrier(4)
    outcomes = []

    def hand_out():
        try:
            start.wait()
            actions.record_handout(
                user=users.bob, issue=paper.no2, by=bob, copies=6, category="coworkers"
            )
            outcomes.append("recorded")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hand_out) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["recorded", "refused", "refused", "refused"]
    assert Handout.objects.count() == 1
    assert Holding.objects.get(person=bob).handed_out == 6
