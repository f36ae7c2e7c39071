"""An API client per member of the cast, each signed in with a fresh personal access token."""

import json

import pytest
from django.test import Client

from collectives.accounts.models import AccessToken


class ApiClient:
    """Django's test client speaking JSON with ``Authorization: Bearer <token>``."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _, raw = AccessToken.issue(user, name="tests")
            self.headers["Authorization"] = f"Bearer {raw}"

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, body):
        return self._send("post", path, body)

    def patch(self, path, body):
        return self._send("patch", path, body)

    def delete(self, path):
        return self.client.delete(path, headers=self.headers)

    @staticmethod
    def errors(response) -> dict[str, str]:
        """A 422 body as {field: message}, whichever layer (schema or action) refused it."""
        assert response.status_code == 422, response.content
        return {
            ".".join(str(part) for part in error["loc"][2:]) or "__all__": error["msg"]
            for error in response.json()["detail"]
        }

    def _send(self, method, path, body):
        data = body if isinstance(body, str) else json.dumps(body)
        send = getattr(self.client, method)
        return send(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as(world):
    """``api_as("bob")`` is an ApiClient signed in as bob; ``api_as(None)`` is anonymous."""

    def make(username):
        return ApiClient(getattr(world.users, username) if username else None)

    return make
