"""/api/people/{id}/export and /api/people/{id}/erase: scoped, audited, ids only in the log.

The cast is ``world`` (tests/conftest.py): alice organizes Vanpool (bob, dave) and knows erin;
bob sees alice, dave and gina, not erin.
"""

import json

import pytest
from django.utils import timezone

from collectives.accounts.models import User
from collectives.audit.models import AuditEntry
from collectives.paper import actions as paper
from collectives.paper.models import Holding, PaperIssue, Tally
from collectives.people.models import Person, Tie


@pytest.fixture
def handed_on(world):
    """bob took 5 copies of No. 1 and handed 2 to erin (alice, who sees erin, recorded it)."""
    issue = PaperIssue.objects.create(
        number=1, date=timezone.localdate(), published_at=timezone.now()
    )
    paper.record_bundle(user=world.users.bob, issue=issue, by=world.people.bob, copies=5)
    return paper.record_handout(
        user=world.users.alice,
        issue=issue,
        by=world.people.bob,
        copies=2,
        category="coworkers",
        to=world.people.erin,
    )


def totals() -> list:
    holdings = Holding.objects.values_list("person_id", "taken", "returned", "handed_out")
    return [sorted(holdings), sorted(Tally.objects.values_list("category", "copies"))]


def test_it_exports_oneself_without_people_out_of_scope(world, api_as, handed_on):
    response = api_as("bob").get(f"/api/people/{world.people.bob.pk}/export")
    assert response.status_code == 200
    data = response.json()
    assert data["person"]["id"] == world.people.bob.pk
    assert [h["recipient"] for h in data["handouts"]] == [None]
    assert "Erin" not in response.content.decode()
    entry = AuditEntry.objects.get(action="export", model="people.person")
    assert (entry.object_ids, entry.via) == ([world.people.bob.pk], "api")


def test_it_exports_contact_details_to_a_manager(world, api_as, handed_on):
    Person.objects.filter(pk=world.people.bob.pk).update(email="bob@example.org", phone="555")
    data = api_as("alice").get(f"/api/people/{world.people.bob.pk}/export").json()
    assert (data["person"]["email"], data["person"]["phone"]) == ("bob@example.org", "555")
    assert data["handouts"][0]["recipient"] == {"id": world.people.erin.pk, "display_name": "Erin"}
    assert [b["copies"] for b in data["bundles"]] == [5]
    assert [s["stage"] for s in data["ladder"]] == ["distributor"]


def test_it_answers_exports_out_of_scope_like_missing_records(world, api_as):
    path = f"/api/people/{world.people.bob.pk}/export"
    assert api_as(None).get(path).status_code == 401
    assert api_as("charlie").get(path).status_code == 404
    assert api_as("bob").get(f"/api/people/{world.people.alice.pk}/export").status_code == 403
    assert api_as("bob").get("/api/people/999999/export").status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_deletes_a_person_without_distribution_records(world, api_as):
    dave = world.people.dave
    response = api_as("alice").post(f"/api/people/{dave.pk}/erase", {})
    assert response.status_code == 200
    assert response.json() == {"id": dave.pk, "outcome": "deleted"}
    assert not Person.objects.filter(pk=dave.pk).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.model, entry.object_ids, entry.via) == ("people.person", [dave.pk], "api")


def test_it_anonymizes_a_distributor_and_keeps_the_totals(world, api_as, handed_on):
    bob, before = world.people.bob, totals()
    response = api_as("alice").post(f"/api/people/{bob.pk}/erase", {})
    assert response.json() == {"id": bob.pk, "outcome": "anonymized"}
    assert totals() == before
    shown = api_as("root").get(f"/api/people/{bob.pk}").json()
    assert shown["display_name"] == f"Erased person #{bob.pk}"
    assert (shown["city"], shown["languages"], shown["workplace"]) == ("", [], None)
    assert not Tie.objects.touching(bob).exists()
    assert not User.objects.get(pk=world.users.bob.pk).is_active
    # Nothing in the audit log names him.
    log = json.dumps(list(AuditEntry.objects.values("model", "object_ids", "via", "action")))
    assert "Bob" not in log and "bob" not in log


def test_it_revokes_the_erased_persons_tokens(world, api_as, handed_on):
    as_bob = api_as("bob")
    assert as_bob.get("/api/people").status_code == 200
    api_as("alice").post(f"/api/people/{world.people.bob.pk}/erase", {})
    assert as_bob.get("/api/people").status_code == 401


def test_it_erases_on_post_only(world, api_as):
    path = f"/api/people/{world.people.dave.pk}/erase"
    assert api_as("alice").get(path).status_code == 405
    assert api_as("alice").delete(path).status_code == 405
    assert Person.objects.filter(pk=world.people.dave.pk).exists()


def test_it_refuses_erasures_out_of_scope_and_of_oneself(world, api_as):
    assert api_as(None).post(f"/api/people/{world.people.dave.pk}/erase", {}).status_code == 401
    assert api_as("charlie").post(f"/api/people/{world.people.bob.pk}/erase", {}).status_code == 404
    assert api_as("bob").post(f"/api/people/{world.people.alice.pk}/erase", {}).status_code == 403
    response = api_as("alice").post(f"/api/people/{world.people.alice.pk}/erase", {})
    assert response.status_code == 403
    assert "erase yourself" in response.json()["detail"]
    assert Person.objects.count() == 7
    assert not AuditEntry.objects.filter(action="delete").exists()
