"""Who gets in: personal access tokens and the browser session; everyone else gets 401."""

import json

import pytest
from django.test import Client

from collectives.accounts.models import AccessToken

NOUNS = ["people", "ties", "groups", "memberships", "collectives", "regions"]


@pytest.mark.parametrize("noun", NOUNS)
def test_it_answers_anonymous_requests_with_401_and_no_data(api_as, noun):
    api = api_as(None)
    responses = [
        api.get(f"/api/{noun}"),
        api.get(f"/api/{noun}/1"),
        api.post(f"/api/{noun}", {}),
        api.patch(f"/api/{noun}/1", {}),
        api.delete(f"/api/{noun}/1"),
    ]
    for response in responses:
        assert response.status_code == 401
        assert response.json() == {"detail": "Authentication required."}
        assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "header",
    ["Bearer col_not-a-real-token", "Bearer ", "Token abc", "Basic Ym9iOnB3", "bearer"],
)
def test_it_answers_401_to_a_wrong_or_malformed_token(world, header):
    response = Client().get("/api/people", headers={"Authorization": header})
    assert response.status_code == 401


def test_it_accepts_a_token_and_remembers_when_it_was_used(world):
    token, raw = AccessToken.issue(world.users.bob)
    response = Client().get("/api/people", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


def test_it_refuses_a_revoked_token_and_a_deactivated_account(world, api_as):
    api = api_as("bob")
    assert api.get("/api/people").status_code == 200
    AccessToken.objects.filter(user=world.users.bob).update(revoked="2025-01-01T00:00:00Z")
    assert api.get("/api/people").status_code == 401
    api = api_as("alice")
    world.users.alice.is_active = False
    world.users.alice.save()
    assert api.get("/api/people").status_code == 401


def test_it_accepts_a_token_without_csrf_for_writes(world):
    _, raw = AccessToken.issue(world.users.bob)
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/people/{world.people.bob.pk}",
        json.dumps({"shift": "days"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200, response.content


def test_it_accepts_the_browser_session_for_reads(world):
    client = Client()
    client.force_login(world.users.bob)
    response = client.get("/api/people")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_it_requires_the_csrf_token_for_writes_with_the_session(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.bob)
    url = f"/api/people/{world.people.bob.pk}"
    body = json.dumps({"shift": "days"})
    response = client.patch(url, body, content_type="application/json")
    assert response.status_code == 403
    # What the browser has after any page with a form: the cookie, and its value to echo.
    secret = "k" * 32
    client.cookies["csrftoken"] = secret
    response = client.patch(
        url, body, content_type="application/json", headers={"X-CSRFToken": secret}
    )
    assert response.status_code == 200, response.content
    world.people.bob.refresh_from_db()
    assert world.people.bob.shift == "days"


def test_it_answers_anonymous_writes_with_401_even_when_csrf_is_enforced(world):
    response = Client(enforce_csrf_checks=True).post(
        "/api/people", "{}", content_type="application/json"
    )
    assert response.status_code == 401
