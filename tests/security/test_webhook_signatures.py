"""Webhooks: only requests signed for the URL Twilio called get in, and nothing else is stored or changed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot import create_app
from bot.data.models import Message
from bot.wiring import webhook_token
from config.settings import load_settings
from tests.support.conversation import Shop

SID, TOKEN = "AC" + "1" * 32, "f" * 32
FORM = {"MessageSid": "SM" + "a" * 32, "From": "+15145550123", "To": "+15145550100", "Body": "rendu place 4"}


def sign(key: str, url: str, form: dict) -> str:
    return RequestValidator(key).compute_signature(url, form)


def count_messages(svc, direction: str = "in") -> int:
    with svc.db.read() as session:
        return session.scalar(select(func.count()).select_from(Message).where(Message.direction == direction))


@pytest.fixture
def shop(svc):
    return Shop(svc)


@pytest.mark.parametrize("path", ["/twilio/sms", "/twilio/status"])
def test_a_request_without_a_signature_is_403_and_nothing_is_stored(svc, shop, path):
    assert shop.client.post(path, data=FORM).status_code == 403
    assert shop.client.post(path, data=FORM, headers={"X-Twilio-Signature": ""}).status_code == 403
    assert count_messages(svc) == 0


@pytest.mark.parametrize("path", ["/twilio/sms", "/twilio/status"])
def test_a_forged_signature_is_403(svc, shop, path):
    assert shop.client.post(path, data=FORM, headers={"X-Twilio-Signature": "bm9wZQ=="}).status_code == 403
    assert count_messages(svc) == 0


def test_a_signature_for_another_url_is_403(svc, shop):
    signature = sign(svc.webhook_token, "https://attacker.example/twilio/sms", FORM)
    assert shop.client.post("/twilio/sms", data=FORM, headers={"X-Twilio-Signature": signature}).status_code == 403
    assert count_messages(svc) == 0


def test_a_signed_request_whose_body_was_changed_is_403(svc, shop):
    signature = sign(svc.webhook_token, "https://pickup.example.test/twilio/sms", FORM)
    tampered = {**FORM, "Body": "rendu place 5"}
    assert shop.client.post("/twilio/sms", data=tampered, headers={"X-Twilio-Signature": signature}).status_code == 403
    extra = {**FORM, "Extra": "1"}
    assert shop.client.post("/twilio/sms", data=extra, headers={"X-Twilio-Signature": signature}).status_code == 403
    assert count_messages(svc) == 0


def test_a_request_signed_for_public_base_url_gets_in(svc, shop):
    signature = sign(svc.webhook_token, "https://pickup.example.test/twilio/sms", FORM)
    response = shop.client.post("/twilio/sms", data=FORM, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200 and count_messages(svc) == 1


def test_a_status_callback_with_a_bad_signature_changes_no_status(svc, shop):
    shop.order("1234", "+15145550123", "Marie Lavoie", ready=True)
    with svc.db.read() as session:
        sent = session.scalars(select(Message).where(Message.direction == "out")).one()
    form = {"MessageSid": sent.twilio_sid, "MessageStatus": "failed", "ErrorCode": "30003"}
    assert shop.client.post("/twilio/status", data=form, headers={"X-Twilio-Signature": "x"}).status_code == 403
    with svc.db.read() as session:
        assert session.get(Message, sent.id).status == "sent"


# --- behind proxies: TRUSTED_PROXIES and ProxyFix ---------------------------------------------------------

PROXIED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "pickup.example.test",
    "X-Forwarded-Port": "443",
    "X-Forwarded-For": "203.0.113.9",
}


def test_behind_a_trusted_proxy_the_signature_is_checked_against_the_forwarded_url(make_svc):
    svc = make_svc(public_base_url=None, trusted_proxies=1)
    client = create_app(services=svc).test_client()
    signature = sign(svc.webhook_token, "https://pickup.example.test/twilio/sms", FORM)
    response = client.post("/twilio/sms", data=FORM, headers={"X-Twilio-Signature": signature, **PROXIED})
    assert response.status_code == 200


def test_forwarded_headers_are_ignored_when_no_proxy_is_trusted(make_svc):
    # Without TRUSTED_PROXIES a client could otherwise pick the URL its (replayed) signature is checked against.
    svc = make_svc(public_base_url=None, trusted_proxies=0)
    client = create_app(services=svc).test_client()
    signature = sign(svc.webhook_token, "https://pickup.example.test/twilio/sms", FORM)
    response = client.post("/twilio/sms", data=FORM, headers={"X-Twilio-Signature": signature, **PROXIED})
    assert response.status_code == 403
    assert (
        client.post(
            "/twilio/sms",
            data=FORM,
            headers={"X-Twilio-Signature": sign(svc.webhook_token, "http://localhost/twilio/sms", FORM)},
        ).status_code
        == 200
    )


def test_trusted_proxies_is_read_from_the_environment_and_must_be_a_count():
    assert load_settings({"TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    assert load_settings({}).trusted_proxies == 0
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        load_settings({"TRUSTED_PROXIES": "-1"})


# --- no bypass, and none with real credentials ---------------------------------------------------------

BYPASS_ATTEMPTS = {
    "ARRIVEE_ENV": "development",
    "SMS_TRANSPORT": "console",
    "TWILIO_SKIP_SIGNATURE": "1",
    "WEBHOOK_SIGNATURES": "off",
    "DISABLE_SIGNATURE_CHECK": "true",
    "DEBUG": "1",
    "TESTING": "1",
}


def test_with_twilio_credentials_only_the_auth_token_signs_webhooks(make_svc):
    env = {
        "TWILIO_ACCOUNT_SID": SID,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": "https://pickup.example.test",
        "SECRET_KEY": "test-secret",
        **BYPASS_ATTEMPTS,
    }
    settings = load_settings(env)
    assert webhook_token(settings) == TOKEN
    svc = make_svc(twilio_account_sid=SID, twilio_auth_token=TOKEN)
    shop = Shop(svc)
    url = "https://pickup.example.test/twilio/sms"
    dev_key = webhook_token(settings.with_(twilio_account_sid=None, twilio_auth_token=None))
    for headers in ({}, {"X-Twilio-Signature": sign(dev_key, url, FORM)}):
        assert shop.client.post("/twilio/sms", data=FORM, headers=headers).status_code == 403
    ok = shop.client.post("/twilio/sms", data=FORM, headers={"X-Twilio-Signature": sign(TOKEN, url, FORM)})
    assert ok.status_code == 200


def test_in_dev_mode_webhooks_are_signed_with_a_key_derived_from_the_secret_key():
    one = load_settings({"SECRET_KEY": "one", **BYPASS_ATTEMPTS})
    two = load_settings({"SECRET_KEY": "two"})
    assert webhook_token(one) != webhook_token(two)
    assert "one" not in webhook_token(one) and len(webhook_token(one)) == 32


def test_no_setting_turns_the_signature_check_off(make_svc):
    # Every knob a "dev bypass" could hide behind: the app still refuses an unsigned request.
    svc = make_svc(env="development", sms_transport="console", extra=dict(BYPASS_ATTEMPTS))
    client = create_app(services=svc).test_client()
    assert client.post("/twilio/sms", data=FORM).status_code == 403
