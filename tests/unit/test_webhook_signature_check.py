"""The webhook's signature check accepts exactly what Twilio's own RequestValidator accepts, computing one HMAC
in the common case instead of two."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from bot.web.twilio_signature import TwilioForm, valid_signature

TOKEN = "12345678901234567890123456789012"
PAIRS = [
    ("MessageSid", "SM" + "a" * 32),
    ("From", "+15145550123"),
    ("To", "+15145550100"),
    ("Body", "rendu, place 4 — l'auto grise"),
    ("NumMedia", "0"),
]


def posted(pairs) -> TwilioForm:
    """The form as the webhook parses it from the body Twilio posts."""
    return TwilioForm.parse(urlencode(pairs).encode())


FORM = posted(PAIRS)


def sign(url: str, form=FORM) -> str:
    return RequestValidator(TOKEN).compute_signature(url, form)


@pytest.mark.parametrize(
    "signed, called",
    [
        ("https://pickup.example/twilio/sms", "https://pickup.example/twilio/sms"),
        ("https://pickup.example:443/twilio/sms", "https://pickup.example/twilio/sms"),
        ("https://pickup.example/twilio/sms", "https://pickup.example:443/twilio/sms"),
        ("http://127.0.0.1:5000/twilio/sms", "http://127.0.0.1:5000/twilio/sms"),
        ("https://pickup.example/twilio/sms?store=2", "https://pickup.example/twilio/sms?store=2"),
    ],
)
def test_a_url_with_or_without_its_port_passes_as_with_twilios_validator(signed, called):
    assert RequestValidator(TOKEN).validate(called, FORM, sign(signed))
    assert valid_signature(TOKEN, called, FORM, sign(signed))


@pytest.mark.parametrize(
    "signed, called",
    [
        ("https://pickup.example/twilio/sms", "https://pickup.example/twilio/status"),
        ("https://pickup.example:8443/twilio/sms", "https://pickup.example/twilio/sms"),
        ("https://other.example/twilio/sms", "https://pickup.example/twilio/sms"),
    ],
)
def test_a_signature_for_another_url_fails_as_with_twilios_validator(signed, called):
    assert not RequestValidator(TOKEN).validate(called, FORM, sign(signed))
    assert not valid_signature(TOKEN, called, FORM, sign(signed))


def test_every_value_of_a_repeated_field_is_signed():
    form = posted([*PAIRS, ("MediaUrl0", "https://a.example/1"), ("MediaUrl0", "https://a.example/2")])
    url = "https://pickup.example/twilio/sms"
    assert valid_signature(TOKEN, url, form, sign(url, form))
    one_dropped = posted([*PAIRS, ("MediaUrl0", "https://a.example/1")])
    assert not valid_signature(TOKEN, url, one_dropped, sign(url, form))


def test_a_changed_body_a_wrong_key_or_an_empty_signature_fails():
    url = "https://pickup.example/twilio/sms"
    changed = posted([(k, "STOP" if k == "Body" else v) for k, v in PAIRS])
    assert not valid_signature(TOKEN, url, changed, sign(url))
    assert not valid_signature("another-token-another-token-1234", url, FORM, sign(url))
    assert not valid_signature(TOKEN, url, FORM, "")


def test_a_host_whose_port_is_no_port_fails_instead_of_raising():
    assert not valid_signature(TOKEN, "http://127.0.0.1:99999/twilio/sms", FORM, sign("http://127.0.0.1/twilio/sms"))
    assert not valid_signature(TOKEN, "http://127.0.0.1:abc/twilio/sms", FORM, sign("http://127.0.0.1/twilio/sms"))


def test_blank_values_are_kept_and_signed_as_twilio_signs_them():
    form = posted([*PAIRS, ("MediaUrl0", ""), ("Body", "")])
    assert form.getall("MediaUrl0") == [""] and form.getall("Body") == ["rendu, place 4 — l'auto grise", ""]
    url = "https://pickup.example/twilio/sms"
    assert valid_signature(TOKEN, url, form, sign(url, form))
    assert RequestValidator(TOKEN).validate(url, form, sign(url, form))


def test_a_body_that_is_not_utf8_is_read_with_replacement_characters_not_refused():
    form = TwilioForm.parse(b"Body=caf%E9&From=%2B15145550123")
    assert form.first("Body") == "caf\ufffd" and form.first("From") == "+15145550123"


def test_a_form_with_more_fields_than_any_webhook_is_refused():
    with pytest.raises(ValueError):
        TwilioForm.parse("&".join(f"f{i}=x" for i in range(TwilioForm.MAX_FIELDS + 1)).encode())


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"&",
        b"a",
        b"a=",
        b"=b",
        b"a=1&a=2&&b=%2B1+514&c",
        b"Body=chu+rendue+place+4+%C3%A0+l%27auto&From=%2B15145550123",
        b"Body=caf%E9&Body=caf%C3%A9",
        b"na+me%3D=va%26lue%3D%3D&x=%zz&y=100%",
        "Body=déjà là&To=+1514".encode(),
        b"\xff\xfe=\xe9",
    ],
)
def test_the_form_parses_as_the_standard_librarys_parse_qs(body):
    from urllib.parse import parse_qs

    assert TwilioForm.parse(body) == parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


def test_the_signature_is_twilios_for_any_form():
    from bot.web.twilio_signature import signature_of

    form = posted([*PAIRS, ("MediaUrl0", "b"), ("MediaUrl0", "a"), ("MediaUrl0", "b"), ("Empty", ""), ("é", "ü")])
    for url in ("https://pickup.example/twilio/sms", "http://127.0.0.1:5000/twilio/sms?x=1&y=é"):
        assert signature_of(TOKEN, url, form) == RequestValidator(TOKEN).compute_signature(url, form)
