"""The paper's fixtures, on top of the shared cast (``world`` in tests/conftest.py).

``paper``: No. 1 (published five weeks ago) and No. 2 (published ten days ago), each with an
English article and its Spanish translation, and No. 3, a draft.

``stocked``: some distribution of No. 2 in three places --
- bob (Vanpool, Pacific Northwest) took 10 copies and handed 4 on to coworkers;
- erin (Dinners, Pacific Northwest) took 5 and handed 3 on to friends;
- charlie (Bronx Readers, New York City) took 6 and handed 2 on to family.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from collectives.paper import actions
from collectives.paper.models import Article, Bundle, Edition, Handout, Holding, PaperIssue, Tally
from collectives.people.models import StageStep


def make_issue(number, *, days_ago, published=True):
    today = timezone.localdate()
    issue = PaperIssue.objects.create(
        number=number,
        date=today - timedelta(days=days_ago),
        published_at=timezone.now() if published else None,
    )
    english = Edition.objects.create(issue=issue, language="en")
    spanish = Edition.objects.create(issue=issue, language="es")
    story = Article.objects.create(
        edition=english, title=f"Story {number}", body=f"The **story** of No. {number}."
    )
    Article.objects.create(
        edition=spanish, title=f"Historia {number}", body="La historia.", translation_of=story
    )
    return issue


@pytest.fixture
def paper(world):
    return SimpleNamespace(
        no1=make_issue(1, days_ago=35),
        no2=make_issue(2, days_ago=10),
        draft=make_issue(3, days_ago=0, published=False),
    )


@pytest.fixture
def stocked(world, paper):
    users, people, issue = world.users, world.people, paper.no2
    actions.record_bundle(user=users.bob, issue=issue, by=people.bob, copies=10)
    actions.record_handout(
        user=users.bob, issue=issue, by=people.bob, copies=4, category="coworkers"
    )
    actions.record_bundle(user=users.cora, issue=issue, by=people.erin, copies=5)
    actions.record_handout(
        user=users.cora, issue=issue, by=people.erin, copies=3, category="friends"
    )
    actions.record_bundle(user=users.charlie, issue=issue, by=people.charlie, copies=6)
    actions.record_handout(
        user=users.charlie, issue=issue, by=people.charlie, copies=2, category="family"
    )
    return paper


def ledger_counts() -> dict[str, int]:
    """Rows in every table a distribution write touches, to prove a refusal wrote nothing."""
    models = (Bundle, Handout, Holding, Tally, StageStep)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def signed_in(client, world):
    def sign_in(username):
        client.force_login(getattr(world.users, username))
        return client

    return sign_in
