"""The people list: scoped, searchable by name, paginated, with a pinned number of queries."""

from django.urls import reverse

from collectives.people.models import Person


def test_it_lists_only_the_people_i_may_see(signed_in):
    body = signed_in("bob").get(reverse("web:people")).content.decode()
    for name in ("Alice", "Bob", "Dave", "Gina"):
        assert f">{name}</a>" in body
    for name in ("Charlie", "Erin", "Frank"):
        assert name not in body


def test_it_searches_by_name(signed_in):
    body = signed_in("bob").get(reverse("web:people"), {"q": "ali"}).content.decode()
    assert ">Alice</a>" in body
    assert ">Dave</a>" not in body


def test_it_finds_nobody_outside_my_scope(signed_in):
    body = signed_in("bob").get(reverse("web:people"), {"q": "Charlie"}).content.decode()
    assert "Nobody you can see is called" in body
    assert "/people/" + str(Person.objects.get(display_name="Charlie").pk) not in body


def test_it_paginates(signed_in, world):
    Person.objects.bulk_create(
        Person(display_name=f"Reader {n:03}", region=world.pnw, added_by=world.users.cora)
        for n in range(60)
    )
    client = signed_in("cora")
    first = client.get(reverse("web:people")).content.decode()
    assert "Page 1 of 2" in first
    assert "Reader 040" in first and "Reader 050" not in first
    second = client.get(reverse("web:people"), {"page": 2}).content.decode()
    assert "Reader 050" in second and "Reader 040" not in second


def test_it_survives_a_nonsense_page_number(signed_in):
    response = signed_in("bob").get(reverse("web:people"), {"page": "lots"})
    assert response.status_code == 200


def test_it_lists_people_in_a_fixed_number_of_queries(signed_in, world, django_assert_num_queries):
    client = signed_in("cora")
    Person.objects.bulk_create(
        Person(display_name=f"Reader {n:03}", region=world.pnw, workplace=world.boeing)
        for n in range(30)
    )
    # 1 session, 2 user, 3 count the people, 4 one page of people with region and workplace,
    # 5 the organization's name for the header.
    with django_assert_num_queries(5):
        response = client.get(reverse("web:people"))
    assert response.content.decode().count("Boeing Everett") == 34  # 30 + alice, bob, dave, erin
