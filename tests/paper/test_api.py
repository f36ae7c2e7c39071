"""/api/distribution and /api/paper: the summary, the ledger, the invariant, the bounds."""

import json

import pytest

from collectives.accounts.models import AccessToken
from collectives.paper.models import Handout, Holding

from .conftest import ledger_counts


@pytest.fixture
def api(client, world):
    """``api("bob").get(path)``: requests with bob's personal access token."""

    class Api:
        def __init__(self, username):
            _, raw = AccessToken.issue(getattr(world.users, username))
            self.headers = {"Authorization": f"Bearer {raw}"}

        def get(self, path, **params):
            return client.get(path, params, headers=self.headers)

        def post(self, path, body):
            return client.post(
                path, json.dumps(body), content_type="application/json", headers=self.headers
            )

    return Api


def errors(response) -> dict:
    assert response.status_code == 422, response.content
    return {".".join(map(str, e["loc"][2:])): e["msg"] for e in response.json()["detail"]}


# The summary ----------------------------------------------------------------------------


def test_the_summary_counts_one_issue_for_the_whole_organization(api, world, stocked):
    summary = api("root").get("/api/distribution/summary", issue=2).json()
    assert summary["issue"]["number"] == 2
    assert summary["totals"] == {
        "taken": 21, "returned": 0, "handed_out": 9, "on_hand": 12, "distributors": 3,
    }  # fmt: skip
    by_category = {row["category"]: row["copies"] for row in summary["by_category"]}
    assert by_category == {
        "coworkers": 4, "friends": 3, "family": 2, "students": 0, "neighbors": 0,
        "gate_or_event": 0, "other": 0,
    }  # fmt: skip
    by_region = {row["name"]: row["handed_out"] for row in summary["by_region"]}
    assert by_region == {"Pacific Northwest": 7, "New York City": 2}
    vanpool = next(row for row in summary["by_group"] if row["name"] == "Vanpool")
    assert (vanpool["members"], vanpool["members_distributing"], vanpool["share"]) == (3, 1, 0.333)
    assert summary["distributors"] == {
        "count": 3, "members": 6, "members_distributing": 3, "share": 0.5,
    }  # fmt: skip
    assert summary["ladder"]["people"]["distributor"] == 3  # bob, erin, charlie stepped up
    assert summary["ladder"]["steps"]["distributor"] == 3


def test_the_summary_narrows_to_a_region_a_collective_or_a_group(api, world, stocked):
    root = api("root")
    assert root.get("/api/distribution/summary", region=world.nyc.pk).json()["totals"]["taken"] == 6
    collective = root.get("/api/distribution/summary", collective=world.everett.pk).json()
    assert collective["totals"]["taken"] == 15
    group = root.get("/api/distribution/summary", group=world.dinners.pk, issue=2).json()
    assert (group["totals"]["handed_out"], group["where"]) == (3, {"group": world.dinners.pk})


def test_a_member_summary_counts_only_their_group(api, world, stocked):
    summary = api("bob").get("/api/distribution/summary").json()
    assert summary["totals"]["taken"] == 10
    assert [row["name"] for row in summary["by_group"]] == ["Vanpool"]
    assert [row["name"] for row in summary["by_region"]] == ["Pacific Northwest"]


def test_the_rollup_and_the_ledger_give_the_same_summary(api, world, stocked, monkeypatch):
    from collectives import scoping

    with_rollup = api("root").get("/api/distribution/summary").json()
    monkeypatch.setattr(scoping, "rollup_tallies", lambda user: None)
    from_ledger = api("root").get("/api/distribution/summary").json()
    assert with_rollup == from_ledger


@pytest.mark.parametrize(
    "params",
    [
        {"issue": 0},
        {"issue": 2**31},
        {"issue": "two"},
        {"region": 0},
        {"group": 2**63},
        {"collective": -1},
    ],
)
def test_the_summary_refuses_integers_out_of_bounds(api, stocked, params):
    assert api("root").get("/api/distribution/summary", **params).status_code == 422


def test_the_summary_takes_one_narrowing_at_most(api, world, stocked):
    response = api("root").get(
        "/api/distribution/summary", region=world.pnw.pk, group=world.vanpool.pk
    )
    assert "group" in errors(response)


def test_the_summary_hides_drafts_and_unknown_issues(api, stocked):
    assert api("root").get("/api/distribution/summary", issue=3).status_code == 404
    assert api("root").get("/api/distribution/summary", issue=99).status_code == 404


def test_the_summary_needs_authentication(client, stocked):
    assert client.get("/api/distribution/summary").status_code == 401


# The ledger -------------------------------------------------------------------------------


def test_it_records_bundles_returns_and_hand_outs(api, world, paper):
    bob = api("bob")
    person = world.people.bob.pk
    response = bob.post("/api/distribution/bundles", {"issue": 2, "person": person, "copies": 9})
    assert response.status_code == 201
    assert response.json()["kind"] == "taken"
    response = bob.post(
        "/api/distribution/bundles",
        {"issue": 2, "person": person, "copies": 2, "kind": "returned"},
    )
    assert response.status_code == 201
    response = bob.post(
        "/api/distribution/handouts",
        {"issue": 2, "person": person, "copies": 7, "category": "gate_or_event"},
    )
    assert response.status_code == 201, response.content
    assert Holding.objects.get(person=world.people.bob).on_hand == 0


def test_the_api_never_hands_on_more_than_was_taken(api, world, stocked):
    before = ledger_counts()
    response = api("bob").post(
        "/api/distribution/handouts",
        {"issue": 2, "person": world.people.bob.pk, "copies": 7, "category": "friends"},
    )
    assert "Only 6 copies" in errors(response)["copies"]
    assert ledger_counts() == before


def test_corrections_through_the_api_are_new_rows(api, world, stocked):
    handout = Handout.objects.get(person=world.people.bob)
    response = api("bob").post(
        f"/api/distribution/handouts/{handout.pk}/corrections", {"copies": 0, "reason": "wrong"}
    )
    assert response.status_code == 201
    assert (response.json()["copies"], response.json()["corrects"]) == (-4, handout.pk)
    response = api("charlie").post(
        f"/api/distribution/handouts/{handout.pk}/corrections", {"copies": 1, "reason": "x"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"copies": 0, "category": "friends"}, "copies"),
        ({"copies": 100_001, "category": "friends"}, "copies"),
        ({"copies": 1, "category": "bosses"}, "category"),
        ({"copies": 1, "category": "friends", "issue": 3}, "issue"),  # a draft
        ({"copies": 1, "category": "friends", "recipient": 10**9}, "recipient"),
        ({"copies": 1, "category": "friends", "surprise": 1}, "surprise"),
    ],
)
def test_it_refuses_bad_hand_outs_with_field_errors(api, world, stocked, body, field):
    before = ledger_counts()
    payload = {"issue": 2, "person": world.people.bob.pk, **body}
    assert field in errors(api("bob").post("/api/distribution/handouts", payload))
    assert ledger_counts() == before


def test_it_refuses_recording_for_people_out_of_reach(api, world, stocked):
    body = {"issue": 2, "copies": 1}
    response = api("bob").post(
        "/api/distribution/bundles", {**body, "person": world.people.alice.pk}
    )
    assert response.status_code == 403
    response = api("bob").post(
        "/api/distribution/bundles", {**body, "person": world.people.charlie.pk}
    )
    assert "person" in errors(response)


def test_the_ledger_lists_are_scoped_and_paginated(api, world, stocked):
    response = api("cora").get("/api/distribution/handouts", limit=1)
    assert response.json()["count"] == 2  # bob's and erin's; not charlie's
    assert len(response.json()["items"]) == 1
    items = api("charlie").get("/api/distribution/bundles").json()["items"]
    assert [item["person"] for item in items] == [world.people.charlie.pk]


# The paper --------------------------------------------------------------------------------


def test_members_list_published_issues_and_editors_drafts_too(api, paper):
    assert [i["number"] for i in api("bob").get("/api/paper/issues").json()["items"]] == [2, 1]
    assert [i["number"] for i in api("ed").get("/api/paper/issues").json()["items"]] == [3, 2, 1]
    assert api("bob").get("/api/paper/issues/3").status_code == 404
    issue = api("bob").get("/api/paper/issues/2").json()
    assert sorted(a["language"] for a in issue["articles"]) == ["en", "es"]


def test_articles_come_with_sanitized_html(api, paper):
    article_id = api("bob").get("/api/paper/issues/2").json()["articles"][0]["id"]
    article = api("bob").get(f"/api/paper/articles/{article_id}").json()
    assert "<strong>story</strong>" in article["body_html"]


def test_only_editors_start_and_publish_issues(api, paper):
    assert (
        api("bob").post("/api/paper/issues", {"number": 9, "date": "2025-01-01"}).status_code == 403
    )
    assert (
        api("ed").post("/api/paper/issues", {"number": 9, "date": "2025-01-01"}).status_code == 201
    )
    response = api("ed").post(
        "/api/paper/issues/9/articles", {"language": "es", "title": "Hola", "body": "*Hola*"}
    )
    assert response.status_code == 201
    assert response.json()["body_html"] == "<p><em>Hola</em></p>"
    assert api("ed").post("/api/paper/issues/9/publish", {}).json()["published_at"]
