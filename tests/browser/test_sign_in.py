"""One real browser: sign in as a member and open the group page (Debian's chromium)."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "a password only the browser test uses"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def page(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop. Only for this test: never set it at import time,
    # or it leaks into every other test (and `check --deploy` rightly complains).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(locale="en-US")
        yield page
        browser.close()


def test_it_signs_in_and_shows_my_group(transactional_db, live_server, world, page):
    bob = world.users.bob
    bob.set_password(PASSWORD)
    bob.save()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Vanpool").click()
    page.wait_for_url(f"{live_server.url}/groups/{world.vanpool.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vanpool"
    members = page.locator("table.members tbody tr td:first-child").all_inner_texts()
    assert members == ["Alice", "Bob", "Dave"]
    assert page.locator("svg.graph line").count() == 2
    assert not errors, errors  # e.g. a CSP violation from an inline script or style


def test_it_adds_a_member_in_place_with_htmx(transactional_db, live_server, world, page):
    alice = world.users.alice
    alice.set_password(PASSWORD)
    alice.save()
    page.goto(f"{live_server.url}/login/?next=/groups/{world.vanpool.pk}/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/groups/{world.vanpool.pk}/")

    page.get_by_text("Add a member", exact=True).click()
    page.get_by_label("Person").select_option(label="Erin")
    add = f"{live_server.url}/groups/{world.vanpool.pk}/members/new/"
    with page.expect_response(add) as answer:
        page.get_by_role("button", name="Add the member").click()
    page.get_by_text("Added the member.").wait_for()
    # htmx posted and swapped the list in place (without it: a 302 and a full page)
    assert answer.value.request.headers.get("hx-request") == "true"
    assert answer.value.status == 200
    members = page.locator("table.members tbody tr td:first-child").all_inner_texts()
    assert members == ["Alice", "Bob", "Dave", "Erin"]
