"""Export what we hold about a person, and erase them, from the person's page.

The cast is ``world`` (tests/conftest.py): alice organizes Vanpool (bob, dave) and knows erin;
bob sees alice, dave and gina, not erin; alice does not see gina.
"""

import json

import pytest
from django.utils import timezone

from collectives.accounts.models import Role, User
from collectives.audit.models import AuditEntry
from collectives.groups.models import Membership
from collectives.paper import actions as paper
from collectives.paper.models import Bundle, Handout, Holding, PaperIssue, Tally
from collectives.people.models import Person, StageStep, Tie


@pytest.fixture
def handed_on(world):
    """bob took 10 copies of No. 1, handed 3 to coworkers and 1 to erin (alice recorded it)."""
    issue = PaperIssue.objects.create(
        number=1, date=timezone.localdate(), published_at=timezone.now()
    )
    users, people = world.users, world.people
    paper.record_bundle(user=users.bob, issue=issue, by=people.bob, copies=10, place="Gate 4")
    paper.record_handout(user=users.bob, issue=issue, by=people.bob, copies=3, category="coworkers")
    return paper.record_handout(
        user=users.alice, issue=issue, by=people.bob, copies=1, category="friends", to=people.erin
    )


def export(client, person) -> dict:
    response = client.get(f"/people/{person.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    return json.loads(response.content)


def ledger_state() -> dict:
    """Every distribution row and rollup, to prove an erasure left the totals alone."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", "copies"))
        for model in (Bundle, Handout, Tally)
    } | {"Holding": sorted(Holding.objects.values_list("pk", "taken", "returned", "handed_out"))}


# Export -------------------------------------------------------------------------------------


def test_it_exports_a_managed_person_with_contact_details(world, signed_in):
    bob = world.people.bob
    Person.objects.filter(pk=bob.pk).update(email="bob@example.org", phone="555-0101", notes="n")
    data = export(signed_in("alice"), bob)
    assert data["person"]["display_name"] == "Bob"
    assert data["person"]["email"] == "bob@example.org"
    assert data["person"]["phone"] == "555-0101"
    assert data["person"]["notes"] == "n"
    assert data["person"]["languages"] == ["en", "es"]
    assert [m["group"]["name"] for m in data["memberships"]] == ["Vanpool"]


def test_it_exports_only_ties_to_people_the_exporter_sees(world, signed_in):
    # alice does not see gina, so bob's tie to gina stays out of alice's export.
    data = export(signed_in("alice"), world.people.bob)
    assert {tie["id"] for tie in data["ties"]} == {world.ties.alice_bob.pk, world.ties.bob_dave.pk}
    assert "Gina" not in json.dumps(data)
    # bob sees gina: his own export has all three.
    data = export(signed_in("bob"), world.people.bob)
    assert {tie["person"]["display_name"] for tie in data["ties"]} == {"Alice", "Dave", "Gina"}


def test_it_exports_distribution_records_without_recipients_out_of_scope(
    world, signed_in, handed_on
):
    data = export(signed_in("bob"), world.people.bob)
    assert [(b["copies"], b["place"]) for b in data["bundles"]] == [(10, "Gate 4")]
    assert [(h["copies"], h["category"]) for h in data["handouts"]] == [
        (3, "coworkers"),
        (1, "friends"),
    ]
    assert [h["recipient"] for h in data["handouts"]] == [None, None]  # bob does not see erin
    assert "Erin" not in json.dumps(data)
    data = export(signed_in("alice"), world.people.bob)
    assert data["handouts"][1]["recipient"] == {"id": world.people.erin.pk, "display_name": "Erin"}


def test_it_exports_copies_a_person_received(world, signed_in, handed_on):
    data = export(signed_in("cora"), world.people.erin)
    assert data["received"] == [
        {
            "id": handed_on.pk,
            "issue": 1,
            "category": "friends",
            "copies": 1,
            "date": handed_on.date.isoformat(),
            "handed_on_by": {"id": world.people.bob.pk, "display_name": "Bob"},
        }
    ]


def test_it_audits_an_export_with_ids_only(world, signed_in, handed_on):
    AuditEntry.objects.all().delete()
    export(signed_in("bob"), world.people.bob)
    entries = {e.model: e for e in AuditEntry.objects.filter(action="export")}
    assert entries["people.person"].object_ids == [world.people.bob.pk]
    assert entries["people.person"].user == world.users.bob
    assert sorted(entries["paper.handout"].object_ids) == sorted(
        Handout.objects.values_list("pk", flat=True)
    )
    for entry in AuditEntry.objects.all():
        assert "Bob" not in json.dumps([entry.model, entry.object_ids, entry.via])


def test_it_refuses_an_export_to_who_does_not_manage_the_person(world, signed_in):
    client = signed_in("bob")  # sees alice, does not manage her
    assert client.get(f"/people/{world.people.alice.pk}/export/").status_code == 403
    client = signed_in("charlie")  # does not even see bob
    assert client.get(f"/people/{world.people.bob.pk}/export/").status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_sends_anonymous_visitors_to_sign_in(world, client):
    response = client.get(f"/people/{world.people.bob.pk}/export/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_exports_on_get_only(world, signed_in):
    response = signed_in("alice").post(f"/people/{world.people.bob.pk}/export/")
    assert response.status_code == 405


def test_it_links_export_and_erase_only_for_managers(world, signed_in):
    page = signed_in("alice").get(f"/people/{world.people.bob.pk}/").content.decode()
    assert f"/people/{world.people.bob.pk}/export/" in page
    assert f"/people/{world.people.bob.pk}/erase/" in page
    page = signed_in("bob").get(f"/people/{world.people.alice.pk}/").content.decode()
    assert "/export/" not in page and "/erase/" not in page
    page = signed_in("bob").get(f"/people/{world.people.bob.pk}/").content.decode()
    assert "/export/" in page and "/erase/" not in page  # one's own data, not one's own erasure


# Erase --------------------------------------------------------------------------------------


def test_it_asks_before_erasing_and_changes_nothing_on_get(world, signed_in):
    response = signed_in("alice").get(f"/people/{world.people.dave.pk}/erase/")
    assert response.status_code == 200
    assert "This deletes the person" in response.content.decode()
    assert Person.objects.filter(pk=world.people.dave.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_it_deletes_a_person_without_distribution_records(world, signed_in):
    dave = world.people.dave
    response = signed_in("alice").post(f"/people/{dave.pk}/erase/")
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert not Person.objects.filter(pk=dave.pk).exists()
    assert not Tie.objects.touching(dave.pk).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.model, entry.object_ids, entry.user) == (
        "people.person",
        [dave.pk],
        world.users.alice,
    )


def test_it_anonymizes_a_person_with_hand_outs_and_keeps_the_totals(world, signed_in, handed_on):
    bob = world.people.bob
    Person.objects.filter(pk=bob.pk).update(email="bob@example.org", phone="555", notes="n")
    before = ledger_state()
    page = signed_in("alice").get(f"/people/{bob.pk}/erase/").content.decode()
    assert "anonymized instead of deleted" in page
    response = signed_in("alice").post(f"/people/{bob.pk}/erase/")
    assert response.status_code == 302
    assert ledger_state() == before
    bob.refresh_from_db()
    assert bob.display_name == f"Erased person #{bob.pk}"
    assert (bob.email, bob.phone, bob.notes, bob.city, bob.shift) == ("", "", "", "", "")
    assert bob.workplace is None and bob.languages == []
    assert not Tie.objects.touching(bob).exists()
    assert not Membership.objects.filter(person=bob).exists()
    assert not StageStep.objects.filter(person=bob).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.model, entry.object_ids) == ("people.person", [bob.pk])


def test_it_switches_off_and_unlinks_the_erased_persons_account(world, signed_in, handed_on):
    signed_in("alice").post(f"/people/{world.people.bob.pk}/erase/")
    account = User.objects.get(pk=world.users.bob.pk)
    assert account.person is None and not account.is_active
    assert account.username == f"erased-{account.pk}"
    assert not account.has_usable_password()
    entry = AuditEntry.objects.get(action="change", model="accounts.user")
    assert entry.object_ids == [account.pk]


def test_it_anonymizes_a_recipient_so_the_ledger_row_stays_as_it_was(world, signed_in, handed_on):
    erin = world.people.erin
    signed_in("cora").post(f"/people/{erin.pk}/erase/")
    erin.refresh_from_db()
    assert erin.display_name == f"Erased person #{erin.pk}"
    assert Handout.objects.get(pk=handed_on.pk).recipient_id == erin.pk


def test_it_names_the_erased_person_in_the_users_language(world, signed_in, handed_on):
    bob = world.people.bob
    signed_in("alice").post(f"/people/{bob.pk}/erase/", HTTP_ACCEPT_LANGUAGE="es")
    bob.refresh_from_db()
    assert bob.display_name == f"Persona borrada n.º {bob.pk}"


def test_it_refuses_to_erase_oneself(world, signed_in):
    client = signed_in("bob")
    page = client.get(f"/people/{world.people.bob.pk}/erase/").content.decode()
    assert "You cannot erase yourself" in page
    response = client.post(f"/people/{world.people.bob.pk}/erase/")
    assert response.status_code == 403
    assert Person.objects.get(pk=world.people.bob.pk).display_name == "Bob"
    assert User.objects.get(pk=world.users.bob.pk).is_active


def test_it_leaves_erasing_an_account_with_more_powers_to_admins(world, signed_in):
    dave = world.people.dave
    account = User.objects.create_user(username="dave", role=Role.EDITOR, person=dave)
    response = signed_in("alice").post(f"/people/{dave.pk}/erase/")
    assert response.status_code == 403
    assert Person.objects.filter(pk=dave.pk).exists()
    assert signed_in("root").post(f"/people/{dave.pk}/erase/").status_code == 302
    assert not Person.objects.filter(pk=dave.pk).exists()
    assert not User.objects.get(pk=account.pk).is_active


def test_it_refuses_erasing_to_who_does_not_manage_the_person(world, signed_in):
    assert signed_in("bob").post(f"/people/{world.people.alice.pk}/erase/").status_code == 403
    assert signed_in("charlie").post(f"/people/{world.people.bob.pk}/erase/").status_code == 404
    assert Person.objects.filter(pk__in=[world.people.alice.pk, world.people.bob.pk]).count() == 2
    assert not AuditEntry.objects.filter(action="delete").exists()
