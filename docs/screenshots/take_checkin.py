"""Takes the README's screenshots of the one-tap check-in page and the wait on the board, from a real running stack.

    .venv/bin/python docs/screenshots/take_checkin.py   # needs Redis and /usr/bin/chromium; writes the PNGs here

It starts the web app and a worker on the console transport on a throw-away SQLite database, loads the demo store,
runs six pickups through the signed webhook and spreads them over the last hour (so the store has a day to
estimate from), puts one customer in the lot, then opens Marie's check-in link (from her order-ready text) on a
small phone with JavaScript off, checks her in, and shows the board.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import requests  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bot.data.db import Database  # noqa: E402
from bot.data.models import Handoff, Order  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.live import LiveStack  # noqa: E402

STORE, JULIE, SAM, MARIE = "+15145550100", "+15145550111", "+15145550112", "+15145550123"
EARLIER = [(f"20{i}", f"Client {i}", f"+1514555020{i}") for i in range(6)]
# Minutes before now each earlier pickup arrived, then seconds to the claim and from the claim to the handoff.
TIMES = [(58, 50, 110), (47, 75, 95), (39, 40, 130), (28, 90, 100), (17, 60, 120), (9, 70, 90)]


def spread(db: Database, numbers: list[str]) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        for number, (ago, to_claim, to_done) in zip(numbers, TIMES):
            handoff = session.scalars(
                select(Handoff).join(Order, Order.handoff_id == Handoff.id).where(Order.number == number)
            ).one()
            handoff.arrived_at = now - timedelta(minutes=ago)
            handoff.claimed_at = handoff.arrived_at + timedelta(seconds=to_claim)
            handoff.done_at = handoff.claimed_at + timedelta(seconds=to_done)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="arrivee-checkin-shots-"))
    database_url = f"sqlite:///{tmp / 'shots.sqlite3'}"
    stack = LiveStack(database_url, None, tmp).start()
    try:
        printed = stack.cli("demo")
        board = re.search(r"^board: (\S+)$", printed, re.M).group(1)
        token = stack.cli("create-token", "screenshots")
        for number, name, phone in EARLIER + [("1236", "Zoé Côté", "+15145550125")]:
            stack.api(
                "POST",
                "/stores/1/orders",
                token,
                json={"number": number, "customer_name": name, "customer_phone": phone, "status": "ready"},
            ).raise_for_status()
        for i, (number, _name, phone) in enumerate(EARLIER):
            for sender, body in ((phone, f"rendu place {i + 2}"), (JULIE, f"OK {number}"), (JULIE, f"FAIT {number}")):
                stack.text(sender, STORE, body).raise_for_status()
                time.sleep(0.2)
        time.sleep(1)
        db = Database(database_url)
        spread(db, [number for number, *_ in EARLIER])
        db.dispose()
        stack.text("+15145550125", STORE, "rendue place 9, Rav4 bleu").raise_for_status()
        time.sleep(1)
        texts = requests.get(stack.url + "/simulator/messages", timeout=5).json()["messages"]
        ready = next(m["body"] for m in texts if m["phone"] == MARIE and "/c/" in m["body"])
        link = re.search(r"https?://\S+/c/[A-Za-z0-9_-]{16}", ready).group(0)

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phone = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False).new_page()
            phone.goto(link)
            phone.screenshot(path=str(HERE / "checkin.png"), full_page=True)
            phone.get_by_label("Numéro de place").fill("4")
            phone.get_by_label("Votre véhicule (facultatif)").fill("Civic rouge")
            phone.get_by_label("Une note pour l'équipe (facultatif)").fill("Le coffre est ouvert")
            phone.locator("#here button[type=submit]").click()
            expect(phone.locator("#wait")).to_be_visible()
            phone.screenshot(path=str(HERE / "checkin-sent.png"), full_page=True)
            phone.goto(link + "?lang=en")
            phone.screenshot(path=str(HERE / "checkin-en.png"), full_page=True)

            tablet = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            tablet.goto(board)
            tablet.get_by_role("button", name=re.compile("Julie Tremblay")).click()
            expect(tablet.locator(".card .told").first).to_be_visible()
            tablet.screenshot(path=str(HERE / "board-wait.png"))
            browser.close()
    finally:
        stack.stop()
    print("wrote checkin.png, checkin-sent.png, checkin-en.png, board-wait.png")


if __name__ == "__main__":
    main()
