"""API authentication: the browser session, or ``Authorization: Bearer <token>``."""

from ninja.security import HttpBearer, django_auth

from collectives.accounts.models import AccessToken


class PersonalAccessToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = AccessToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


# Session first (it needs CSRF for unsafe methods), then bearer tokens.
api_auth = [django_auth, PersonalAccessToken()]
