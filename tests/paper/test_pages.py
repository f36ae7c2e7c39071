"""The paper's pages: logging copies, corrections, reading and editing, reach and exports."""

import csv
import io
import re

import pytest
from django.urls import reverse

from collectives.audit.models import AuditEntry
from collectives.paper.models import Article, Bundle, Handout, Holding, PaperIssue

from .conftest import ledger_counts

# Logging copies ---------------------------------------------------------------------------


def test_it_offers_the_latest_issue_already_chosen(signed_in, stocked):
    response = signed_in("bob").get(reverse("paper:log"))
    assert response.status_code == 200
    body = response.content.decode()
    radios = re.findall(r'<input type="radio" name="issue" value="(\d+)"[^>]*?( checked)?>', body)
    assert radios == [("2", " checked"), ("1", "")]  # the draft No. 3 is not offered
    assert "You have 6 copies of No. 2 on hand" in body


def test_it_records_a_hand_out_in_one_post_of_issue_category_and_number(signed_in, world, stocked):
    response = signed_in("bob").post(
        reverse("paper:log"), {"issue": "2", "category": "students", "copies": "5"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("paper:log") + "?issue=2"
    handout = Handout.objects.get(person=world.people.bob, category="students")
    assert (handout.copies, handout.issue, handout.recorded_by) == (5, stocked.no2, world.users.bob)


def test_it_says_what_is_wrong_and_writes_nothing_when_too_many_copies(signed_in, stocked):
    before = ledger_counts()
    response = signed_in("bob").post(
        reverse("paper:log"), {"issue": "2", "category": "students", "copies": "7"}
    )
    assert response.status_code == 200
    assert "Only 6 copies of No. 2 are left" in response.content.decode()
    assert ledger_counts() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"issue": "2", "copies": "3"}, "category"),
        ({"issue": "2", "category": "coworkers", "copies": "0"}, "copies"),
        ({"issue": "2", "category": "coworkers", "copies": "lots"}, "copies"),
        ({"issue": "2", "category": "bosses", "copies": "1"}, "category"),
        ({"issue": "3", "category": "coworkers", "copies": "1"}, "issue"),  # the draft
    ],
)
def test_it_refuses_bad_input_on_the_phone_form(signed_in, stocked, data, field):
    before = ledger_counts()
    response = signed_in("bob").post(reverse("paper:log"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ledger_counts() == before


def test_it_records_copies_taken_and_given_back(signed_in, world, paper):
    client = signed_in("bob")
    response = client.post(reverse("paper:take", args=[2]), {"copies": "8", "place": "Gate 3"})
    assert response.status_code == 302
    response = client.post(reverse("paper:give_back", args=[2]), {"copies": "3"})
    assert response.status_code == 302
    holding = Holding.objects.get(person=world.people.bob, issue=paper.no2)
    assert (holding.taken, holding.returned) == (8, 3)
    assert Bundle.objects.get(kind="taken").place == "Gate 3"


def test_an_organizer_records_hand_outs_for_a_member_and_a_new_contact(signed_in, world, stocked):
    response = signed_in("alice").post(
        reverse("paper:new_handout"),
        {
            "issue": "2", "person": world.people.bob.pk, "copies": "1", "category": "friends",
            "date": str(stocked.no2.date), "new_contact": "Rita from the bus",
        },
    )  # fmt: skip
    assert response.status_code == 302
    handout = Handout.objects.get(recipient__display_name="Rita from the bus")
    assert (handout.person, handout.recorded_by) == (world.people.bob, world.users.alice)


def test_a_member_cannot_pick_someone_else_on_the_full_form(signed_in, world, stocked):
    before = ledger_counts()
    response = signed_in("bob").post(
        reverse("paper:new_bundle"),
        {"issue": "2", "person": world.people.alice.pk, "copies": "1", "date": "2020-01-01"},
    )
    assert "person" in response.context["form"].errors
    assert ledger_counts() == before


def test_it_corrects_an_entry_with_a_new_row(signed_in, world, stocked):
    handout = Handout.objects.get(person=world.people.bob)
    url = reverse("paper:correct_handout", args=[handout.pk])
    assert signed_in("bob").get(url).status_code == 200
    response = signed_in("bob").post(url, {"copies": "2", "reason": "miscounted"})
    assert response.status_code == 302
    assert Handout.objects.filter(corrects=handout, copies=-2).exists()


def test_it_answers_403_or_404_to_corrections_of_entries_out_of_reach(signed_in, world, stocked):
    handout = Handout.objects.get(person=world.people.bob)
    url = reverse("paper:correct_handout", args=[handout.pk])
    assert signed_in("charlie").post(url, {"copies": "1", "reason": "x"}).status_code == 404
    erin = Handout.objects.get(person=world.people.erin)
    assert signed_in("bob").get(reverse("paper:correct_handout", args=[erin.pk])).status_code == 404
    alice_bundle = Bundle.objects.create(
        issue=stocked.no2,
        person=world.people.alice,
        group=world.vanpool,
        region=world.pnw,
        copies=1,
    )
    url = reverse("paper:correct_bundle", args=[alice_bundle.pk])
    assert signed_in("bob").get(url).status_code == 403


def test_the_entries_page_lists_only_visible_rows(signed_in, world, stocked):
    response = signed_in("bob").get(reverse("paper:entries"))
    rows = list(response.context["page"])
    assert {row.person for row in rows} == {world.people.bob}


# Reading and editing the paper -------------------------------------------------------------


def test_members_read_published_issues_but_not_drafts(signed_in, paper):
    client = signed_in("bob")
    response = client.get(reverse("paper:home"))
    assert [i.number for i in response.context["issues"]] == [2, 1]
    assert client.get(reverse("paper:issue", args=[2])).status_code == 200
    assert client.get(reverse("paper:issue", args=[3])).status_code == 404
    draft_article = Article.objects.get(edition__issue=paper.draft, edition__language="en")
    assert client.get(reverse("paper:article", args=[draft_article.pk])).status_code == 404


def test_an_article_links_to_its_translation(signed_in, paper):
    story = Article.objects.get(title="Story 2")
    response = signed_in("bob").get(reverse("paper:article", args=[story.pk]))
    body = response.content.decode()
    assert "<strong>story</strong>" in body
    assert reverse("paper:article", args=[story.translations.get().pk]) in body


def test_it_strips_scripts_from_article_bodies(signed_in, paper):
    story = Article.objects.get(title="Story 2")
    story.body = "Hello <script>alert('x')</script> [click](javascript:alert(1)) <b onclick=x>b</b>"
    story.save()
    body = signed_in("bob").get(reverse("paper:article", args=[story.pk])).content.decode()
    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "onclick" not in body


def test_an_editor_starts_fills_and_publishes_an_issue(signed_in, world):
    client = signed_in("ed")
    response = client.post(reverse("paper:new_issue"), {"number": "7", "date": "2025-05-01"})
    assert response.status_code == 302
    issue = PaperIssue.objects.get(number=7)
    assert sorted(issue.editions.values_list("language", flat=True)) == ["en", "es"]
    publish = reverse("paper:publish_issue", args=[7])
    client.post(publish)
    issue.refresh_from_db()
    assert not issue.is_published  # no article yet
    client.post(
        reverse("paper:new_article", args=[7]),
        {"language": "en", "title": "Lead", "body": "Text", "position": "0"},
    )
    lead = Article.objects.get(title="Lead")
    response = client.post(
        reverse("paper:new_article", args=[7]),
        {"language": "es", "title": "Nota", "body": "Texto", "position": "0",
         "translation_of": lead.pk},
    )  # fmt: skip
    assert Article.objects.get(title="Nota").translation_of == lead
    client.post(publish)
    issue.refresh_from_db()
    assert issue.is_published


def test_it_refuses_a_translation_in_the_same_language(signed_in, paper):
    story = Article.objects.get(title="Story 2")
    response = signed_in("ed").post(
        reverse("paper:new_article", args=[2]),
        {"language": "en", "title": "Copy", "body": "x", "position": "0",
         "translation_of": story.pk},
    )  # fmt: skip
    assert "translation_of" in response.context["form"].errors
    assert not Article.objects.filter(title="Copy").exists()


@pytest.mark.parametrize("name", ["paper:new_issue", "paper:edit_issue", "paper:new_article"])
def test_members_cannot_open_the_editors_forms(signed_in, paper, name):
    args = [] if name == "paper:new_issue" else [2]
    assert signed_in("bob").get(reverse(name, args=args)).status_code == 403
    assert signed_in("bob").post(reverse("paper:publish_issue", args=[3])).status_code in (
        403,
        404,
    )


# Reach, charts and exports -----------------------------------------------------------------


def test_the_reach_pages_show_tables_for_what_the_user_sees(signed_in, stocked):
    response = signed_in("bob").get(reverse("paper:reach"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary["totals"]["taken"] == 10  # bob's group only
    response = signed_in("root").get(reverse("paper:reach_issue", args=[2]))
    assert response.context["summary"]["totals"]["taken"] == 21
    assert 'src="/paper/reach/2/categories.svg"' in response.content.decode()


@pytest.mark.parametrize("url", ["/paper/reach/trend.svg", "/paper/reach/share.svg",
                                 "/paper/reach/2/categories.svg"])  # fmt: skip
def test_charts_are_svg_images_without_scripts(signed_in, stocked, url):
    response = signed_in("bob").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content
    assert b"<script" not in response.content


def test_filters_outside_the_users_scope_are_not_found(signed_in, world, stocked):
    client = signed_in("bob")
    assert client.get(reverse("paper:reach"), {"region": world.nyc.pk}).status_code == 404
    assert client.get(reverse("paper:trend_chart"), {"group": world.bronx.pk}).status_code == 404
    assert client.get(reverse("paper:reach"), {"group": world.vanpool.pk}).status_code == 200


def _csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_exports_are_scoped_and_audited(signed_in, world, stocked):
    response = signed_in("bob").get(reverse("paper:export_handouts"), {"issue": "2"})
    rows = _csv(response)
    assert [(row["person"], row["category"], row["copies"]) for row in rows] == [
        (str(world.people.bob.pk), "coworkers", "4")
    ]
    entry = AuditEntry.objects.filter(action="export", model="paper.handout").get()
    assert entry.object_ids == [Handout.objects.get(person=world.people.bob).pk]
    rows = _csv(signed_in("charlie").get(reverse("paper:export_reach")))
    assert [row["group"] for row in rows] == ["Bronx Readers"]
    assert AuditEntry.objects.filter(action="export", model="groups.group").exists()


def test_the_admin_shows_the_ledger_read_only(signed_in, world, stocked):
    client = signed_in("root")
    assert client.get("/admin/paper/handout/").status_code == 200
    handout = Handout.objects.get(person=world.people.bob)
    assert client.get(f"/admin/paper/handout/{handout.pk}/change/").status_code == 200
    assert client.get("/admin/paper/handout/add/").status_code == 403
    response = client.post(f"/admin/paper/handout/{handout.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Handout.objects.filter(pk=handout.pk).exists()


def test_exports_defuse_text_that_a_spreadsheet_would_run(signed_in, world, stocked):
    world.people.bob.display_name = "=HYPERLINK(1)"
    world.people.bob.save()
    rows = _csv(signed_in("bob").get(reverse("paper:export_handouts")))
    assert rows[0]["person_name"] == "'=HYPERLINK(1)"
