"""The car's photo through real processes: a signed MMS webhook → worker → staff alert as MMS at the Twilio stand-in,
whose picture the signed link serves and the board shows; and the retention run deleting it at Twilio."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import requests

from bot.usecases import photos
from bot.wiring import build
from config.settings import load_settings
from tests.support.twilio_standin import PIXEL_PNG

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"


@pytest.fixture
def shop(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    staff = {"name": "Julie Tremblay", "phone": "514 555 0111", "role": "staff"}
    assert stack.api("POST", f"/stores/{store['id']}/staff", token, json=staff).status_code == 201
    order = {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"}
    assert stack.api("POST", f"/stores/{store['id']}/orders", token, json=order).status_code == 201
    twilio.wait_for(1, to=MARIE)
    twilio.wait_for(1, to=JULIE)
    twilio.reset()
    return store


def mms(stack, twilio, body: str, url: str, kind: str = "image/png") -> requests.Response:
    form = {
        "MessageSid": "MM" + uuid.uuid4().hex,
        "From": MARIE,
        "To": STORE,
        "Body": body,
        "NumMedia": "1",
        "MediaUrl0": url,
        "MediaContentType0": kind,
        "AccountSid": twilio.account_sid,
    }
    return requests.post(
        stack.url + "/twilio/sms", data=form, headers={"X-Twilio-Signature": stack.sign("/twilio/sms", form)}, timeout=5
    )


def test_a_photo_alone_alerts_staff_by_mms_with_the_picture_and_shows_on_the_board(stack, twilio, shop):
    picture = twilio.add_media("image/png")
    assert mms(stack, twilio, "", picture).status_code == 200

    [alert] = twilio.wait_for(1, to=JULIE, timeout=10)
    assert "Marie L." in alert["body"] and "auto sur la photo" in alert["body"]
    [link] = alert["media_url"]
    assert link.startswith(stack.url + "/photos/")
    assert "#1234" in twilio.wait_for(1, to=MARIE, timeout=10)[0]["body"]

    # What Twilio (and a staff phone) fetches: the picture itself, with no Twilio credentials needed.
    fetched = requests.get(link, timeout=5)
    assert fetched.status_code == 200 and fetched.content == PIXEL_PNG
    assert fetched.headers["Content-Type"] == "image/png"

    board = requests.get(store_board(stack, shop) + "/state", timeout=5).json()
    [card] = board["waiting"]
    assert stack.url + card["photo"] == link

    # Past the retention period the picture is deleted at Twilio, then here: the link shows nothing.
    svc = build(load_settings(stack.env))
    later = svc.clock() + timedelta(days=svc.settings.retention_days, hours=1)
    assert photos.expire(svc, svc.settings.retention_days, later)["messages"] == 1
    assert twilio.deleted_media() == [picture]
    assert requests.get(link, timeout=5).status_code == 404
    board = requests.get(store_board(stack, shop) + "/state", timeout=5).json()
    assert board["waiting"][0]["photo"] is None
    svc.db.dispose()


def store_board(stack, store) -> str:
    return store["board_url"]
