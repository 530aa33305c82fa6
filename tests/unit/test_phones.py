"""Phone numbers become E.164 once, at the boundary."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.phones import InvalidPhone, address, is_short_code, mask, region_of, split_address, to_e164


@pytest.mark.parametrize(
    "raw", ["(514) 555-0123", "514.555.0123", "1 514 555 0123", "+15145550123", "whatsapp:+15145550123"]
)
def test_canadian_numbers_in_any_shape_become_e164(raw):
    assert to_e164(raw, "CA") == "+15145550123"


def test_a_french_number_keeps_its_country():
    assert to_e164("06 12 34 56 78", "FR") == "+33612345678"
    assert region_of("+33612345678") == "FR" and region_of("+15145550100") == "CA"


@pytest.mark.parametrize("raw", ["", "hello", "123"])
def test_garbage_is_refused_with_a_reason(raw):
    with pytest.raises(InvalidPhone):
        to_e164(raw, "CA")


def test_a_number_without_its_area_code_is_refused_nothing_could_text_it():
    with pytest.raises(InvalidPhone):
        to_e164("555-0177", "CA")  # phonenumbers calls it possible, for local dialling only


def test_whatsapp_addresses_split_and_rebuild():
    assert split_address("whatsapp:+15145550123") == ("whatsapp", "+15145550123")
    assert address("whatsapp", "+15145550123") == "whatsapp:+15145550123"
    assert address("sms", "+15145550123") == "+15145550123"


def test_short_codes_and_masking():
    assert is_short_code("12345") and not is_short_code("+15145550123")
    assert mask("+15145550123") == "…0123"


@settings(max_examples=500)
@given(st.from_regex(r"\+1[2-9][0-9]{2}[2-9][0-9]{6}", fullmatch=True), st.sampled_from(["CA", "US", "FR", None]))
def test_a_number_already_in_e164_comes_back_as_phonenumbers_would_give_it(raw, region):
    parsed = phonenumbers.parse(raw, region)
    assert phonenumbers.is_possible_number(parsed)
    assert to_e164(raw, region) == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == raw


def test_numbers_outside_the_e164_shortcut_are_still_parsed():
    assert to_e164("+1 (514) 555-0123") == "+15145550123"
    assert to_e164("whatsapp:+15145550123") == "+15145550123"
    with pytest.raises(InvalidPhone):
        to_e164("+1514555012")  # nine digits: not a possible NANP number
