"""The home page: my groups, and for coordinators and admins the other groups they see."""

from django.urls import reverse


def test_it_lists_my_groups(signed_in):
    body = signed_in("bob").get(reverse("web:home")).content.decode()
    assert "Vanpool" in body
    assert "Dinners" not in body
    assert "Bronx Readers" not in body
    assert "Groups in your region" not in body


def test_it_shows_a_coordinator_the_groups_of_their_region(signed_in):
    body = signed_in("cora").get(reverse("web:home")).content.decode()
    assert "Groups in your region" in body
    assert "Vanpool" in body and "Dinners" in body
    assert "Bronx Readers" not in body


def test_it_shows_an_admin_every_group(signed_in):
    body = signed_in("root").get(reverse("web:home")).content.decode()
    assert "All groups" in body
    for name in ("Vanpool", "Dinners", "Bronx Readers"):
        assert name in body


def test_it_offers_new_groups_only_to_who_may_create_them(signed_in):
    assert reverse("web:new_group") not in signed_in("bob").get("/").content.decode()
    assert reverse("web:new_group") in signed_in("alice").get("/").content.decode()


def test_it_tells_an_account_without_a_person_that_it_has_no_groups(signed_in):
    body = signed_in("ed").get(reverse("web:home")).content.decode()
    assert "not linked to a person" in body
