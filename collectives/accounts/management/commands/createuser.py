"""``collectives createuser``: create an account with a role, linked to a person."""

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from collectives.accounts.models import Role, User
from collectives.groups.models import Region
from collectives.people.models import Person


class Command(BaseCommand):
    help = (
        "Create an account. Its role decides what it sees: member, organizer (group "
        "organizer), coordinator (regional coordinator, needs --region), editor, admin "
        "(sees everything and may use /admin/). Asks for the password unless --password "
        "is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USERNAME", help="The new account's username.")
        parser.add_argument(
            "--role",
            required=True,
            choices=Role.values,
            help="What the account may see and manage.",
        )
        parser.add_argument(
            "--person",
            type=int,
            metavar="ID",
            help="The id of the person this account belongs to (members and organizers see "
            "their groups through it).",
        )
        parser.add_argument(
            "--region",
            metavar="NAME",
            help="The region a coordinator sees and manages, by name (required for coordinators).",
        )
        parser.add_argument("--email", default="", help="The account's email address (optional).")
        parser.add_argument(
            "--password",
            help="The password. Without it you are asked twice; on the command line it may "
            "end up in your shell history.",
        )

    def handle(self, *args, username, role, person, region, email, password, **options):
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"An account named {username!r} already exists.")
        if role == Role.COORDINATOR and not region:
            raise CommandError("A coordinator needs --region NAME: the region they coordinate.")
        user = User(username=username, email=email, role=role)
        if region:
            user.region = self._region(region)
        if person is not None:
            user.person = self._person(person)
        if role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
        user.set_password(self._password(user, password))
        try:
            user.full_clean()
        except ValidationError as error:
            raise CommandError(_messages(error)) from None
        user.save()
        what = Role(role).label
        self.stdout.write(f"Created {what} {username!r} (account id {user.pk}).")

    def _region(self, name: str) -> Region:
        region = Region.objects.filter(name__iexact=name).first()
        if region is None:
            known = ", ".join(Region.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"No region named {name!r}. Known regions: {known}.")
        return region

    def _person(self, person_id: int) -> Person:
        person = Person.objects.filter(pk=person_id).first() if 0 < person_id < 2**62 else None
        if person is None:
            raise CommandError(f"No person with id {person_id}.")
        if User.objects.filter(person=person).exists():
            raise CommandError(f"Person {person_id} already has an account.")
        return person

    def _password(self, user: User, password: str | None) -> str:
        if password is None:
            if not sys.stdin.isatty():
                raise CommandError("Give --password, or run the command in a terminal.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + _messages(error)) from None
        return password


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)
