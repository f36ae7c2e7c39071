"""``collectives token``: create, list and revoke personal access tokens for the JSON API."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from collectives.accounts.models import AccessToken, hash_token

NAME_MAX_LENGTH = AccessToken._meta.get_field("name").max_length
PREFIX_LENGTH = 8  # AccessToken.issue keeps the token's first 8 characters as its prefix


class Command(BaseCommand):
    help = (
        "Manage personal access tokens for the JSON API (Authorization: Bearer <token>). "
        "Only a hash of each token is stored: a new token is shown once, on the last line "
        "of `token create`."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser(
            "create",
            help="Create a token for USERNAME and print it on the last line.",
            description="Create a token for USERNAME. The raw token is printed alone on the "
            "last line of the output and never again.",
        )
        create.add_argument("username", metavar="USERNAME", help="The account the token acts as.")
        create.add_argument(
            "--name", default="", help="A note to tell tokens apart, e.g. 'laptop script'."
        )
        listing = actions.add_parser(
            "list",
            help="List USERNAME's tokens (id, prefix, name, dates, status).",
            description="List USERNAME's tokens. Raw tokens cannot be shown: they are not stored.",
        )
        listing.add_argument("username", metavar="USERNAME", help="Whose tokens to list.")
        revoke = actions.add_parser(
            "revoke",
            help="Revoke a token by id, by prefix, or by the token itself.",
            description="Revoke a token. Requests with it get 401 from then on.",
        )
        revoke.add_argument(
            "token",
            metavar="PREFIX_OR_ID",
            help="The id or prefix from `token list`, or the token.",
        )

    def handle(self, *args, action, **options):
        if action == "create":
            self.create(options["username"], options["name"])
        elif action == "list":
            self.list_tokens(options["username"])
        else:
            self.revoke(options["token"])

    def _user(self, username: str):
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No account with username {username!r}.") from None

    def create(self, username: str, name: str) -> None:
        user = self._user(username)
        if not user.is_active:
            raise CommandError(
                f"The account {username!r} is deactivated; its tokens would not work."
            )
        if len(name) > NAME_MAX_LENGTH:
            raise CommandError(f"--name can be at most {NAME_MAX_LENGTH} characters.")
        token, raw = AccessToken.issue(user, name=name)
        self.stdout.write(
            f"Created token {token.pk} (prefix {token.prefix}) for {username}. "
            "Copy it now: it is not stored and will not be shown again."
        )
        self.stdout.write(raw)

    def list_tokens(self, username: str) -> None:
        user = self._user(username)
        tokens = AccessToken.objects.filter(user=user).order_by("created", "pk")
        if not tokens:
            self.stdout.write(f"{username} has no tokens.")
            return
        self.stdout.write(
            f"{'ID':>5}  {'PREFIX':<10}{'CREATED':<18}{'LAST USED':<18}{'STATUS':<9}NAME"
        )
        for token in tokens:
            status = "revoked" if token.revoked else "active"
            self.stdout.write(
                f"{token.pk:>5}  {token.prefix:<10}{_when(token.created):<18}"
                f"{_when(token.last_used):<18}{status:<9}{token.name}"
            )

    def revoke(self, given: str) -> None:
        tokens = AccessToken.objects.all()
        if given.isdigit():
            # Bounded, so a long run of digits is "no match" rather than a database error.
            matches = tokens.filter(pk=int(given)) if len(given) < 19 else tokens.none()
        elif given.startswith(settings.API_TOKEN_PREFIX) and len(given) > PREFIX_LENGTH:
            matches = tokens.filter(key_hash=hash_token(given))  # the raw token itself
        else:
            matches = tokens.filter(prefix=given)
        matches = list(matches)
        if not matches:
            raise CommandError(f"No token matches {given!r}. `collectives token list USERNAME`.")
        if len(matches) > 1:
            ids = ", ".join(str(token.pk) for token in matches)
            raise CommandError(f"{len(matches)} tokens match {given!r} (ids {ids}); give the id.")
        token = matches[0]
        if token.revoked:
            self.stdout.write(f"Token {token.pk} ({token.prefix}) was already revoked.")
            return
        AccessToken.objects.filter(pk=token.pk).update(revoked=timezone.now())
        self.stdout.write(f"Revoked token {token.pk} ({token.prefix}) of user {token.user}.")


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "never"
