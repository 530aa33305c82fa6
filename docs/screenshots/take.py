"""Takes the README's screenshots of the staff board, the phone simulator and the admin pages from a real running stack.

    .venv/bin/python docs/screenshots/take.py      # needs Redis and /usr/bin/chromium; writes the PNGs here

It starts the web app and a worker on the console transport (as `scripts/dev` does, on a throw-away SQLite
database), loads the demo store, adds a few customers who text the store, and backdates two arrivals so the
waiting colours show. The admin pages are the demo owner's (Sophie Roy), signed in by a `login-link`: today's page
and Settings on a phone, Texts (an owner's wording being typed, with its preview, count and warning) and Staff on
a computer; French on the phone, English on the computer.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bot.data.db import Database  # noqa: E402
from bot.data.models import Handoff, Order  # noqa: E402
from tests.support.live import LiveStack  # noqa: E402

STORE = "+15145550100"
OWNER = "+15145550113"
TABLET, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def backdate(db: Database, order_number: str, seconds: int) -> None:
    with db.write() as session:
        handoff = session.scalars(
            select(Handoff).join(Order, Order.handoff_id == Handoff.id).where(Order.number == order_number)
        ).one()
        handoff.arrived_at -= timedelta(seconds=seconds)


def sign_in(browser, stack: LiveStack, viewport: dict, english: bool = False):
    """A browser signed in as the demo owner, by a one-time link as `python -m bot login-link` prints it."""
    page = browser.new_context(
        viewport=viewport, device_scale_factor=2 if viewport is PHONE else 1, locale="en-CA" if english else "fr-CA"
    ).new_page()
    page.goto(stack.cli("login-link", OWNER))
    page.locator("#sign-in").click()
    expect(page.locator("#pause")).to_be_visible()
    if english:
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", name="Today")).to_be_visible()
    return page


def admin_pages(browser, stack: LiveStack) -> None:
    phone = sign_in(browser, stack, PHONE)
    phone.screenshot(path=str(HERE / "admin-overview.png"), full_page=True)
    phone.get_by_role("link", name="Réglages").click()
    phone.get_by_label("Ces jours et ces heures-ci").check()
    for day in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"):
        phone.get_by_label(day, exact=True).check()
    phone.get_by_label("samedi, De", exact=True).fill("10:00")
    phone.get_by_label("samedi, À", exact=True).fill("16:00")
    phone.get_by_role("button", name="Enregistrer les réglages").click()
    expect(phone.locator(".notice")).to_be_visible()
    phone.screenshot(path=str(HERE / "admin-settings.png"), full_page=True)

    computer = sign_in(browser, stack, TABLET, english=True)
    computer.get_by_role("link", name="Texts").click()
    french = computer.locator("#arrival_ack-fr")
    french.fill("Merci{name}! C’est noté : {where_fr}. Julie ou Sam arrive avec la commande {orders}.")
    expect(computer.locator("#text-arrival_ack [data-lang=fr] [data-ucs2]")).to_be_visible()
    computer.evaluate("document.getElementById('text-arrival_ack').scrollIntoView()")
    computer.screenshot(path=str(HERE / "admin-texts.png"))
    computer.get_by_role("link", name="Staff").click()
    expect(computer.locator("tr.member")).to_have_count(3)
    computer.screenshot(path=str(HERE / "admin-staff.png"), full_page=True)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="arrivee-shots-"))
    database_url = f"sqlite:///{tmp / 'shots.sqlite3'}"
    stack = LiveStack(database_url, None, tmp).start()
    try:
        board_url = re.search(r"^board: (\S+)$", stack.cli("demo"), re.M).group(1)
        token = stack.cli("create-token", "screenshots")
        for number, name, phone, language in (
            ("1236", "Zoé Côté", "+15145550125", "fr"),
            ("1237", "Liam Chen", "+15145550126", "en"),
            ("1238", "Nadia Benali", "+15145550127", "fr"),
            ("1239", "Olivier Gagnon", "+15145550128", "fr"),
        ):
            stack.api(
                "POST",
                "/stores/1/orders",
                token,
                json={
                    "number": number,
                    "customer_name": name,
                    "customer_phone": phone,
                    "language": language,
                    "status": "ready",
                },
            ).raise_for_status()
        for phone, body in (
            ("+15145550128", "rendu place 2"),
            ("+15145550111", "OK 1239"),
            ("+15145550111", "FAIT 1239"),
            ("+15145550124", "omw, 10 min"),
            ("+15145550123", "chu rendue place 4, Civic rouge, coffre ouvert"),
            ("+15145550125", "je suis à la porte"),
            ("+15145550127", "arrivée place 12, RAV4 gris"),
            ("+15145550112", "OK 1238"),
            ("+15145550126", "here spot 9"),
        ):
            stack.text(phone, STORE, body).raise_for_status()
            time.sleep(0.3)
        time.sleep(1)
        db = Database(database_url)
        backdate(db, "1234", 150)  # past the demo store's 2-minute escalation delay: red
        backdate(db, "1236", 75)  # past half of it: amber
        backdate(db, "1238", 200)
        db.dispose()

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            tablet = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            tablet.goto(board_url)
            tablet.get_by_role("button", name=re.compile("Julie Tremblay")).click()
            expect(tablet.locator('[data-list="waiting"] .card')).to_have_count(3)
            expect(tablet.locator("#connection.live")).to_be_visible()
            tablet.screenshot(path=str(HERE / "board.png"))

            phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2).new_page()
            phone.goto(board_url)
            phone.get_by_role("button", name=re.compile("Sam Wilson")).click()
            expect(phone.locator('[data-list="waiting"] .card')).to_have_count(3)
            phone.screenshot(path=str(HERE / "board-phone.png"))

            simulator = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            simulator.goto(stack.url + "/simulator?lang=fr")
            expect(simulator.locator(".phone").first).to_be_visible()
            simulator.locator('.pick[data-phone="+15145550123"]').click()
            marie = simulator.locator('.phone[data-phone="+15145550123"]')
            marie.locator("input").fill("Merci, j'attends!")
            simulator.evaluate("window.scrollTo(0, 0)")
            simulator.screenshot(path=str(HERE / "simulator.png"))

            admin_pages(browser, stack)
            browser.close()
    finally:
        stack.stop()
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("*.png"))))


if __name__ == "__main__":
    main()
