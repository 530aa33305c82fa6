"""The console transport (SMS_TRANSPORT=console, `scripts/dev`): the [sms] lines it prints mask the person's phone as
every log line does, and a customer's car photo opens, through its signed link, as a stand-in picture rather than a
404 (there is no carrier holding the picture, and nothing is fetched from the address the message named)."""

from __future__ import annotations

import io
import re

import pytest
from twilio.request_validator import RequestValidator

from bot.data.db import Database
from bot.messaging.media import ConsoleMedia
from bot.messaging.senders import ConsoleSender
from bot.wiring import Services
from tests.support.conversation import Shop
from tests.support.fakes import FakeClock, InlineDispatcher

MARIE, JULIE = "+15145550123", "+15145550111"


@pytest.fixture
def printed():
    return io.StringIO()


@pytest.fixture
def shop(settings, printed):
    db = Database(settings.database_url)
    db.create_all()
    dispatcher = InlineDispatcher()
    svc = Services(
        settings=settings,
        db=db,
        dispatcher=dispatcher,
        sender=ConsoleSender(printed),
        media=ConsoleMedia(),
        clock=FakeClock(),
        send_inline=True,
    )
    dispatcher.svc = svc
    shop = Shop(svc, language="fr")
    shop.staff("Julie Tremblay", JULIE, language="fr")
    shop.order("1234", MARIE, "Marie Lavoie", language="fr")
    yield shop
    db.dispose()


def send_mms(shop, body: str, url: str):
    form = {
        "MessageSid": "MM" + "1" * 32,
        "From": MARIE,
        "To": shop.number,
        "Body": body,
        "NumMedia": "1",
        "MediaUrl0": url,
        "MediaContentType0": "image/jpeg",
        "AccountSid": "AC" + "0" * 32,
    }
    signature = RequestValidator(shop.svc.webhook_token).compute_signature(
        shop.svc.settings.public_base_url + "/twilio/sms", form
    )
    assert shop.client.post("/twilio/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 200


def test_the_console_lines_mask_the_persons_phone(shop, printed):
    shop.post_sms(MARIE, "rendue place 4")
    lines = printed.getvalue().splitlines()
    assert any(line.startswith("[sms] +15145550100 → …0123: Merci Marie") for line in lines), lines
    assert any(line.startswith("[sms] +15145550100 → …0111: Arrivée : Marie L., place 4") for line in lines), lines
    assert not any(number in printed.getvalue() for number in (MARIE, JULIE, "5145550123", "5145550111"))


def test_a_whatsapp_recipient_keeps_its_channel_and_loses_its_number(shop, printed):
    shop.post_sms("whatsapp:" + MARIE, "rendue place 4")
    assert "→ whatsapp:…0123: Merci Marie" in printed.getvalue()
    assert MARIE not in printed.getvalue()


def test_a_car_photo_opens_as_a_stand_in_picture_on_the_console_transport(shop, printed):
    send_mms(shop, "", "https://example.com/red-civic.jpg")
    alert = next(line for line in printed.getvalue().splitlines() if line.startswith("[mms]"))
    assert "→ …0111: " in alert
    link = re.search(r"\[photo: (\S+)\]", alert).group(1)
    response = shop.client.get(link.removeprefix(shop.svc.settings.public_base_url))
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "Photo de l'auto" in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # The board's card links to the same picture.
    [card] = shop.client.get(f"/board/{shop.store.board_token}/state").get_json()["waiting"]
    assert card["photo"] and shop.client.get(card["photo"]).status_code == 200
    # A link that is not ours still answers 404.
    assert shop.client.get("/photos/1.9999999999.forged").status_code == 404
