"""In Debian's chromium, on a 360-px-wide phone: log copies in three taps and one number, and
see the reach charts (SVG images under the strict content security policy)."""

import os
import shutil

import pytest

from collectives.paper import actions
from collectives.paper.models import Handout

PASSWORD = "a password only the paper's browser test uses"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def phone(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # around it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        yield page
        browser.close()


def sign_in(page, live_server, user, next_path):
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{live_server.url}{next_path}")
    page.fill("input[name=username]", "bob")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_path}")


def test_it_logs_copies_in_three_taps_and_one_number(
    transactional_db, live_server, world, stocked, phone
):
    page = phone
    actions.record_bundle(user=world.users.bob, issue=stocked.no1, by=world.people.bob, copies=5)
    sign_in(page, live_server, world.users.bob, "/paper/log/")
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.click("label.chip:has-text('No. 1')")  # tap 1: an older issue (the latest is chosen)
    page.click("label.tile:has-text('Coworkers')")  # tap 2: to whom
    page.fill("input[name=copies]", "3")  # the one number
    page.click("button:has-text('Save')")  # tap 3
    page.wait_for_url("**/paper/log/?issue=1")

    assert "Recorded 3 copies to coworkers. 2 copies of No. 1 left with Bob." in page.inner_text(
        ".messages"
    )
    handout = Handout.objects.get(issue=stocked.no1)
    assert (handout.person, handout.category, handout.copies) == (world.people.bob, "coworkers", 3)
    # It fits the phone: nothing sticks out sideways, the tiles are big enough to tap.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    tile = page.locator("label.tile").first.bounding_box()
    assert tile["height"] >= 44 and tile["width"] >= 140
    assert not [e for e in errors if "Content Security Policy" in e]

    page.goto(f"{live_server.url}/paper/reach/")
    images = page.locator("figure.chart img")
    assert images.count() == 2
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(
        "Array.from(document.querySelectorAll('figure.chart img'))"
        ".map(img => img.complete && img.naturalWidth > 0)"
    )
    assert loaded == [True, True]
    if os.environ.get("PAPER_SCREENSHOTS"):
        page.screenshot(path=os.environ["PAPER_SCREENSHOTS"] + "/reach.png", full_page=True)
