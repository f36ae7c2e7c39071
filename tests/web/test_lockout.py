"""Repeated failed sign-ins lock the account out, with a page in the reader's language."""

from django.test import override_settings


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
def test_it_locks_out_after_repeated_failures_and_says_so(world, client):
    for _ in range(2):
        client.post("/login/", {"username": "bob", "password": "wrong"})
    response = client.post(
        "/login/", {"username": "bob", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
