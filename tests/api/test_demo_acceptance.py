"""The issue's acceptance check, on the demo world, with tokens from `collectives token`."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from collectives import scoping
from collectives.accounts.models import User
from collectives.people.models import Person


def token_for(username: str) -> str:
    out = StringIO()
    call_command("token", "create", username, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def get(path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(path, headers=headers)


def test_it_shows_the_admin_everyone_and_the_member_fewer_on_the_demo(db):
    call_command("demo", stdout=StringIO())
    admin, member = token_for("admin"), token_for("member")

    everyone = get("/api/people", admin).json()["count"]
    assert everyone == Person.objects.count() >= 140
    seen_by_member = get("/api/people", member).json()["count"]
    assert 0 < seen_by_member < everyone

    outsider = Person.objects.exclude(
        pk__in=scoping.visible_people(User.objects.get(username="member"))
    ).first()
    assert get(f"/api/people/{outsider.pk}", member).status_code == 404
    assert get(f"/api/people/{outsider.pk}", admin).status_code == 200
    assert get("/api/people").status_code == 401
