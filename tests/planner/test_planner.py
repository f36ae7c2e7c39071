"""The planner over the database: the commands, and the scoped JSON API."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from collectives.accounts.models import AccessToken
from collectives.audit.models import AuditEntry


class ApiClient:
    """GET requests with ``Authorization: Bearer <token>`` for ``user`` (anonymous: None)."""

    def __init__(self, user=None):
        self.client, self.headers = Client(), {}
        if user is not None:
            self.headers["Authorization"] = f"Bearer {AccessToken.issue(user)[1]}"

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_reports_the_organizer_of_a_star_shaped_group_as_its_articulation_point(world):
    # Vanpool: alice-bob, bob-dave. Bob holds dave to the group.
    document = json.loads(run("report", "--group", "Vanpool", "--json"))
    assert document["people"] == 3
    assert document["articulation_points"] == [str(world.people.bob.pk)]
    assert document["names"][str(world.people.bob.pk)] == "Bob"


def test_it_plans_introductions_that_join_two_groups_into_one_resilient_set(world):
    document = json.loads(run("plan", "--group", "Vanpool", "--group", "Dinners", "--json"))
    assert document["before"]["bridges"]
    assert document["after"]["components"] == 1
    assert document["after"]["bridges"] == []
    assert document["total_cost"] == sum(i["cost"] for i in document["introductions"])


def test_it_closes_a_chain_through_friends_of_friends_instead_of_strangers(world):
    # Vanpool and Dinners form one chain: dave - bob - alice - erin - frank. Introducing the
    # two ends would be strangers (cost 10); introducing each end to alice through the
    # friend they share costs 1 + 1 and removes every bridge too.
    people = world.people
    document = json.loads(run("plan", "--group", "Vanpool", "--group", "Dinners", "--json"))
    assert document["total_cost"] == 2
    pairs = {(i["a"], i["b"], i["via"]) for i in document["introductions"]}

    def pair(a, b, via):
        first, second = sorted([a.pk, b.pk])
        return (str(first), str(second), str(via.pk))

    assert pairs == {
        pair(people.alice, people.dave, people.bob),
        pair(people.alice, people.frank, people.erin),
    }


def test_it_refuses_an_unknown_group_by_name(world):
    with pytest.raises(CommandError, match="no group named 'Nowhere'"):
        run("plan", "--group", "Nowhere")


def test_it_refuses_vertex_with_k_1(world):
    with pytest.raises(CommandError, match="drop --k 1"):
        run("plan", "--group", "Vanpool", "--vertex", "--k", "1")


def test_it_prints_a_readable_plan(world):
    text = run("plan", "--collective", "Everett readers")
    assert "introductions, total cost" in text
    assert "After:" in text


def test_the_api_answers_anonymous_with_401(world):
    assert ApiClient().get("/api/plan/introductions").status_code == 401


def test_the_api_hides_groups_out_of_scope_with_404(world):
    bob = ApiClient(world.users.bob)
    assert bob.get("/api/plan/report", group=world.bronx.pk).status_code == 404
    assert bob.get("/api/plan/report", group=world.vanpool.pk).status_code == 200


def test_the_api_plans_only_over_people_the_caller_may_see(world):
    bob = ApiClient(world.users.bob)
    response = bob.get("/api/plan/introductions", k=1)
    assert response.status_code == 200, response.content
    document = response.json()
    visible = {
        str(p.pk)
        for p in (world.people.alice, world.people.bob, world.people.dave, world.people.gina)
    }
    mentioned = set(document["names"])
    for item in document["introductions"]:
        mentioned |= {item["a"], item["b"]} | ({item["via"]} if item["via"] else set())
    assert mentioned <= visible
    assert "Erin" not in response.content.decode()


def test_the_api_records_which_people_a_plan_looked_at(world):
    ApiClient(world.users.alice).get("/api/plan/report", group=world.vanpool.pk)
    entry = AuditEntry.objects.get(model="people.person", action="view", via="api")
    assert entry.user == world.users.alice
    assert all(isinstance(i, int) for i in entry.object_ids)


@pytest.mark.parametrize(
    "params",
    [
        {"k": 3},
        {"max_per_person": 0},
        {"time_limit": 0},
        {"group": 2**63},
        {"count": 0},
        {"k": 1, "vertex": "true"},
    ],
)
def test_the_api_rejects_bad_parameters_with_422(world, params):
    path = "/api/plan/gatherings" if "count" in params else "/api/plan/introductions"
    assert ApiClient(world.users.root).get(path, **params).status_code == 422


def test_the_api_suggests_whom_to_invite_and_plans_gatherings(world):
    root = ApiClient(world.users.root)
    growth = root.get("/api/plan/growth", group=world.vanpool.pk).json()
    # gina knows bob and erin knows alice: both are outside Vanpool with a tie into it.
    invited = {s["person"] for s in growth["suggestions"]}
    assert {str(world.people.gina.pk), str(world.people.erin.pk)} <= invited
    gatherings = root.get(
        "/api/plan/gatherings", collective=world.everett.pk, count=1, size=4
    ).json()
    assert len(gatherings["gatherings"]) == 1
    assert 2 <= len(gatherings["gatherings"][0]) <= 4
