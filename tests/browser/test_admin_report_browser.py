"""The admin Orders page and Day report in headless Chromium, against real gunicorn, worker and Redis processes on
the console transport, with the demo store: after real handoffs by text, the day report draws its charts."""

from __future__ import annotations

import time

import pytest
import requests

from tests.support.browser import PHONE, TABLET, WAIT_MS, admin_sign_in, skip_without_chromium

STORE, JULIE, SAM, SOPHIE, MARIE, ALEX = (
    "+15145550100",
    "+15145550111",
    "+15145550112",
    "+15145550113",
    "+15145550123",
    "+15145550124",
)
BRAND_BLUE = "rgb(11, 92, 173)"  # admin.css's first series: the bars are coloured by the stylesheet, not inline

skip_without_chromium()
expect = pytest.importorskip("playwright.sync_api").expect


def sent(stack, phone: str, template: str) -> None:
    """Waits until the worker has texted `phone` the `template` text (each step of a pickup needs the one before)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        log = requests.get(stack.url + "/simulator/messages", timeout=5).json()["messages"]
        if any(m["direction"] == "out" and m["phone"] == phone and m["template"] == template for m in log):
            return
        time.sleep(0.1)
    raise AssertionError(f"{phone} never got {template}")


def owner_page(pages, stack, viewport=TABLET):
    """A signed-in owner's page that records what the browser refused (a CSP violation is a console error) and what
    the server failed to serve (but the favicon, which no page has)."""
    page = pages(viewport)
    page.errors = []
    page.on(
        "console",
        lambda message: (
            page.errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            page.errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    admin_sign_in(page, stack, SOPHIE)
    return page


def test_the_day_report_draws_its_charts_after_real_handoffs(pages, stack):
    stack.cli("demo")
    owner = owner_page(pages, stack)

    # Alex's order is marked ready from the Orders page, which texts him.
    owner.goto(f"{stack.url}/admin/stores/1/orders")
    owner.locator('tr[data-number="1235"]').get_by_role("button", name="Marquer prête").click()
    expect(owner.locator(".notice")).to_have_text("La commande #1235 est prête : le client a reçu un texto.")
    sent(stack, ALEX, "order_ready")

    # Two pickups by text: Marie at spot 4 for Julie, Alex at the door for Sam.
    for customer, arrival, member, claim, close in (
        (MARIE, "chu rendue place 4", JULIE, "OK 1234", "FAIT 1234"),
        (ALEX, "here, at the door", SAM, "OK 1235", "DONE 1235"),
    ):
        assert stack.text(customer, STORE, arrival).status_code == 200
        sent(stack, member, "staff_arrival")
        assert stack.text(member, STORE, claim).status_code == 200
        sent(stack, customer, "claimed")
        assert stack.text(member, STORE, close).status_code == 200
        sent(stack, customer, "handed_off")

    owner.get_by_role("link", name="Bilan du jour").click()
    expect(owner.locator("#handed-off")).to_have_text("2")
    for chart in ("#per-hour-chart", "#waits-chart"):
        expect(owner.locator(chart)).to_be_visible()
        assert owner.locator(chart).bounding_box()["width"] > 600
    per_hour = owner.locator("#per-hour-chart rect.bar")
    # Both were handed off within seconds: one hour's bar of 2 (two of 1 if an hour struck between them).
    assert sum(int(v) for v in per_hour.evaluate_all("bars => bars.map(b => b.dataset.value)")) == 2
    assert per_hour.first.bounding_box()["height"] > 50
    assert per_hour.first.evaluate("bar => getComputedStyle(bar).fill") == BRAND_BLUE
    # Every wait is a few seconds: each of the three series has one bar, in the first bucket.
    waits = owner.locator("#waits-chart rect.bar")
    expect(waits).to_have_count(3)
    assert waits.evaluate_all("bars => bars.map(b => b.dataset.value)") == ["2", "2", "2"]
    # The accessible name and the table fallback.
    expect(owner.get_by_role("img", name="Remises par heure")).to_be_visible()
    owner.locator("#waits summary").click()
    expect(owner.locator("#waits table tbody tr").first).to_contain_text("< 2")
    assert owner.errors == []

    # The same report on a phone fits its width.
    phone = owner_page(pages, stack, viewport=PHONE)
    phone.goto(f"{stack.url}/admin/stores/1/report")
    expect(phone.locator("#waits-chart")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator("#per-hour-chart").bounding_box()["width"] <= PHONE["width"]
    assert phone.errors == []
