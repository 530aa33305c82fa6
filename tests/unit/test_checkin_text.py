"""The "order ready" text with its check-in link stays within two SMS segments in both languages, in GSM-7; the
check-in page's form reads as the meaning a text would give."""

from __future__ import annotations

import secrets

import pytest

from bot.core import texts
from bot.core.conversation import StoreView, checkin_vars

# A long public address and the longest order numbers the API takes are the worst case a store meets.
BASE = "https://arrivee.pleinairlaurier.example.com"


def order_ready(lang: str, mode: str, store: str = "Plein Air Laurier", number: str = "#12345678") -> str:
    link = f"{BASE}/c/{secrets.token_urlsafe(12)}"
    variables = {"store": store, "orders": number, "link": link, "name": " Marie"}
    return texts.render("order_ready", lang, {**variables, **checkin_vars(StoreView(1, store, handoff_mode=mode))})


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("mode", ["car", "door", "both"])
def test_order_ready_with_its_link_fits_two_gsm7_segments(lang, mode):
    body = order_ready(lang, mode)
    assert "/c/" in body
    assert texts.ucs2_characters(body) == [], body  # nothing forces UCS-2, in French either
    assert texts.segments(body) <= 2 and len(body) <= 2 * 153, (len(body), body)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_store_name_outside_gsm7_is_simplified_rather_than_making_the_text_three_segments(lang):
    body = order_ready(lang, "both", store="Café Côté · Équipement de plein air", number="#A-2026-12345678")
    assert texts.segments(body) <= 2 and "Café Coté" in body


def test_the_french_wording_avoids_the_capital_a_with_grave_that_would_force_ucs2():
    template = texts.TEMPLATES["order_ready"]["fr"]
    assert "À" not in template and "ê" not in template and "{link}" in template
    assert texts.segments("À" + "a" * 100) == 2 and texts.segments("à" + "a" * 100) == 1


def test_the_link_is_96_bits_in_16_gsm7_characters():
    from bot.usecases.checkin import TOKEN_BYTES

    token = secrets.token_urlsafe(TOKEN_BYTES)
    assert TOKEN_BYTES * 8 >= 96 and len(token) == 16 and texts.is_gsm7(token)


def test_the_form_reads_as_the_meaning_a_text_would_give():
    from bot.core.checkin import read_form

    here = read_form({"action": "here", "where": "car", "spot": " #a12 ", "vehicle": "Civic\x00 rouge"}, "both", "fr")
    assert here.meaning.intent == "arrived" and here.meaning.spot == "A12" and here.meaning.vehicle == "Civic rouge"
    assert read_form({"action": "here", "where": "door"}, "both", "en").meaning.door
    assert read_form({"action": "here", "where": "door"}, "car", "en").problem == "spot_missing"
    assert read_form({"action": "here"}, "door", "en").meaning.door
    assert read_form({"action": "here", "spot": "4; DROP"}, "car", "en").problem == "spot_bad"
    assert read_form({"action": "on_the_way", "eta": "15"}, "car", "en").meaning.eta_minutes == 15
    assert read_form({"action": "on_the_way", "eta": "7"}, "car", "en").problem == "eta_missing"
    assert read_form({}, "car", "en").problem == "action_missing"
