"""API authentication: ``Authorization: Bearer <token>``, or the browser session."""

from ninja.security import HttpBearer, SessionAuth

from collectives.accounts.models import AccessToken


class PersonalAccessToken(HttpBearer):
    """A token from ``collectives token create``; revoked tokens and inactive users fail."""

    def authenticate(self, request, token: str):
        user = AccessToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in session; unsafe methods must carry the CSRF token, like web forms."""

    def __call__(self, request):
        # Without a signed-in user there is nothing to protect: skip the CSRF check so an
        # anonymous request gets 401, not "CSRF check failed".
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Tokens first: a script that sends a token (and no CSRF token) is never refused just
# because the same client also holds a session cookie.
api_auth = [PersonalAccessToken(), BrowserSession()]
