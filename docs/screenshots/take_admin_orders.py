"""Takes the README's screenshots of the admin Orders page and Day report from a real running stack.

    .venv/bin/python docs/screenshots/take_admin_orders.py   # needs Redis and /usr/bin/chromium; writes the PNGs here

It starts the web app and a worker on the console transport on a throw-away SQLite database, loads the demo store,
adds a day of orders through the API, runs pickups through the signed webhook (arrive, claim, hand off), and moves
the handed-off ones back to yesterday's opening hours so the report has a day's shape to draw; today's page keeps
the orders still under way.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bot.data.db import Database  # noqa: E402
from bot.data.models import Handoff, Order  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, admin_sign_in  # noqa: E402
from tests.support.live import LiveStack  # noqa: E402

STORE, OWNER, JULIE, SAM = "+15145550100", "+15145550113", "+15145550111", "+15145550112"
CUSTOMERS = [
    ("1236", "Zoé Côté", "+15145550125", "fr"),
    ("1237", "Liam Chen", "+15145550126", "en"),
    ("1238", "Nadia Benali", "+15145550127", "fr"),
    ("1239", "Olivier Gagnon", "+15145550128", "fr"),
    ("1240", "Chloé Bouchard", "+15145550129", "fr"),
    ("1241", "Ethan Roy", "+15145550130", "en"),
    ("1242", "Léa Morin", "+15145550131", "fr"),
    ("1243", "Noah Pelletier", "+15145550132", "fr"),
    ("1244", "Emma Fortin", "+15145550133", "fr"),
    ("1245", "Jacob Lévesque", "+15145550134", "fr"),
]
# Handed off yesterday: (local hour and minute of arrival, seconds to the claim, seconds from claim to handoff).
YESTERDAY = [
    ((9, 12), 70, 95),
    ((9, 40), 150, 120),
    ((10, 5), 45, 80),
    ((10, 31), 210, 140),
    ((10, 50), 95, 60),
    ((11, 20), 400, 180),
    ((12, 4), 60, 75),
    ((12, 15), 130, 90),
    ((12, 41), 620, 240),
    ((13, 30), 80, 110),
]


def handed_off_yesterday(db: Database, numbers: list[str]) -> None:
    tz = ZoneInfo("America/Toronto")
    day = datetime.now(tz).date() - timedelta(days=1)
    with db.write() as session:
        for number, ((hour, minute), to_claim, to_done) in zip(numbers, YESTERDAY):
            handoff = session.scalars(
                select(Handoff).join(Order, Order.handoff_id == Handoff.id).where(Order.number == number)
            ).one()
            arrived = datetime.combine(day, clock_time(hour, minute), tzinfo=tz)
            handoff.arrived_at = arrived
            handoff.claimed_at = arrived + timedelta(seconds=to_claim)
            handoff.done_at = handoff.claimed_at + timedelta(seconds=to_done)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="arrivee-admin-shots-"))
    database_url = f"sqlite:///{tmp / 'shots.sqlite3'}"
    stack = LiveStack(database_url, None, tmp).start()
    try:
        stack.cli("demo")
        token = stack.cli("create-token", "screenshots")
        for number, name, phone, language in CUSTOMERS:
            stack.api(
                "POST",
                "/stores/1/orders",
                token,
                json={
                    "number": number,
                    "customer_name": name,
                    "customer_phone": phone,
                    "language": language,
                    "status": "pending" if number == "1245" else "ready",
                },
            ).raise_for_status()
        # Eight pickups run to the end, taken in turn by Julie and Sam; three more are under way.
        done = [number for number, *_ in CUSTOMERS[:8]]
        for i, (number, _name, phone, _language) in enumerate(CUSTOMERS[:8]):
            staff = JULIE if i % 2 == 0 else SAM
            for sender, body in (
                (phone, f"rendu place {i + 2}"),
                (staff, f"OK {number}"),
                (staff, f"FAIT {number}" if staff == JULIE else f"DONE {number}"),
            ):
                stack.text(sender, STORE, body).raise_for_status()
                time.sleep(0.2)
        for sender, body in (
            ("+15145550123", "chu rendue place 4, Civic rouge"),
            ("+15145550124", "omw 10 min"),
            ("+15145550133", "je suis à la porte"),
            (SAM, "OK 1244"),
        ):
            stack.text(sender, STORE, body).raise_for_status()
            time.sleep(0.3)
        time.sleep(1)
        db = Database(database_url)
        handed_off_yesterday(db, done)
        db.dispose()
        yesterday = (datetime.now(ZoneInfo("America/Toronto")).date() - timedelta(days=1)).isoformat()

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            admin_sign_in(page, stack, OWNER)
            page.goto(stack.url + "/admin/stores/1/orders")
            expect(page.locator("tr.order-row")).to_have_count(12)
            page.screenshot(path=str(HERE / "admin-orders.png"), full_page=True)
            page.goto(stack.url + f"/admin/stores/1/report?day={yesterday}")
            expect(page.locator("#waits-chart rect.bar").first).to_be_visible()
            page.locator("#per-hour details").evaluate("d => d.open = true")
            page.screenshot(path=str(HERE / "admin-report.png"), full_page=True)
            browser.close()
    finally:
        stack.stop()
    print("wrote admin-orders.png, admin-report.png")


if __name__ == "__main__":
    main()
