"""The car's photo reaches staff: an MMS picture through the signed webhook goes on the handoff, out to staff as MMS
through a signed link, onto the board, and is deleted here and at Twilio after the retention period."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot.data.models import Handoff, Message, Photo
from bot.usecases import photos
from tests.support.conversation import demo_team
from tests.support.fakes import FakeMedia

MARIE = "+15145550123"
MEDIA = "https://api.twilio.com/2010-04-01/Accounts/AC{0}/Messages/MM{0}/Media/ME{1:032x}"
_ids = itertools.count(1)


@pytest.fixture
def media(svc):
    svc.media = FakeMedia()
    return svc.media


@pytest.fixture
def shop(svc, media):
    shop = demo_team(svc)
    shop.order("1234", MARIE, name="Marie Lavoie")
    shop.customer(MARIE).new()
    svc.sender.clear()
    return shop


def send_mms(shop, body: str, *pictures: tuple[str, str]):
    """Marie's phone sends an MMS (or a WhatsApp message with media), signed as Twilio signs it."""
    form = {
        "MessageSid": f"MM{next(_ids):032x}",
        "From": MARIE,
        "To": shop.number,
        "Body": body,
        "NumMedia": str(len(pictures)),
        "AccountSid": "AC" + "0" * 32,
    }
    for i, (url, kind) in enumerate(pictures):
        form[f"MediaUrl{i}"], form[f"MediaContentType{i}"] = url, kind
    url = shop.svc.settings.public_base_url + "/twilio/sms"
    signature = RequestValidator(shop.svc.webhook_token).compute_signature(url, form)
    response = shop.client.post("/twilio/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200


def picture(media, n=1, kind="image/jpeg"):
    return media.add(MEDIA.format("0" * 32, n), kind), kind


def test_a_photo_with_no_text_checks_marie_in_and_staff_get_it_as_mms(shop, media, svc):
    send_mms(shop, "", picture(media))

    [ack] = [m.body for m in svc.sender.outbox if m.to == MARIE]
    assert "#1234" in ack
    alerts = [m for m in svc.sender.outbox if m.to in ("+15145550111", "+15145550112")]
    assert len(alerts) == 2 and all(len(m.media_urls) == 1 for m in alerts)
    assert "auto sur la photo" in alerts[0].body  # Julie reads French
    link = alerts[0].media_urls[0]
    assert link.startswith("https://pickup.example.test/photos/")

    # The link serves the picture Twilio holds, without anyone else needing Twilio's credentials.
    served = shop.client.get(link.removeprefix("https://pickup.example.test"))
    assert served.status_code == 200 and served.data == b"\xff\xd8 a red Civic"
    assert served.mimetype == "image/jpeg" and "private" in served.headers["Cache-Control"]
    [card] = shop.board()["waiting"]
    assert card["spot"] is None
    board = shop.client.get(f"/board/{shop.store.board_token}/state").get_json()
    assert board["waiting"][0]["photo"] == link.removeprefix("https://pickup.example.test")


def test_a_photo_with_the_check_in_text_rides_on_the_alert(shop, media, svc):
    send_mms(shop, "chu rendue place 4", picture(media))
    [alert] = [m for m in svc.sender.outbox if m.to == "+15145550111"]
    assert "place 4" in alert.body and len(alert.media_urls) == 1


def test_a_photo_sent_while_waiting_reaches_staff_with_the_picture(shop, media, svc):
    shop.customer(MARIE).texts("ici place 4")
    svc.sender.clear()
    send_mms(shop, "", picture(media, 2))
    [alert] = [m for m in svc.sender.outbox if m.to == "+15145550111"]
    assert alert.body.startswith("Photo de Marie L. (place 4") and len(alert.media_urls) == 1
    assert not [m for m in svc.sender.outbox if m.to == MARIE]  # nothing to answer


def test_the_escalation_carries_the_photo_too(shop, media, svc):
    send_mms(shop, "", picture(media))
    svc.sender.clear()
    shop.wait(301)
    realerts = [m for m in svc.sender.outbox if m.to == "+15145550111"]
    assert realerts and all(len(m.media_urls) == 1 for m in realerts)


def test_a_voice_note_is_not_a_photo(shop, media, svc):
    send_mms(shop, "", (MEDIA.format("0" * 32, 9), "audio/amr"))
    assert svc.sender.outbox == []
    assert shop.board()["waiting"] == []


def test_a_forged_or_expired_link_shows_nothing(shop, media, svc):
    send_mms(shop, "", picture(media))
    link = next(m for m in svc.sender.outbox if m.media_urls).media_urls[0]
    path = link.removeprefix("https://pickup.example.test")
    assert shop.client.get(path[:-2] + "xx").status_code == 404
    svc.clock.advance((photos.LINK_LIFETIME + timedelta(minutes=1)).total_seconds())
    assert shop.client.get(path).status_code == 404


def test_after_the_retention_period_the_picture_is_deleted_at_twilio_and_here(shop, media, svc):
    url, kind = picture(media)
    send_mms(shop, "", (url, kind))
    link = next(m for m in svc.sender.outbox if m.media_urls).media_urls[0]
    svc.clock.advance(timedelta(days=svc.settings.retention_days, minutes=1).total_seconds())

    media.fail_deletes = 1  # Twilio is away: our reference stays, so the next run deletes it
    assert photos.expire(svc, svc.settings.retention_days, svc.clock())["left"] == 1
    assert media.deleted == []
    with svc.db.read() as session:
        assert session.scalars(select(Photo)).all() != []

    assert photos.expire(svc, svc.settings.retention_days, svc.clock())["messages"] == 1
    assert media.deleted == [url]
    with svc.db.read() as session:
        assert session.scalars(select(Photo)).all() == []
        assert session.scalars(select(Handoff.photo_id)).all() == [None]
        assert all(m is None for m in session.scalars(select(Message.media)))
        assert all(p is None for p in session.scalars(select(Message.photo_id)))
    assert photos.expire(svc, svc.settings.retention_days, svc.clock())["messages"] == 0  # twice changes nothing
    assert shop.client.get(link.removeprefix("https://pickup.example.test")).status_code == 404


def test_a_photo_kept_in_redis_while_the_database_was_away_is_not_lost(shop, media, svc):
    from datetime import UTC, datetime

    from bot.usecases import timers

    url, kind = picture(media)
    svc.dispatcher.spill_inbound(
        "MM" + "e" * 32, MARIE, shop.number, "", datetime(2026, 11, 26, 15, 0, tzinfo=UTC), [[url, kind]]
    )
    assert timers.recover_spilled(svc) == 1
    alerts = [m for m in svc.sender.outbox if m.to == "+15145550111"]
    assert len(alerts) == 1 and len(alerts[0].media_urls) == 1


def test_the_webhook_keeps_only_http_urls_with_a_content_type_and_a_sane_count(shop, media, svc):
    from bot.web.twilio import _media
    from bot.web.twilio_signature import TwilioForm

    form = TwilioForm(
        {
            "NumMedia": ["3"],
            "MediaUrl0": ["https://api.twilio.com/x"],
            "MediaContentType0": ["image/jpeg"],
            "MediaUrl1": ["javascript:alert(1)"],
            "MediaContentType1": ["image/png"],
            "MediaUrl2": ["https://api.twilio.com/y"],
            "MediaContentType2": ["not a type"],
        }
    )
    assert _media(form) == (("https://api.twilio.com/x", "image/jpeg"),)
    assert _media(TwilioForm({"NumMedia": ["lots"], "MediaUrl0": ["https://a/b"]})) == ()
    assert _media(TwilioForm({"NumMedia": ["99999999999"]})) == ()


def test_the_owners_status_says_the_car_is_in_the_photo_rather_than_an_unknown_spot(shop, media, svc):
    send_mms(shop, "", picture(media))
    shop.owner.new()
    assert shop.owner.texts("STATUT") == [
        "En ce moment : 1 en attente (auto sur la photo). Aujourd'hui : aucune remise."
    ]
