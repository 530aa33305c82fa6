"""Reply texts: both languages for every key, owner overrides, SMS segment counting."""
from __future__ import annotations

import pytest

from bot.core import texts
from bot.core.conversation import handoff_vars
from bot.core.handoff import HandoffView

SAMPLE = {"store": "Plein Air Laurier", "orders": "#1234", "order": "1234", "name": " Marie", "staff": "Julie",
          "customer": "Marie T.", "where_en": "spot 12", "where_fr": "place 12", "vehicle": ", Rav4 bleu",
          "ref": "1234", "note": "", "minutes": 6, "hours_en": "Mon 09:00-17:00", "hours_fr": "lun 9 h-17 h", "message": "",
          "checkin_en": "reply HERE and your spot number (e.g. HERE 4).",
          "checkin_fr": "répondez ARRIVÉ et votre numéro de place (ex. ARRIVÉ 4).",
          "eta_en": " in about 10 min", "eta_fr": ", dans environ 10 min", "choices": "#1 spot 1; #2 spot 2",
          "command": "OK", "lines": "#1234 12 Marie T. 3 min", "unverified_en": "", "unverified_fr": ""}


def test_every_customer_facing_key_of_the_spec_exists_in_both_languages():
    for key in texts.CUSTOMER_KEYS:
        assert texts.TEMPLATES[key]["en"] and texts.TEMPLATES[key]["fr"]


@pytest.mark.parametrize("key", sorted(texts.TEMPLATES))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_text_renders_with_no_placeholder_left_and_fits_two_segments(key, lang):
    body = texts.render(key, lang, SAMPLE)
    assert "{" not in body and "}" not in body
    assert texts.segments(body) <= 2, (body, texts.segments(body))


def test_most_customer_texts_fit_one_segment_in_english():
    singles = [k for k in texts.CUSTOMER_KEYS if texts.segments(texts.render(k, "en", SAMPLE)) == 1]
    assert len(singles) == len(texts.CUSTOMER_KEYS)


def test_french_texts_use_accents_and_quebec_words():
    assert "cueillette" in texts.render("help", "fr", SAMPLE)
    assert "courriel" in texts.render("order_not_found", "fr", SAMPLE)
    assert "magasiné" in texts.render("handed_off", "fr", SAMPLE)
    assert "prête" in texts.render("not_ready", "fr", SAMPLE)


def test_an_owner_override_replaces_only_its_language():
    overrides = {"handed_off": {"en": "Bye from {store}!", "fr": None}}
    assert texts.render("handed_off", "en", SAMPLE, overrides) == "Bye from Plein Air Laurier!"
    assert texts.render("handed_off", "fr", SAMPLE, overrides).startswith("C'est tout bon")


def test_an_unknown_placeholder_in_an_override_renders_empty_rather_than_failing():
    assert texts.render("help", "en", {}, {"help": {"en": "Hi {nobody}!"}}) == "Hi !"


def test_gsm_text_counts_160_per_segment_and_unicode_70():
    assert texts.segments("a" * 160) == 1 and texts.segments("a" * 161) == 2
    assert texts.segments("ê" * 70) == 1 and texts.segments("ê" * 71) == 2
    assert texts.segments("é" * 160) == 1  # é is in GSM-7
    assert texts.segments("🚗" * 35) == 1 and texts.segments("🚗" * 36) == 2


def test_staff_alert_vars_say_where_in_both_languages():
    h = HandoffView(id=1, status="waiting", customer_id=1, customer_label="Marie T.", order_numbers=("1234",),
                    location="door")
    v = handoff_vars(h)
    assert (v["where_en"], v["where_fr"]) == ("at the door", "à la porte")


def test_a_name_ending_in_an_initial_does_not_double_the_full_stop():
    body = texts.render("staff_done", "fr", {**SAMPLE, "customer": "Marie L."})
    assert "Marie L. Merci" in body and ".." not in body
