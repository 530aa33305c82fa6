"""The webhook's signature check accepts exactly what Twilio's own RequestValidator accepts, computing one HMAC
in the common case instead of two."""
from __future__ import annotations

import pytest
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from bot.web.twilio import valid_signature

TOKEN = "12345678901234567890123456789012"
FORM = MultiDict([("MessageSid", "SM" + "a" * 32), ("From", "+15145550123"), ("To", "+15145550100"),
                  ("Body", "rendu, place 4 — l'auto grise"), ("NumMedia", "0")])


def sign(url: str, form=FORM) -> str:
    return RequestValidator(TOKEN).compute_signature(url, form)


@pytest.mark.parametrize("signed, called", [
    ("https://pickup.example/twilio/sms", "https://pickup.example/twilio/sms"),
    ("https://pickup.example:443/twilio/sms", "https://pickup.example/twilio/sms"),
    ("https://pickup.example/twilio/sms", "https://pickup.example:443/twilio/sms"),
    ("http://127.0.0.1:5000/twilio/sms", "http://127.0.0.1:5000/twilio/sms"),
    ("https://pickup.example/twilio/sms?store=2", "https://pickup.example/twilio/sms?store=2"),
])
def test_a_url_with_or_without_its_port_passes_as_with_twilios_validator(signed, called):
    assert RequestValidator(TOKEN).validate(called, FORM, sign(signed))
    assert valid_signature(TOKEN, called, FORM, sign(signed))


@pytest.mark.parametrize("signed, called", [
    ("https://pickup.example/twilio/sms", "https://pickup.example/twilio/status"),
    ("https://pickup.example:8443/twilio/sms", "https://pickup.example/twilio/sms"),
    ("https://other.example/twilio/sms", "https://pickup.example/twilio/sms"),
])
def test_a_signature_for_another_url_fails_as_with_twilios_validator(signed, called):
    assert not RequestValidator(TOKEN).validate(called, FORM, sign(signed))
    assert not valid_signature(TOKEN, called, FORM, sign(signed))


def test_every_value_of_a_repeated_field_is_signed():
    form = MultiDict([*FORM.items(multi=True), ("MediaUrl0", "https://a.example/1"), ("MediaUrl0", "https://a.example/2")])
    url = "https://pickup.example/twilio/sms"
    assert valid_signature(TOKEN, url, form, sign(url, form))
    one_dropped = MultiDict([*FORM.items(multi=True), ("MediaUrl0", "https://a.example/1")])
    assert not valid_signature(TOKEN, url, one_dropped, sign(url, form))


def test_a_changed_body_a_wrong_key_or_an_empty_signature_fails():
    url = "https://pickup.example/twilio/sms"
    changed = MultiDict(FORM)
    changed["Body"] = "STOP"
    assert not valid_signature(TOKEN, url, changed, sign(url))
    assert not valid_signature("another-token-another-token-1234", url, FORM, sign(url))
    assert not valid_signature(TOKEN, url, FORM, "")


def test_a_host_whose_port_is_no_port_fails_instead_of_raising():
    assert not valid_signature(TOKEN, "http://127.0.0.1:99999/twilio/sms", FORM, sign("http://127.0.0.1/twilio/sms"))
    assert not valid_signature(TOKEN, "http://127.0.0.1:abc/twilio/sms", FORM, sign("http://127.0.0.1/twilio/sms"))
