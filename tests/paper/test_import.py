"""``collectives import bundles|handouts FILE.csv``: all rows or (with --skip-bad) the good ones."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collectives.audit.models import AuditEntry
from collectives.paper.models import Bundle, Handout, Holding, Tally
from collectives.people.models import Person, Stage

from .conftest import ledger_counts


def run(tmp_path, what, text, *options):
    path = tmp_path / f"{what}.csv"
    path.write_text(text)
    out, err = StringIO(), StringIO()
    call_command("import", what, str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_bundles_then_hand_outs_by_id_and_by_name(tmp_path, world, paper):
    bob, erin = world.people.bob, world.people.erin
    out, _ = run(
        tmp_path,
        "bundles",
        f"issue,person,copies,date,place\n2,{bob.pk},10,,Gate 3\n2,Erin,5,{paper.no2.date},\n",
    )
    assert "Imported 2 bundles" in out
    out, _ = run(
        tmp_path,
        "handouts",
        f"issue,person,category,copies,recipient\n2,Bob,coworkers,4,\n2,{erin.pk},friends,5,Frank\n",
    )
    assert "Imported 2 handouts" in out
    assert Holding.objects.get(person=bob).on_hand == 6
    assert Holding.objects.get(person=erin).on_hand == 0
    assert Tally.objects.get(group=world.dinners, category="friends").copies == 5
    assert Bundle.objects.get(person=bob).place == "Gate 3"
    bob.refresh_from_db()
    world.people.frank.refresh_from_db()
    assert (bob.stage, world.people.frank.stage) == (Stage.DISTRIBUTOR, Stage.READER)
    entry = AuditEntry.objects.get(model="paper.handout", via="import")
    assert sorted(entry.object_ids) == sorted(Handout.objects.values_list("pk", flat=True))


BAD_BUNDLES = """issue,person,copies,kind,date
2,Bob,10,,
9,Bob,1,,
2,Nobody,1,,
2,Bob,zero,,
2,Bob,1,stolen,
2,Bob,1,,2999-01-01
3,Bob,1,,
2,Bob,11,returned,
2,Dave,3,taken,
"""


def test_it_reports_every_bad_row_with_its_line_and_imports_nothing(tmp_path, world, paper):
    before = ledger_counts()
    with pytest.raises(CommandError, match="7 bad row"):
        run(tmp_path, "bundles", BAD_BUNDLES)
    assert ledger_counts() == before
    path = tmp_path / "bundles.csv"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "bundles", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "line 3: unknown issue '9'",
        "line 4: person: unknown person 'Nobody'",
        "line 5: copies: 'zero' is not a whole number from 1 to 100000",
        "line 6: kind: 'stolen' is neither taken nor returned",
        "line 7: date: 2999-01-01 is in the future",
        "line 8: issue 3 is not published",
        "line 9: only 10 copies of issue 2 are left with person "
        f"{world.people.bob.pk} (10 taken, 0 returned, 0 handed on), not 11",
    ]


def test_with_skip_bad_it_imports_the_good_rows(tmp_path, world, paper):
    out, err = run(tmp_path, "bundles", BAD_BUNDLES, "--skip-bad")
    assert "Imported 2 bundles" in out and "7 bad rows skipped" in out
    assert "line 3:" in err
    assert sorted(Bundle.objects.values_list("person__display_name", "copies")) == [
        ("Bob", 10), ("Dave", 3),
    ]  # fmt: skip


def test_hand_outs_are_checked_against_copies_taken_row_by_row(tmp_path, world, paper):
    run(tmp_path, "bundles", "issue,person,copies\n2,Bob,5\n")
    text = "issue,person,category,copies\n2,Bob,family,3\n2,Bob,family,3\n2,Bob,friends,2\n"
    with pytest.raises(CommandError, match="1 bad row"):
        run(tmp_path, "handouts", text)
    assert not Handout.objects.exists()
    out, err = run(tmp_path, "handouts", text, "--skip-bad")
    assert err.startswith("line 3: only 2 copies")
    assert Holding.objects.get(person=world.people.bob).on_hand == 0


def test_it_refuses_files_with_unknown_or_missing_columns(tmp_path, world, paper):
    with pytest.raises(CommandError, match="line 1: unknown column"):
        run(tmp_path, "handouts", "issue,person,category,copies,colour\n2,Bob,family,1,red\n")
    with pytest.raises(CommandError, match="line 1: missing column.*category"):
        run(tmp_path, "handouts", "issue,person,copies\n2,Bob,1\n")
    with pytest.raises(CommandError, match="empty"):
        run(tmp_path, "handouts", "")


def test_it_asks_for_an_id_when_a_name_is_ambiguous(tmp_path, world, paper):
    Person.objects.create(display_name="Bob", region=world.nyc)
    with pytest.raises(CommandError):
        run(tmp_path, "bundles", "issue,person,copies\n2,Bob,1\n")
    out, _ = run(tmp_path, "bundles", f"issue,person,copies\n2,{world.people.bob.pk},1\n")
    assert "Imported 1 bundles" in out


def test_as_a_user_it_finds_only_the_people_they_manage(tmp_path, world, paper):
    text = "issue,person,copies\n2,Alice,1\n2,Bob,1\n"
    out, err = run(tmp_path, "bundles", text, "--user", "bob", "--skip-bad")
    assert "line 2: person: unknown person 'Alice'" in err
    assert Bundle.objects.get().recorded_by == world.users.bob


def test_it_reads_its_own_exports_but_not_their_corrections(tmp_path, client, world, stocked):
    from collectives.paper import actions

    handout = Handout.objects.get(person=world.people.bob)
    actions.correct_handout(user=world.users.bob, handout=handout, copies=3, reason="recount")
    client.force_login(world.users.root)
    response = client.get("/paper/export/handouts.csv")
    text = b"".join(response.streaming_content).decode()
    out, err = run(tmp_path, "handouts", text, "--check")
    # Every column is understood; the correction is refused, and erin's 3 copies no longer
    # fit on top of the 3 she already handed on.
    assert out.startswith("2 good rows, 2 bad; nothing imported.")
    assert "a correction" in err


def test_rebuild_rollups_checks_and_repairs_them(world, stocked):
    out = StringIO()
    call_command("rebuild_rollups", "--check", stdout=out)
    assert "match" in out.getvalue()
    Tally.objects.all().delete()
    with pytest.raises(CommandError, match="differ"):
        call_command("rebuild_rollups", "--check", stdout=StringIO())
    assert not Tally.objects.exists()  # --check changes nothing
    call_command("rebuild_rollups", stdout=StringIO())
    assert Tally.objects.count() == 3
