"""Takes the README's screenshot of the car's photo on the staff board, from a real running stack.

    .venv/bin/python docs/screenshots/take_photo_card.py   # needs Redis and /usr/bin/chromium; writes the PNG here

It starts the web app and a worker against the Twilio stand-in (which holds MMS pictures, as Twilio does; the
console transport holds none) on a throw-away SQLite database, makes a store with one staff member and a ready
order, then has the customer send a photo with no text through the signed webhook: the card that appears on the
board is the arrival, with the picture our server fetched from the stand-in. The picture is a car drawn in SVG and
rendered by Chromium, so no photo file or image library is needed.
"""

from __future__ import annotations

import re
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import requests  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.live import LiveStack  # noqa: E402
from tests.support.twilio_standin import TwilioStandIn  # noqa: E402

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"

# A red hatchback parked by a numbered spot sign, as a customer's phone would frame it.
CAR = """<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360">
  <rect width="480" height="220" fill="#9fc9e8"/>
  <rect y="220" width="480" height="140" fill="#6b6f73"/>
  <rect x="40" y="300" width="400" height="8" fill="#f2f2f2"/>
  <rect x="392" y="96" width="10" height="150" fill="#444"/>
  <rect x="360" y="60" width="74" height="58" rx="6" fill="#1f5fa8"/>
  <text x="397" y="103" font-family="sans-serif" font-size="40" font-weight="bold" fill="#fff"
        text-anchor="middle">4</text>
  <path d="M70 250 L100 190 Q110 170 135 168 L260 164 Q290 164 310 186 L350 214 L392 226 Q410 232 410 252
           L410 272 L70 272 Z" fill="#c8202a"/>
  <path d="M118 200 L136 178 L200 176 L200 204 Z M212 176 L262 174 Q282 176 296 200 L212 204 Z" fill="#cfe6f5"/>
  <circle cx="140" cy="274" r="30" fill="#222"/><circle cx="140" cy="274" r="13" fill="#aaa"/>
  <circle cx="340" cy="274" r="30" fill="#222"/><circle cx="340" cy="274" r="13" fill="#aaa"/>
  <rect x="392" y="236" width="16" height="10" rx="3" fill="#ffe28a"/>
</svg>"""


def car_picture(browser) -> bytes:
    page = browser.new_context(viewport={"width": 480, "height": 360}).new_page()
    page.set_content(f"<body style='margin:0'>{CAR}</body>")
    png = page.screenshot(type="png")
    page.close()
    return png


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="arrivee-photo-shots-"))
    with TwilioStandIn() as twilio, sync_playwright() as playwright:
        stack = LiveStack(f"sqlite:///{tmp / 'shots.sqlite3'}", twilio, tmp).start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            token = stack.cli("create-token", "screenshots")
            store = stack.api(
                "POST",
                "/stores",
                token,
                json={
                    "name": "Plein Air Laurier",
                    "sms_number": STORE,
                    "timezone": "America/Toronto",
                    "language": "fr",
                },
            ).json()
            member = {"name": "Julie Tremblay", "phone": JULIE, "role": "staff"}
            stack.api("POST", f"/stores/{store['id']}/staff", token, json=member).raise_for_status()
            order = {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"}
            stack.api("POST", f"/stores/{store['id']}/orders", token, json=order).raise_for_status()

            tablet = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            tablet.goto(store["board_url"])
            tablet.get_by_role("button", name=re.compile("Julie Tremblay")).click()
            expect(tablet.locator("#connection.live")).to_be_visible()

            form = {
                "MessageSid": "MM" + uuid.uuid4().hex,
                "From": MARIE,
                "To": STORE,
                "Body": "",
                "NumMedia": "1",
                "MediaUrl0": twilio.add_media("image/png", car_picture(browser)),
                "MediaContentType0": "image/png",
                "AccountSid": twilio.account_sid,
            }
            headers = {"X-Twilio-Signature": stack.sign("/twilio/sms", form)}
            requests.post(stack.url + "/twilio/sms", data=form, headers=headers, timeout=5).raise_for_status()

            photo = tablet.locator('[data-list="waiting"] .card a.photo img')
            expect(photo).to_be_visible()
            tablet.wait_for_function("img => img.complete && img.naturalWidth > 1", arg=photo.element_handle())
            tablet.screenshot(path=str(HERE / "board-photo.png"))
        finally:
            browser.close()
            stack.stop()
    print("wrote board-photo.png")


if __name__ == "__main__":
    main()
