"""Knock on every door: walk every URL pattern of the project, as an anonymous visitor and as
users for whom the records named in the URL are out of scope.

The walk reads the urlconf itself, so URLs other engineers add later are checked without
anyone touching this file. It fails when

- an anonymous visitor gets anything but a redirect to a sign-in page, 401, 403, 404 or 405;
- any response, to anyone, names a record outside their scope (the "Zeta" records below);
- a POST changes a record outside the user's scope.

Path parameters are filled with the ids of the out-of-scope records. Each of those records
has an id no other table uses, so a URL can only ever name the record we meant. The nearest
hint in the URL (``people/<int:pk>``, ``<person_id>``, ``admin/groups/group/<object_id>``)
picks the record; without a hint, every out-of-scope id is tried.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from collectives.accounts.models import Role, User
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Person, StageStep, Tie, Workplace

# URL name -> why it may answer anyone. Nothing else is exempt.
EXEMPT = {
    "web:login": "the sign-in page must answer anonymous visitors",
    "admin:login": "the admin's sign-in page must answer anonymous visitors",
    "admin:logout": "signing out answers with a 'signed out' page naming nothing",
    "set_language": "switches the language and redirects; shows no records",
    "api:openapi-json": "the API's schema: field names and types, no records",
    "api:openapi-view": "the API's documentation page: no records",
}
EXEMPT_PREFIXES = {"static/": "static files: the stylesheet and the htmx script"}

# Everything the out-of-scope records are called; none of it may appear in any response.
MARKERS = ("zeta", "zelda", "zoran")

# Words in a URL that say which record a parameter names, nearest first.
HINTS = {
    "person": "person",
    "people": "person",
    "tie": "tie",
    "membership": "membership",
    "member": "membership",
    "group": "group",
    "collective": "collective",
    "region": "region",
    "workplace": "workplace",
    "step": "step",
    "user": "user",
}


def walk(resolver=None, parts=(), namespace=""):
    """Yield (name, [pattern, ...]) for every endpoint, with the patterns that lead to it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, (*parts, entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else None, [*parts, entry.pattern]


def fill(patterns, ids_for) -> list[str]:
    """Every path for this chain of patterns with its parameters filled by ``ids_for``."""
    template, hinted, unhinted = "", {}, []
    for pattern in patterns:
        if isinstance(pattern, RoutePattern):
            text = str(pattern)
            for match in re.finditer(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>", text):
                hint = _hint(match["name"], text[: match.start()], template)
                if hint:
                    hinted[match["name"]] = hint
                else:
                    unhinted.append(match["name"])
            template += re.sub(r"<(?:[^>:]+:)?(\w+)>", r"{\1}", text)
        else:
            assert isinstance(pattern, RegexPattern)
            text = str(pattern.regex.pattern).lstrip("^").rstrip("$").replace("\\/", "/")

            def group(match):
                # A fixed set of alternatives (the admin's app labels): take the first.
                if re.fullmatch(r"[\w|]+", match["body"]):
                    return match["body"].split("|")[0]
                unhinted.append(match["name"])
                return "{" + match["name"] + "}"

            template += re.sub(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)", group, text)
    paths = []
    for value in ids_for(None) if unhinted else [None]:
        values = {name: ids_for(kind)[0] for name, kind in hinted.items()}
        values.update({name: value for name in unhinted})
        paths.append("/" + template.format(**values))
    return paths


def _hint(name, before, template) -> str | None:
    """The record kind a parameter names: from its own name, else the nearest word before it."""
    for word, kind in HINTS.items():
        if word in name.lower():
            return kind
    words = re.findall(r"[a-z]+", (template + before).lower())
    for word in reversed(words):
        singular = word[:-1] if word.endswith("s") else word  # "ties/<pk>" names a tie
        if word in HINTS or singular in HINTS:
            return HINTS.get(word) or HINTS[singular]
        if len(word) > 2 and word not in ("admin", "api", "new", "edit"):
            return None  # the nearest word names something we have no record for
    return None


def endpoints() -> list:
    """Every pattern chain to check, once per route, without the exempt ones."""
    seen, found = set(), []
    for name, patterns in walk():
        route = "".join(str(p) for p in patterns)
        if name in EXEMPT or any(route.startswith(p) for p in EXEMPT_PREFIXES):
            continue
        if route not in seen:  # django-ninja registers one pattern per operation on a path
            seen.add(route)
            found.append(patterns)
    return found


@pytest.fixture
def outside(world):
    """Records no one in the cast but root may see, each with an id no other table uses."""
    region = Region.objects.create(pk=9101, name="Outer Region Zeta")
    workplace = Workplace.objects.create(pk=9102, name="Zeta Works")
    collective = Collective.objects.create(pk=9103, name="Zeta Collective", region=region)
    group = Group.objects.create(pk=9104, name="Zeta Group", region=region, collective=collective)
    zelda = Person.objects.create(
        pk=9105, display_name="Zelda Zeta", region=region, workplace=workplace, city="Zetaville"
    )
    zoran = Person.objects.create(pk=9106, display_name="Zoran Zeta", region=region)
    records = {
        "region": region,
        "workplace": workplace,
        "collective": collective,
        "group": group,
        "person": zelda,
        "membership": Membership.objects.create(pk=9107, person=zelda, group=group),
        "tie": Tie.objects.create(pk=9108, person_a=zelda, person_b=zoran, kinds=["friend"]),
        "step": StageStep.objects.create(pk=9109, person=zelda, stage="reader"),
        "user": User.objects.create_user(pk=9110, username="zelda", role=Role.MEMBER, person=zelda),
    }
    return records


@pytest.fixture
def staff_coordinator(world):
    """cora, given the admin for the scoped records: she must still see only her region."""
    cora = world.users.cora
    cora.is_staff = True
    cora.save()
    models = ("person", "tie", "region", "collective", "group", "membership")
    cora.user_permissions.set(Permission.objects.filter(content_type__model__in=models))
    return cora


def snapshot(records) -> dict:
    return {
        kind: type(obj).objects.filter(pk=obj.pk).values().first() for kind, obj in records.items()
    }


def sign_in_urls() -> set[str]:
    return {reverse(settings.LOGIN_URL), reverse("admin:login")}


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace").lower()


def names_out_of_scope(response) -> list[str]:
    body = body_of(response)
    return [marker for marker in MARKERS if marker in body]


def ids_for_records(records):
    """A function: record kind -> the ids to try (all of them when the kind is unknown)."""

    def ids_for(kind):
        return [records[kind].pk] if kind in records else [obj.pk for obj in records.values()]

    return ids_for


def test_it_answers_anonymous_visitors_with_nothing(client, outside):
    ids_for, problems = ids_for_records(outside), []
    for patterns in endpoints():
        path = fill(patterns, ids_for)[0]
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            status, where = response.status_code, f"{method.upper()} {path}"
            if status in (301, 302, 303, 307):
                target = urlsplit(response["Location"]).path
                if target not in sign_in_urls():
                    problems.append(f"{where} redirected to {target}")
            elif status not in (401, 403, 404, 405):
                problems.append(f"{where} answered {status}")
            if leaked := names_out_of_scope(response):
                problems.append(f"{where} named {leaked}")
    assert not problems, "\n".join(["Anonymous visitors got answers:", *problems])


def test_it_answers_out_of_scope_users_with_nothing(client, world, outside, staff_coordinator):
    before, ids_for, problems = snapshot(outside), ids_for_records(outside), []
    for user in (world.users.bob, staff_coordinator):
        client.force_login(user)
        for patterns in endpoints():
            for path in fill(patterns, ids_for):
                for method in ("get", "post"):
                    response = getattr(client, method)(path)
                    if leaked := names_out_of_scope(response):
                        problems.append(f"{method.upper()} {path} showed {user} {leaked}")
                    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
                    if cookie is not None and not cookie.value:
                        client.force_login(user)  # that door signed us out
    assert not problems, "\n".join(["Out-of-scope records were shown:", *problems])
    assert snapshot(outside) == before, "a POST changed a record outside the user's scope"


def test_it_names_nothing_out_of_scope_on_pages_about_records_in_scope(
    client, world, outside, staff_coordinator
):
    """cora's own region's pages (and their selects and filters) must not list Zeta."""
    mine = {
        "person": world.people.alice,
        "group": world.vanpool,
        "tie": world.ties.alice_bob,
        "membership": Membership.objects.get(person=world.people.alice, group=world.vanpool),
        "collective": world.everett,
        "region": world.pnw,
        "workplace": world.boeing,
        "user": world.users.cora,
    }
    client.force_login(staff_coordinator)
    problems = []
    for patterns in endpoints():
        for path in fill(patterns, ids_for_records(mine)):
            if leaked := names_out_of_scope(client.get(path)):
                problems.append(f"GET {path} showed cora {leaked}")
    assert not problems, "\n".join(["Out-of-scope records were shown:", *problems])


def test_it_walks_the_pages_and_the_api():
    """The walk itself must not silently find nothing."""
    names = {name for name, _ in walk()}
    for expected in ("web:home", "web:person", "web:group", "web:people", "admin:index"):
        assert expected in names
    assert any(name and name.startswith("api:") for name in names)
    person_page = next(patterns for name, patterns in walk() if name == "web:person")
    paths = fill(person_page, ids_for_records({"person": world_record(7)}))
    assert paths == ["/people/7/"]
    assert resolve(paths[0]).url_name == "person"


def world_record(pk):
    return Person(pk=pk)
