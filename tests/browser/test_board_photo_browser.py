"""The car's photo on the staff board, in headless Chromium, against gunicorn, a worker and the Twilio stand-in: an
MMS picture arrives and the waiting card shows it, loaded through the signed link."""

from __future__ import annotations

import re
import uuid

import pytest
import requests

from tests.support.browser import WAIT_MS, skip_without_chromium
from tests.support.live import LiveStack

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"

skip_without_chromium()
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    """This module's stack talks to the Twilio stand-in, which holds the pictures (the console transport has none)."""
    live = LiveStack(database_url, twilio, tmp_path).start()
    yield live
    live.stop()


@pytest.fixture
def board_url(stack, twilio) -> str:
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    member = {"name": "Julie Tremblay", "phone": JULIE, "role": "staff"}
    assert stack.api("POST", f"/stores/{store['id']}/staff", token, json=member).status_code == 201
    order = {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"}
    assert stack.api("POST", f"/stores/{store['id']}/orders", token, json=order).status_code == 201
    return store["board_url"]


def test_a_photo_sent_by_mms_shows_on_the_waiting_card(pages, stack, twilio, board_url):
    board = pages()
    board.goto(board_url)
    board.get_by_role("button", name=re.compile("Julie Tremblay")).click()
    expect(board.locator("#connection.live")).to_be_visible(timeout=WAIT_MS)

    form = {
        "MessageSid": "MM" + uuid.uuid4().hex,
        "From": MARIE,
        "To": STORE,
        "Body": "",
        "NumMedia": "1",
        "MediaUrl0": twilio.add_media("image/png"),
        "MediaContentType0": "image/png",
        "AccountSid": twilio.account_sid,
    }
    headers = {"X-Twilio-Signature": stack.sign("/twilio/sms", form)}
    assert requests.post(stack.url + "/twilio/sms", data=form, headers=headers, timeout=5).status_code == 200

    arrival = board.locator('[data-list="waiting"] .card', has_text="Marie L.")
    expect(arrival).to_be_visible(timeout=WAIT_MS)
    expect(arrival).to_contain_text("auto sur la photo", ignore_case=True)
    photo = arrival.locator("a.photo img")
    expect(photo).to_have_attribute("alt", "Photo de l'auto")
    expect(photo).to_have_attribute("src", re.compile(r"^/photos/\d+\.\d+\.[\w-]+$"))
    # The picture itself loaded (the stand-in's 1×1 PNG, fetched by our server with Twilio's credentials).
    board.wait_for_function("img => img.complete && img.naturalWidth === 1", arg=photo.element_handle())
