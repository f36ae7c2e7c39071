"""The distribution actions: the invariant, corrections, returns, the ladder, permissions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from collectives.audit.models import AuditEntry
from collectives.paper import actions, ledger
from collectives.paper.models import Bundle, Handout, Holding, Tally
from collectives.people.models import Person, Stage, StageStep, Tie

from .conftest import ledger_counts


def holding(issue, person) -> Holding:
    return Holding.objects.get(issue=issue, person=person)


def rollups() -> tuple[list, list]:
    holdings = sorted(
        Holding.objects.values_list(
            "issue_id", "person_id", "group_id", "region_id", "taken", "returned", "handed_out"
        )
    )
    tallies = sorted(
        Tally.objects.values_list(
            "issue_id", "region_id", "group_id", "category", "copies", "handouts"
        ),
        key=str,
    )
    return holdings, tallies


# The invariant: never more handed on than taken (minus returned) -------------------------


def test_it_refuses_to_hand_on_more_than_was_taken(world, stocked):
    before = ledger_counts()
    with pytest.raises(ValidationError) as refused:
        actions.record_handout(
            user=world.users.bob,
            issue=stocked.no2,
            by=world.people.bob,
            copies=7,
            category="friends",
        )
    assert "Only 6 copies" in refused.value.message_dict["copies"][0]
    assert ledger_counts() == before


def test_it_allows_handing_on_exactly_what_is_left(world, stocked):
    actions.record_handout(
        user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=6, category="family"
    )
    assert holding(stocked.no2, world.people.bob).on_hand == 0


def test_it_refuses_hand_outs_before_any_copies_were_taken(world, paper):
    with pytest.raises(ValidationError) as refused:
        actions.record_handout(
            user=world.users.bob, issue=paper.no1, by=world.people.bob, copies=1, category="other"
        )
    assert "No copies" in refused.value.message_dict["copies"][0]
    assert not Handout.objects.exists()


def test_it_refuses_returning_more_than_is_on_hand(world, stocked):
    with pytest.raises(ValidationError):
        actions.record_return(
            user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=7
        )
    actions.record_return(user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=6)
    with pytest.raises(ValidationError):
        actions.record_handout(
            user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=1, category="other"
        )


def test_the_database_refuses_a_holding_that_hands_on_more_than_taken(world, stocked):
    # Even if an action's check were bypassed, the rollup's check constraint holds.
    with pytest.raises(IntegrityError), transaction.atomic():
        Holding.objects.filter(person=world.people.bob).update(handed_out=11)


@pytest.mark.parametrize("copies", [0, -3])
def test_the_database_refuses_ledger_rows_without_copies(world, paper, copies):
    with pytest.raises(IntegrityError), transaction.atomic():
        Bundle.objects.create(
            issue=paper.no2, person=world.people.bob, region=world.pnw, copies=copies
        )


def test_the_database_refuses_a_correction_without_a_reason(world, stocked):
    original = Bundle.objects.get(person=world.people.bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bundle.objects.create(
            issue=stocked.no2, person=world.people.bob, region=world.pnw, copies=-1,
            corrects=original,
        )  # fmt: skip


@pytest.mark.parametrize("copies", [0, -1, 100_001, True, "5"])
def test_it_refuses_silly_numbers_of_copies(world, paper, copies):
    with pytest.raises(ValidationError):
        actions.record_bundle(
            user=world.users.bob, issue=paper.no2, by=world.people.bob, copies=copies
        )
    assert not Bundle.objects.exists()


def test_it_refuses_copies_of_a_draft_and_dates_in_the_future(world, paper):
    with pytest.raises(Http404):  # bob cannot even see the draft
        actions.record_bundle(
            user=world.users.bob, issue=paper.draft, by=world.people.bob, copies=1
        )
    with pytest.raises(ValidationError):  # the editor can, but it is not published
        actions.record_bundle(
            user=world.users.root, issue=paper.draft, by=world.people.bob, copies=1
        )
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.record_bundle(
            user=world.users.bob, issue=paper.no2, by=world.people.bob, copies=1, on=tomorrow
        )
    assert not Bundle.objects.exists()


# Corrections are new rows ----------------------------------------------------------------


def test_a_correction_is_a_new_row_and_the_original_stays(world, stocked):
    original = Handout.objects.get(person=world.people.bob)
    correction = actions.correct_handout(
        user=world.users.bob, handout=original, copies=1, reason="counted twice"
    )
    original.refresh_from_db()
    assert original.copies == 4
    assert (correction.corrects, correction.copies) == (original, -3)
    assert holding(stocked.no2, world.people.bob).handed_out == 1
    assert actions.corrected_total(original) == 1


def test_correcting_a_bundle_up_lets_more_be_handed_on(world, stocked):
    bundle = Bundle.objects.get(person=world.people.bob)
    with pytest.raises(ValidationError):
        actions.record_handout(
            user=world.users.bob,
            issue=stocked.no2,
            by=world.people.bob,
            copies=10,
            category="other",
        )
    actions.correct_bundle(user=world.users.bob, bundle=bundle, copies=14, reason="took 4 more")
    actions.record_handout(
        user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=10, category="other"
    )
    assert holding(stocked.no2, world.people.bob).on_hand == 0


def test_it_refuses_to_correct_a_bundle_below_what_was_handed_on(world, stocked):
    bundle = Bundle.objects.get(person=world.people.bob)
    before = ledger_counts()
    with pytest.raises(ValidationError) as refused:
        actions.correct_bundle(user=world.users.bob, bundle=bundle, copies=3, reason="fewer")
    assert "already handed on" in refused.value.message_dict["copies"][0]
    assert ledger_counts() == before


def test_it_refuses_a_correction_that_changes_nothing_or_has_no_reason(world, stocked):
    handout = Handout.objects.get(person=world.people.bob)
    with pytest.raises(ValidationError):
        actions.correct_handout(user=world.users.bob, handout=handout, copies=4, reason="same")
    with pytest.raises(ValidationError):
        actions.correct_handout(user=world.users.bob, handout=handout, copies=2, reason="  ")


def test_correcting_a_correction_corrects_the_original(world, stocked):
    handout = Handout.objects.get(person=world.people.bob)
    first = actions.correct_handout(user=world.users.bob, handout=handout, copies=2, reason="a")
    second = actions.correct_handout(user=world.users.bob, handout=first, copies=5, reason="b")
    assert second.corrects == handout
    assert second.copies == 3
    assert holding(stocked.no2, world.people.bob).handed_out == 5


# The ladder --------------------------------------------------------------------------------


def test_handing_copies_on_makes_a_reader_a_distributor_once(world, paper):
    gina = world.people.gina
    gina.stage = Stage.READER
    gina.save()
    # cora coordinates the region, so she may record for gina.
    actions.record_bundle(user=world.users.cora, issue=paper.no2, by=gina, copies=5)
    gina.refresh_from_db()
    assert gina.stage == Stage.READER  # taking copies is not handing them on
    for _ in range(2):
        actions.record_handout(
            user=world.users.cora, issue=paper.no2, by=gina, copies=2, category="neighbors"
        )
    gina.refresh_from_db()
    assert gina.stage == Stage.DISTRIBUTOR
    step = StageStep.objects.get(person=gina, stage=Stage.DISTRIBUTOR)
    assert (step.date, step.recorded_by) == (timezone.localdate(), world.users.cora)


def test_it_never_moves_a_group_member_down_the_ladder(world, paper):
    bob = world.people.bob
    bob.stage = Stage.GROUP_MEMBER
    bob.save()
    actions.record_bundle(user=world.users.bob, issue=paper.no2, by=bob, copies=2)
    actions.record_handout(
        user=world.users.bob, issue=paper.no2, by=bob, copies=1, category="other"
    )
    bob.refresh_from_db()
    assert bob.stage == Stage.GROUP_MEMBER
    assert not StageStep.objects.filter(person=bob).exists()


def test_a_new_contact_on_the_spot_becomes_a_reader_tied_to_the_distributor(world, stocked):
    handout = actions.record_handout(
        user=world.users.bob,
        issue=stocked.no2,
        by=world.people.bob,
        copies=1,
        category="coworkers",
        new_contact="Hank at the gate",
    )
    hank = handout.recipient
    assert (hank.display_name, hank.stage, hank.added_by) == (
        "Hank at the gate", Stage.READER, world.users.bob,
    )  # fmt: skip
    assert StageStep.objects.filter(person=hank, stage=Stage.READER).exists()
    tie = Tie.objects.between(hank, world.people.bob).get()
    assert tie.kinds == ["coworker"]
    assert AuditEntry.objects.filter(model="people.person", object_ids=[hank.pk]).exists()


def test_a_known_contact_who_gets_a_copy_becomes_a_reader(world, stocked):
    gina = world.people.gina  # bob's family; a contact
    actions.record_handout(
        user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=1, category="family",
        to=gina,
    )  # fmt: skip
    gina.refresh_from_db()
    assert gina.stage == Stage.READER


def test_it_refuses_a_recipient_out_of_scope_and_adds_no_contact_when_refused(world, stocked):
    with pytest.raises(Http404):
        actions.record_handout(
            user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=1,
            category="other", to=world.people.charlie,
        )  # fmt: skip
    people = Person.objects.count()
    with pytest.raises(ValidationError):
        actions.record_handout(
            user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=50,
            category="other", new_contact="Never added",
        )  # fmt: skip
    assert Person.objects.count() == people


# Who may record what -------------------------------------------------------------------------


def test_a_member_records_only_their_own_copies(world, paper):
    with pytest.raises(PermissionDenied):  # bob sees alice (same group) but does not manage her
        actions.record_bundle(
            user=world.users.bob, issue=paper.no2, by=world.people.alice, copies=1
        )
    with pytest.raises(Http404):  # and does not see charlie at all
        actions.record_bundle(
            user=world.users.bob, issue=paper.no2, by=world.people.charlie, copies=1
        )


def test_an_organizer_records_for_their_group_and_a_coordinator_for_their_region(world, paper):
    actions.record_bundle(user=world.users.alice, issue=paper.no2, by=world.people.dave, copies=3)
    actions.record_bundle(user=world.users.cora, issue=paper.no2, by=world.people.frank, copies=3)
    with pytest.raises(Http404):
        actions.record_bundle(
            user=world.users.cora, issue=paper.no2, by=world.people.charlie, copies=1
        )


def test_a_member_cannot_correct_someone_elses_entry(world, stocked):
    bundle = actions.record_bundle(
        user=world.users.alice, issue=stocked.no2, by=world.people.alice, copies=3
    )
    with pytest.raises(PermissionDenied):  # bob sees his group's entries, changes only his own
        actions.correct_bundle(user=world.users.bob, bundle=bundle, copies=1, reason="no")
    with pytest.raises(Http404):
        actions.correct_bundle(user=world.users.charlie, bundle=bundle, copies=1, reason="no")
    # alice organizes bob's group, so she may correct his entries.
    handout = Handout.objects.get(person=world.people.bob)
    actions.correct_handout(user=world.users.alice, handout=handout, copies=3, reason="recount")


# Rollups and audit -------------------------------------------------------------------------


def test_the_rollups_equal_what_the_ledger_says(world, stocked):
    bundle = Bundle.objects.get(person=world.people.bob)
    actions.correct_bundle(user=world.users.bob, bundle=bundle, copies=12, reason="recount")
    actions.record_return(user=world.users.bob, issue=stocked.no2, by=world.people.bob, copies=2)
    handout = Handout.objects.get(person=world.people.erin)
    actions.correct_handout(user=world.users.cora, handout=handout, copies=0, reason="never")
    maintained = rollups()
    ledger.rebuild_rollups()
    assert rollups() == maintained


def test_every_write_is_audited_by_id(world, stocked):
    entries = AuditEntry.objects.filter(model__in=["paper.bundle", "paper.handout"])
    assert entries.count() == 6
    assert set(entries.values_list("action", flat=True)) == {"create"}
