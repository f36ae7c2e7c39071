"""Signing in and out, the language chosen by the browser or by the switch."""

import pytest
from django.urls import reverse

PASSWORD = "a password only these tests use"


@pytest.fixture
def bob(world):
    world.users.bob.set_password(PASSWORD)
    world.users.bob.save()
    return world.users.bob


def test_it_shows_the_sign_in_page(client, db):
    response = client.get(reverse("web:login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_it_signs_in_and_goes_home(client, bob):
    response = client.post(reverse("web:login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    assert "Vanpool" in client.get(reverse("web:home")).content.decode()


def test_it_says_what_is_wrong_with_a_bad_password(client, bob):
    response = client.post(reverse("web:login"), {"username": "bob", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('web:login')}?next=/"


def test_it_signs_out_by_post_only(client, world):
    client.force_login(world.users.bob)
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response.url == reverse("web:login")
    assert "_auth_user_id" not in client.session


def test_it_speaks_spanish_to_a_spanish_browser(client, db):
    response = client.get(reverse("web:login"), HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Iniciar sesión" in body
    assert "Contraseña" in body
    assert "Sign in" not in body


def test_it_speaks_english_by_default(client, db):
    body = client.get(reverse("web:login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en">' in body
    assert "Sign in" in body


def test_it_switches_the_language_with_the_switch(client, world):
    client.force_login(world.users.bob)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    body = client.get(reverse("web:home")).content.decode()
    assert "Mis grupos" in body
    assert "Cerrar sesión" in body


def test_it_speaks_spanish_in_form_errors(client, world):
    client.force_login(world.users.bob)
    response = client.post(
        reverse("web:new_person"), {"display_name": ""}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "Este campo es obligatorio." in response.content.decode()
    assert "No se guardó nada" in response.content.decode()
