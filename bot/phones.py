"""Phone numbers at the boundary: everything becomes E.164 once, and is compared only in that form."""

from __future__ import annotations

import re

import phonenumbers

WHATSAPP = "whatsapp:"


class InvalidPhone(ValueError):
    """Not a phone number we can text; the message says why."""


_NANP_E164 = re.compile(r"\+1[2-9]\d{2}[2-9]\d{6}")


def to_e164(raw: str, region: str | None = "CA") -> str:
    """'(514) 555-0123' with region CA → '+15145550123'. Raises InvalidPhone."""
    if raw is None or not str(raw).strip():
        raise InvalidPhone("phone number is empty")
    raw = str(raw).strip()
    if raw.lower().startswith(WHATSAPP):
        raw = raw[len(WHATSAPP) :]
    if _NANP_E164.fullmatch(raw):
        # Already E.164, as Twilio gives every sender: every ten-digit NANP number is a possible one, so parsing
        # would give it back unchanged (tests/unit/test_phones.py checks that against phonenumbers), at a tenth
        # of the webhook's CPU.
        return raw
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"{raw!r} is not a phone number ({exc})") from None
    # A number without its area code ("555-0177") is possible only for local dialling: nothing can text it.
    if phonenumbers.is_possible_number_with_reason(parsed) != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise InvalidPhone(f"{raw!r} is not a possible phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def region_of(e164: str) -> str:
    """The country a store's own number belongs to: the default region for its customers' numbers."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or "CA"
    except phonenumbers.NumberParseException:
        return "CA"


def split_address(address: str) -> tuple[str, str]:
    """A Twilio address ('whatsapp:+1514...' or '+1514...') → (channel, number as given)."""
    if address.lower().startswith(WHATSAPP):
        return "whatsapp", address[len(WHATSAPP) :]
    return "sms", address


def address(channel: str, e164: str) -> str:
    return f"{WHATSAPP}{e164}" if channel == "whatsapp" else e164


def is_short_code(raw: str) -> bool:
    digits = raw.lstrip("+")
    return digits.isdigit() and len(digits) <= 6


def display(e164: str) -> str:
    """For people: "514-555-0111" for a number of the North American plan, else the international form."""
    if _NANP_E164.fullmatch(e164):
        return f"{e164[2:5]}-{e164[5:8]}-{e164[8:]}"
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask(e164: str | None) -> str:
    """For logs: only the last four digits."""
    if not e164:
        return "?"
    return "…" + e164[-4:]
