"""Who sees which distribution: the scoping functions, then every paper page, chart, export
and API endpoint, as anonymous, as a member of another group and as a member of another
region. Frank (Dinners) took a marked number of copies; nobody outside his group and region
may ever see it, while the admin does (which proves the test can fail).

Frank's copies are so many that any total including them is at least ``LEAK``: a body that
shows such a number, even summed with others, leaks his distribution."""

import re

import pytest
from django.urls import URLPattern, reverse

from collectives import scoping
from collectives.paper import actions
from collectives.paper import urls as paper_urls
from collectives.paper.models import Article, Bundle, Handout

TAKEN, HANDED = 99_999, 99_990
LEAK = 90_000
# Whole numbers standing alone: not digits inside a token, a uuid or a decimal fraction.
NUMBER = re.compile(r"(?<![\w.-])\d+(?![\w-]|\.\d)")


def leaks(body: str) -> list[str]:
    body = re.sub(r'\bmax="\d+"', "", body)  # number inputs' bounds are not counts
    found = [n for n in NUMBER.findall(body) if int(n) >= LEAK]
    return found + (["Frank"] if "Frank" in body else [])


@pytest.fixture
def marked(world, stocked):
    frank = world.people.frank
    actions.record_bundle(user=world.users.cora, issue=stocked.no2, by=frank, copies=TAKEN)
    actions.record_handout(
        user=world.users.cora, issue=stocked.no2, by=frank, copies=HANDED, category="coworkers"
    )
    return stocked


def owners(queryset) -> list[str]:
    return sorted({row.person.display_name for row in queryset})


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("bob", ["Bob"]),  # his own and his group's (Vanpool)
        ("alice", ["Bob"]),  # her group's: alice recorded nothing herself
        ("charlie", ["Charlie"]),
        ("cora", ["Bob", "Erin", "Frank"]),  # her region's
        ("ed", []),
        ("root", ["Bob", "Charlie", "Erin", "Frank"]),
    ],
)
def test_each_role_sees_exactly_its_distribution(world, marked, username, expected):
    user = getattr(world.users, username)
    assert owners(scoping.visible_bundles(user)) == expected
    assert owners(scoping.visible_handouts(user)) == expected
    assert owners(scoping.visible_holdings(user)) == expected


def test_a_member_sees_their_own_entries_even_outside_any_group(world, paper):
    gina = world.people.gina  # in no group
    world.users.charlie.person = gina  # pretend charlie's account were gina's
    actions.record_bundle(user=world.users.root, issue=paper.no2, by=gina, copies=2)
    assert owners(scoping.visible_bundles(world.users.charlie)) == ["Gina"]


def test_the_category_rollup_is_used_only_where_it_matches_the_scope(world):
    assert scoping.rollup_tallies(world.users.root) is not None
    assert scoping.rollup_tallies(world.users.cora) is not None  # a coordinator without person
    assert scoping.rollup_tallies(world.users.bob) is None


def _paths(world, marked) -> list[str]:
    """Every paper URL, with its parameters naming Frank's rows or issue No. 2."""
    frank_bundle = Bundle.objects.get(person=world.people.frank)
    frank_handout = Handout.objects.get(person=world.people.frank)
    article = Article.objects.filter(edition__issue=marked.no2).first()
    paths = []
    for pattern in paper_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = f"paper:{pattern.name}"
        route = str(pattern.pattern)
        if "<int:number>" in route:
            paths.append(reverse(name, args=[2]))
        elif "<int:pk>" in route:
            pk = {"bundles": frank_bundle.pk, "handouts": frank_handout.pk}.get(
                route.split("/")[0], article.pk
            )
            paths.append(reverse(name, args=[pk]))
        else:
            paths.append(reverse(name))
    return paths


API_PATHS = [
    "/api/distribution/summary",
    "/api/distribution/summary?issue=2",
    "/api/distribution/bundles",
    "/api/distribution/bundles?issue=2",
    "/api/distribution/handouts",
    "/api/paper/issues",
    "/api/paper/issues/2",
]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(client, world, marked):
    before = (Bundle.objects.count(), Handout.objects.count())
    for path in _paths(world, marked):
        for response in (client.get(path), client.post(path, {"copies": "1", "reason": "x"})):
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("web:login")), path
    assert (Bundle.objects.count(), Handout.objects.count()) == before
    for path in API_PATHS:
        assert client.get(path).status_code == 401, path


@pytest.mark.parametrize("username", ["bob", "charlie", "ed"])
def test_no_page_chart_or_export_shows_distribution_out_of_scope(
    signed_in, world, marked, username
):
    client = signed_in(username)
    for path in _paths(world, marked):
        queries = ["", "?issue=2"] + (["?kind=bundles"] if "entries" in path else [])
        for query in queries:
            response = client.get(path + query)
            body = _body(response) if response.status_code == 200 else ""
            assert not leaks(body), (username, path + query)


@pytest.mark.parametrize("username", ["bob", "charlie", "alice", "ed"])
def test_no_api_endpoint_shows_distribution_out_of_scope(signed_in, world, marked, username):
    client = signed_in(username)
    for path in [*API_PATHS, f"/api/distribution/summary?group={world.dinners.pk}"]:
        response = client.get(path)
        body = response.content.decode() if response.status_code == 200 else ""
        assert not leaks(body), (username, path)


def test_the_admin_does_see_it_so_the_tests_above_can_fail(signed_in, world, marked):
    client = signed_in("root")
    assert leaks(_body(client.get(reverse("paper:reach"))))
    assert leaks(_body(client.get(reverse("paper:reach_issue", args=[2]))))
    assert leaks(_body(client.get(reverse("paper:export_handouts"))))
    assert leaks(_body(client.get(reverse("paper:export_reach"))))
    assert leaks(client.get("/api/distribution/summary?issue=2").content.decode())
    assert leaks(signed_in("cora").get("/api/distribution/bundles").content.decode())


def test_a_member_cannot_narrow_the_summary_to_another_region(signed_in, world, marked):
    client = signed_in("charlie")
    assert client.get(f"/api/distribution/summary?region={world.pnw.pk}").status_code == 404
    assert client.get(f"/api/distribution/summary?group={world.dinners.pk}").status_code == 404
    assert client.get(reverse("paper:reach"), {"region": world.pnw.pk}).status_code == 404
