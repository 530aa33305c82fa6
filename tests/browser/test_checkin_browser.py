"""The one-tap check-in page in headless Chromium with JavaScript turned off, on a small old phone's screen, against
real gunicorn, worker and Redis processes on the console transport, with the demo store."""

from __future__ import annotations

import re
import time

import pytest
import requests

from tests.support.browser import WAIT_MS, skip_without_chromium

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"
SMALL_OLD_PHONE = {"width": 320, "height": 568}

skip_without_chromium()
expect = pytest.importorskip("playwright.sync_api").expect


def messages(stack) -> list[dict]:
    return requests.get(stack.url + "/simulator/messages", timeout=5).json()["messages"]


@pytest.fixture
def link(stack) -> str:
    """The demo's ready order 1234 (Marie, French): its check-in link, as her order-ready text carries it."""
    stack.cli("demo")
    texts = [m["body"] for m in messages(stack) if "/c/" in m["body"]]
    return re.search(r"https?://\S+/c/[A-Za-z0-9_-]{16}", texts[-1]).group(0)


@pytest.fixture
def phone(browser, stack):
    context = browser.new_context(viewport=SMALL_OLD_PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_checking_in_from_the_link_with_no_javascript_alerts_staff_and_acknowledges(phone, stack, link):
    phone.goto(link)
    expect(phone.locator("h1")).to_have_text("Plein Air Laurier")
    expect(phone.locator("#here h2")).to_have_text("Je suis là")
    # Nothing wider than the screen: no sideways scrolling on a 320-pixel phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= SMALL_OLD_PHONE["width"]

    phone.get_by_role("link", name="English").click()
    expect(phone.locator("#here h2")).to_have_text("I'm here")
    phone.get_by_label("Spot number").fill("4")
    phone.get_by_label("Your vehicle (optional)").fill("red Civic")
    phone.get_by_label("A note for the team (optional)").fill("trunk is open")
    phone.locator("#here button[type=submit]").click()

    expect(phone.locator("#sent")).to_have_text("Sent! The team has been told.", timeout=WAIT_MS)
    expect(phone.locator("#status")).to_contain_text("spot 4")
    alert = [m for m in messages(stack) if m["phone"] == JULIE and "place 4" in m["body"]]
    assert alert and "Civic" in alert[0]["body"] and "trunk is open" in alert[0]["body"]
    # The page was read in English: the acknowledgement comes in English too.
    assert [m for m in messages(stack) if m["phone"] == MARIE and "Got it: spot 4" in m["body"]], messages(stack)


def test_a_form_missing_its_spot_says_so_on_the_page(phone, link):
    phone.goto(link)
    phone.locator("#here button[type=submit]").click()
    expect(phone.locator("#problem")).to_contain_text("numéro de place")


def test_on_my_way_then_here(phone, stack, link):
    phone.goto(link)
    phone.get_by_label("15 min").check()
    phone.locator("#on-the-way button[type=submit]").click()
    expect(phone.locator("#status")).to_contain_text("On vous attend", timeout=WAIT_MS)
    expect(phone.locator("#on-the-way")).to_have_count(0)
    phone.locator("#here").get_by_label("À la porte").check()
    phone.locator("#here button[type=submit]").click()
    expect(phone.locator("#status")).to_contain_text("À la porte", timeout=WAIT_MS)


def test_the_wait_told_on_the_page_is_the_one_staff_see_on_the_board(browser, phone, stack, link, database_url):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from bot.data.db import Database
    from bot.data.models import Handoff

    board = re.search(r"^board: (\S+)$", stack.cli("demo"), re.M).group(1)
    token = stack.cli("create-token", "pos")
    for n in range(6):  # six pickups earlier today, run through the webhook, then set one after the other
        phone_number = f"+1514555030{n}"
        stack.api(
            "POST",
            "/stores/1/orders",
            token,
            json={
                "number": f"30{n}",
                "customer_name": f"Client {n}",
                "customer_phone": phone_number,
                "status": "ready",
            },
        ).raise_for_status()
        for sender, body in ((phone_number, f"rendu place {n + 2}"), (JULIE, f"OK 30{n}"), (JULIE, f"FAIT 30{n}")):
            stack.text(sender, STORE, body).raise_for_status()
    db = Database(database_url)
    done = select(Handoff.id).where(Handoff.status == "done")
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:  # the worker handles the texts in its own time
        with db.read() as session:
            if len(session.scalars(done).all()) == 6:
                break
        time.sleep(0.2)
    with db.write() as session:
        now = datetime.now(UTC)
        # One after the other (each arrives just after the one before is handed off, so none was ahead of another),
        # all handed off within the last 16 minutes: the store's day starts at local midnight and counts what was
        # handed off since, so spread over the last hour they fell on yesterday for the first hour after midnight
        # in Montréal. The first 16 minutes after midnight still have no day to speak of.
        for i, h in enumerate(session.scalars(select(Handoff).where(Handoff.status == "done").order_by(Handoff.id))):
            h.done_at = now - timedelta(seconds=10 + 190 * (5 - i))
            h.claimed_at = h.done_at - timedelta(seconds=120)
            h.arrived_at = h.claimed_at - timedelta(seconds=60)
    db.dispose()

    phone.goto(link)
    phone.get_by_label("Numéro de place").fill("4")
    phone.locator("#here button[type=submit]").click()
    said = phone.locator("#wait")
    expect(said).to_have_text(re.compile(r"^Attente probable\s: environ \d+ minutes\.$"), timeout=WAIT_MS)
    minutes = re.search(r"environ (\d+)", said.inner_text()).group(1)

    tablet = browser.new_context().new_page()
    tablet.goto(board)
    tablet.get_by_role("button", name=re.compile("Julie Tremblay")).click()
    told = tablet.locator('[data-list="waiting"] .card', has_text="Marie L.").locator(".told")
    expect(told).to_have_text(re.compile(rf"^Annoncé\s: environ {minutes} min$"), timeout=WAIT_MS)
    tablet.context.close()
