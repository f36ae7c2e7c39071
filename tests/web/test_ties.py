"""Adding, editing and deleting ties; the picker offers only people in scope."""

import pytest
from django.urls import reverse

from collectives.people.models import Person, Tie

from .conftest import row_counts


def new_tie_url(person):
    return reverse("web:new_tie", args=[person.pk])


def test_it_adds_a_tie_from_my_page(signed_in, world):
    hana = Person.objects.create(display_name="Hana", region=world.pnw, added_by=world.users.bob)
    response = signed_in("bob").post(
        new_tie_url(world.people.bob),
        {"other": hana.pk, "kinds": ["neighbor"], "strength": 2, "source": "entered"},
    )
    assert response.status_code == 302
    assert Tie.objects.between(world.people.bob, hana).get().kinds == ["neighbor"]


def test_it_adds_a_tie_and_goes_back_to_the_person(signed_in, world):
    client = signed_in("alice")
    response = client.post(
        new_tie_url(world.people.dave),
        {
            "other": world.people.alice.pk,
            "kinds": ["coworker", "vanpool"],
            "strength": 4,
            "since": "2023-05-01",
            "source": "gathering",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("web:person", args=[world.people.dave.pk])
    tie = Tie.objects.between(world.people.alice, world.people.dave).get()
    assert (tie.kinds, tie.strength, tie.source) == (["coworker", "vanpool"], 4, "gathering")


def test_it_answers_htmx_with_the_refreshed_ties(signed_in, world):
    response = signed_in("alice").post(
        new_tie_url(world.people.dave),
        {"other": world.people.alice.pk, "kinds": ["friend"], "strength": 3, "source": "entered"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="ties">')
    assert "<html" not in body
    assert "Added the tie." in body
    assert ">Alice</a>" in body


def test_it_answers_htmx_with_errors_in_the_partial(signed_in, world):
    before = row_counts()
    response = signed_in("alice").post(
        new_tie_url(world.people.dave),
        {"other": world.people.alice.pk, "strength": 3, "source": "entered"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="ties">')
    assert "Choose at least one kind of tie." in body
    assert row_counts() == before


def test_it_offers_only_people_in_my_scope(signed_in, world):
    body = signed_in("bob").get(new_tie_url(world.people.bob)).content.decode()
    # alice, dave and gina are already tied to bob; nobody else is visible to him
    for name in ("Charlie", "Erin", "Frank", "Alice", "Dave", "Gina"):
        assert f">{name}</option>" not in body
    body = signed_in("cora").get(new_tie_url(world.people.gina)).content.decode()
    for name in ("Alice", "Dave", "Erin", "Frank"):
        assert f">{name}</option>" in body
    assert "Charlie" not in body
    assert ">Gina</option>" not in body  # not to herself


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"other": "charlie"}, "Select a valid choice."),  # out of scope
        ({"other": "dave"}, "Select a valid choice."),  # herself
        ({"kinds": []}, "Choose at least one kind of tie."),
        ({"kinds": ["lover"]}, "Select a valid choice. lover is not one of the available"),
        ({"strength": 9}, "Select a valid choice. 9 is not one of the available choices."),
        ({"since": "2999-01-01"}, "The date cannot be in the future."),
        ({"source": "rumor"}, "Select a valid choice."),
    ],
)
def test_it_rejects_a_bad_tie_and_changes_nothing(signed_in, world, changes, message):
    data = {"other": "alice", "kinds": ["friend"], "strength": 3, "source": "entered", **changes}
    data["other"] = getattr(world.people, data["other"]).pk
    before = row_counts()
    response = signed_in("alice").post(new_tie_url(world.people.dave), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert row_counts() == before


def test_it_403s_adding_ties_for_someone_i_do_not_manage(signed_in, world):
    response = signed_in("bob").post(
        new_tie_url(world.people.dave),
        {"other": world.people.gina.pk, "kinds": ["friend"], "strength": 3, "source": "entered"},
    )
    assert response.status_code == 403
    assert not Tie.objects.between(world.people.dave, world.people.gina).exists()


def test_it_edits_a_tie_and_returns_to_the_page_i_came_from(signed_in, world):
    tie = world.ties.bob_gina
    back = reverse("web:person", args=[world.people.gina.pk])
    response = signed_in("bob").post(
        reverse("web:edit_tie", args=[tie.pk]),
        {"kinds": ["family", "neighbor"], "strength": 5, "source": "entered", "next": back},
    )
    assert response.url == back
    tie.refresh_from_db()
    assert (tie.kinds, tie.strength) == (["family", "neighbor"], 5)


def test_it_never_redirects_off_site_after_an_edit(signed_in, world):
    tie = world.ties.bob_gina
    response = signed_in("bob").post(
        reverse("web:edit_tie", args=[tie.pk]),
        {"kinds": ["family"], "strength": 2, "source": "entered", "next": "https://evil.example/"},
    )
    assert response.url == reverse("web:person", args=[tie.person_a_id])


def test_it_rejects_a_bad_tie_edit_and_changes_nothing(signed_in, world):
    tie = world.ties.bob_gina
    response = signed_in("bob").post(
        reverse("web:edit_tie", args=[tie.pk]), {"kinds": [], "strength": 0, "source": "entered"}
    )
    body = response.content.decode()
    assert "Choose at least one kind of tie." in body
    assert "Select a valid choice. 0 is not one of the available choices." in body
    tie.refresh_from_db()
    assert (tie.kinds, tie.strength) == (["family"], 3)


@pytest.mark.parametrize(("username", "status"), [("bob", 404), ("charlie", 404), ("cora", 200)])
def test_it_scopes_the_tie_edit_page(signed_in, world, username, status):
    # alice–erin: bob cannot see erin, so he cannot see the tie
    url = reverse("web:edit_tie", args=[world.ties.alice_erin.pk])
    assert signed_in(username).get(url).status_code == status


def test_it_403s_editing_a_tie_i_see_but_do_not_manage(signed_in, world):
    # bob sees alice and dave (his group) but manages neither
    tie = Tie.objects.create(
        person_a=world.people.alice, person_b=world.people.dave, kinds=["friend"]
    )
    client = signed_in("bob")
    assert client.get(reverse("web:edit_tie", args=[tie.pk])).status_code == 403
    assert client.post(reverse("web:delete_tie", args=[tie.pk])).status_code == 403
    assert Tie.objects.filter(pk=tie.pk).exists()


def test_it_deletes_a_tie_by_post_only(signed_in, world):
    client = signed_in("bob")
    url = reverse("web:delete_tie", args=[world.ties.bob_gina.pk])
    assert client.get(url).status_code == 405
    assert Tie.objects.filter(pk=world.ties.bob_gina.pk).exists()
    assert client.post(url).status_code == 302
    assert not Tie.objects.filter(pk=world.ties.bob_gina.pk).exists()
