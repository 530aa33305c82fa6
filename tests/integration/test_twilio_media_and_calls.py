"""The media and voice adapters against the Twilio stand-in over HTTP: pictures fetched with the account's
credentials and deleted through the REST API, only ever our own account's; calls placed with our webhook's URL;
and an MMS sent with its MediaUrl."""

from __future__ import annotations

import pytest

from bot.messaging.errors import PermanentSendError
from bot.messaging.media import TwilioMedia
from bot.messaging.senders import Outgoing, TwilioSender
from bot.messaging.voice import TwilioCaller
from bot.usecases.ports import MediaGone
from tests.support.twilio_standin import PIXEL_PNG


@pytest.fixture
def media(twilio):
    return TwilioMedia(twilio.account_sid, twilio.auth_token, twilio.url, timeout=5)


def test_a_picture_is_fetched_with_the_accounts_credentials_then_deleted_once(twilio, media):
    url = twilio.add_media("image/png")
    assert media.fetch(url) == ("image/png", PIXEL_PNG)
    media.delete(url)
    assert twilio.deleted_media() == [url]
    media.delete(url)  # gone already: no error, nothing more
    assert twilio.deleted_media() == [url]
    with pytest.raises(MediaGone):
        media.fetch(url)


def test_a_url_that_is_not_our_accounts_media_at_twilio_is_never_asked_for(twilio, media):
    ours = twilio.add_media()
    other_account = ours.replace(twilio.account_sid, "AC" + "9" * 32)
    elsewhere = ours.replace(twilio.url, "http://169.254.169.254")
    for url in (other_account, elsewhere, twilio.url + "/_standin/messages", "file:///etc/passwd"):
        with pytest.raises(MediaGone):
            media.fetch(url)
        media.delete(url)  # not ours to delete: nothing is sent
    assert twilio.deleted_media() == []


def test_the_call_goes_to_the_landline_with_our_voice_webhook(twilio):
    caller = TwilioCaller(twilio.account_sid, twilio.auth_token, twilio.url, timeout=5)
    sid = caller.call("+15145550199", "+15145550100", "https://pickup.example.test/twilio/voice/calls/7")
    [call] = twilio.calls()
    assert call["sid"] == sid and sid.startswith("CA")
    assert (call["to"], call["from"]) == ("+15145550199", "+15145550100")
    assert call["url"] == "https://pickup.example.test/twilio/voice/calls/7" and call["params"]["Method"] == "POST"
    with pytest.raises(PermanentSendError):
        caller.call("not a number", "+15145550100", "https://pickup.example.test/twilio/voice/calls/8")


def test_a_text_with_a_photo_goes_as_mms_with_its_media_url(twilio):
    sender = TwilioSender(twilio.account_sid, twilio.auth_token, twilio.url, timeout=5)
    link = "https://pickup.example.test/photos/1.2.abc"
    sender.send(Outgoing("+15145550111", "+15145550100", "Photo de Marie L.", "k1", media_urls=(link,)))
    sender.send(Outgoing("+15145550111", "+15145550100", "Sans photo", "k2"))
    first, second = twilio.wait_for(2)
    assert first["media_url"] == [link] and second["media_url"] == []
