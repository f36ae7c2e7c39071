"""`collectives token ...` and `collectives createuser`, through call_command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from collectives.accounts.models import AccessToken, User


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def get_people(raw_token):
    return Client().get("/api/people", headers={"Authorization": f"Bearer {raw_token}"})


def test_it_prints_a_working_token_alone_on_the_last_line(world):
    output = run("token", "create", "bob", "--name", "phone script")
    raw = output.strip().splitlines()[-1]
    assert raw.startswith("col_") and " " not in raw
    token = AccessToken.objects.get(user=world.users.bob)
    assert token.name == "phone script"
    assert raw not in token.key_hash  # only the hash is stored
    response = get_people(raw)
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_it_revokes_a_token_by_prefix_id_or_the_token_itself(world):
    tokens = []
    for _ in range(3):
        tokens.append(run("token", "create", "bob").strip().splitlines()[-1])
    first, second, third = tokens
    run("token", "revoke", first[:8])
    run("token", "revoke", str(AccessToken.objects.get(prefix=second[:8]).pk))
    run("token", "revoke", third)
    for raw in tokens:
        assert get_people(raw).status_code == 401
    assert "already revoked" in run("token", "revoke", third)


def test_it_lists_tokens_without_revealing_them(world):
    raw = run("token", "create", "bob", "--name", "laptop").strip().splitlines()[-1]
    run("token", "revoke", raw)
    output = run("token", "list", "bob")
    assert raw[:8] in output and "laptop" in output and "revoked" in output
    assert raw not in output
    assert "no tokens" in run("token", "list", "alice")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("token", "create", "nobody"), "No account"),
        (("token", "list", "nobody"), "No account"),
        (("token", "revoke", "col_zzzz"), "No token matches"),
        (("token", "revoke", "99999999999999999999999"), "No token matches"),
        (("token", "create", "bob", "--name", "x" * 101), "at most 100"),
    ],
)
def test_it_explains_what_is_wrong_with_a_token_command(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_it_refuses_a_token_for_a_deactivated_account(world):
    User.objects.filter(username="bob").update(is_active=False)
    with pytest.raises(CommandError, match="deactivated"):
        run("token", "create", "bob")


def test_it_creates_accounts_with_roles(world):
    run(
        "createuser",
        "maria",
        "--role",
        "coordinator",
        "--region",
        "new york city",
        "--password",
        "a long enough password",
    )
    maria = User.objects.get(username="maria")
    assert (maria.role, maria.region, maria.person) == ("coordinator", world.nyc, None)
    assert maria.check_password("a long enough password")
    run(
        "createuser",
        "gina",
        "--role",
        "member",
        "--person",
        str(world.people.gina.pk),
        "--password",
        "a long enough password",
    )
    assert User.objects.get(username="gina").person == world.people.gina
    run("createuser", "boss", "--role", "admin", "--password", "a long enough password")
    boss = User.objects.get(username="boss")
    assert boss.is_staff and boss.is_superuser


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("newbie", "--role", "coordinator"), "needs --region"),
        (("newbie", "--role", "member", "--region", "Atlantis"), "No region named 'Atlantis'"),
        (("bob", "--role", "member"), "already exists"),
        (("BOB", "--role", "member"), "already exists"),
        (("newbie", "--role", "member", "--person", "999999"), "No person with id 999999"),
        (("newbie", "--role", "member", "--person", "ALICE"), "already has an account"),
        (("newbie", "--role", "member", "--password", "123"), "Password refused"),
        (("bad name!", "--role", "member"), "username"),
    ],
)
def test_it_explains_what_is_wrong_with_a_new_account(world, args, message):
    args = tuple(str(world.people.alice.pk) if arg == "ALICE" else arg for arg in args)
    if "--password" not in args:
        args = (*args, "--password", "a long enough password")
    before = User.objects.count()
    with pytest.raises(CommandError, match=message):
        run("createuser", *args)
    assert User.objects.count() == before


def test_it_refuses_an_unknown_role(world):
    with pytest.raises(CommandError, match="invalid choice: 'boss'"):
        run("createuser", "newbie", "--role", "boss", "--password", "a long enough password")
