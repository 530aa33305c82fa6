"""Reply texts: both languages for every key, owner overrides, SMS segment counting."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from bot.core import texts
from bot.core.conversation import handoff_vars
from bot.core.handoff import HandoffView

SAMPLE = {
    "store": "Plein Air Laurier",
    "orders": "#1234",
    "order": "1234",
    "name": " Marie",
    "staff": "Julie",
    "customer": "Marie T.",
    "where_en": "spot 12",
    "where_fr": "place 12",
    "vehicle": ", Rav4 bleu",
    "ref": "1234",
    "note": "",
    "minutes": 6,
    "hours_en": "Mon 09:00-17:00",
    "hours_fr": "lun 9 h-17 h",
    "message": "",
    "checkin_en": "reply HERE and your spot number (e.g. HERE 4).",
    "checkin_fr": "répondez ARRIVÉ et votre numéro de place (ex. ARRIVÉ 4).",
    "eta_en": " in about 10 min",
    "eta_fr": ", dans environ 10 min",
    "choices": "#1 spot 1; #2 spot 2",
    "choices_fr": "#1 place 1; #2 place 2",
    "command": "DONE",
    "command_fr": "FAIT",
    "lines": "#1234 12 Marie T. 3 min",
    "lines_fr": "#1234 12 Marie T. 3 min",
    "unverified_en": "",
    "unverified_fr": "",
    "link": "https://pickup.example.test/c/AbCdEfGhIjKlMnOp",
}
# Every optional part filled in, as staff see it for a customer who is not on file and opted out.
FULL = {
    **SAMPLE,
    **handoff_vars(
        HandoffView(
            id=1,
            status="waiting",
            customer_id=1,
            customer_label="Marie T.",
            order_numbers=("1234",),
            spot="12",
            vehicle="Rav4 bleu",
            note="coffre ouvert",
            unverified_phone=True,
            customer_opted_out=True,
        )
    ),
    "name": " Marie",
    "staff": "Julie",
    "message": "De retour à 14 h.",
}
DOC = Path(__file__).parents[2] / "docs/texts-fr.md"


def test_every_customer_facing_key_of_the_spec_exists_in_both_languages():
    for key in texts.CUSTOMER_KEYS:
        assert texts.TEMPLATES[key]["en"] and texts.TEMPLATES[key]["fr"]


@pytest.mark.parametrize("key", sorted(texts.TEMPLATES))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_text_renders_with_no_placeholder_left_and_fits_two_segments(key, lang):
    body = texts.render(key, lang, SAMPLE)
    assert "{" not in body and "}" not in body
    assert texts.segments(body) <= 2, (body, texts.segments(body))


def test_customer_texts_fit_one_segment_in_english_but_order_ready_with_its_link_two():
    singles = [k for k in texts.CUSTOMER_KEYS if texts.segments(texts.render(k, "en", SAMPLE)) == 1]
    assert set(texts.CUSTOMER_KEYS) - set(singles) == {"order_ready"}


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
    h = HandoffView(
        id=1, status="waiting", customer_id=1, customer_label="Marie T.", order_numbers=("1234",), location="door"
    )
    v = handoff_vars(h)
    assert (v["where_en"], v["where_fr"]) == ("at the door", "à la porte")


def test_a_name_ending_in_an_initial_does_not_double_the_full_stop():
    body = texts.render("staff_done", "fr", {**SAMPLE, "customer": "Marie L."})
    assert "Marie L. Merci" in body and ".." not in body


# --- French as a Québécois writes it ----------------------------------------------------------------

# Words a French text must not borrow from English.
ENGLISH = {
    "spot",
    "door",
    "done",
    "here",
    "order",
    "orders",
    "reply",
    "the",
    "and",
    "list",
    "pickup",
    "thanks",
    "please",
    "staff",
    "update",
    "waiting",
    "store",
    "text",
    "texts",
    "yes",
    "help",
    "stop",
    "email",
}
# Keywords with no French form, typed in capitals: START is the carrier's opt-in keyword, the one that lifts a STOP
# at every layer (docs/texts-fr.md); OK, ON and OFF are French in Québec; SET, REPLY and PAUSE are the owner
# commands' names in SPEC.md. DONE, LIST, HELP and STOP have French forms (FAIT, LISTE, AIDE, ARRET): never these.
KEYWORDS = {"START", "OK", "ON", "OFF", "SET", "REPLY", "PAUSE"}


@pytest.mark.parametrize("key", sorted(texts.TEMPLATES))
def test_french_texts_borrow_no_english_word(key):
    body = re.sub(r"https?://\S+", "", texts.render(key, "fr", FULL))  # a link is no word
    words = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", body) if w not in KEYWORDS}
    assert not words & ENGLISH, body


@pytest.mark.parametrize("key", sorted(texts.TEMPLATES))
def test_french_texts_put_a_non_breaking_space_before_a_colon_and_none_before_question_or_exclamation_marks(key):
    typeset = texts.french(texts.TEMPLATES[key]["fr"], FULL).format_map(defaultdict(str, FULL))
    assert not re.search(r"[ \u202f]:", typeset) and not re.search(r"\s[?!;]", typeset), typeset
    body = texts.render(key, "fr", FULL)
    assert not re.search(r"\s[?!;]", body)
    # On the wire the non-breaking space stays only in a text that is UCS-2 for another reason.
    assert ("\u00a0" in body) == (":" in body and not texts.is_gsm7(body.replace("\u00a0", " "))), body


def test_a_french_text_keeps_its_non_breaking_space_where_it_costs_nothing():
    overrides = {"on_the_way_ack": {"en": None, "fr": "{store} : À votre arrivée, {checkin_fr}"}}
    body = texts.render("on_the_way_ack", "fr", FULL, overrides)  # "À votre arrivée": UCS-2 whatever the spaces
    assert body.startswith("Plein Air Laurier\u00a0: À votre arrivée")


def test_typography_never_drops_a_french_text_to_70_character_segments():
    body = texts.render("staff_arrival", "fr", {**FULL, "unverified_fr": "", "no_texts_fr": ""})
    assert body.startswith("Arrivée : Marie T., place 12") and texts.is_gsm7(body)
    assert texts.segments(body) == 1 and len(body) > 70
    # Counting is on the wire too: a GSM-7 text of 150 characters with a non-breaking space is one segment.
    assert texts.segments("x" * 140 + "\u00a0: a b c") == 1
    assert texts.on_the_wire("Heures\u00a0: 9 h") == "Heures : 9 h"
    assert texts.on_the_wire("Tantôt\u00a0: 9 h") == "Tantôt\u00a0: 9 h"


@pytest.mark.parametrize(
    "store, expected",
    [
        ("Alex Sport", "l'équipe d'Alex Sport"),
        ("Éco-Vélo", "l'équipe d'Éco-Vélo"),
        ("Yves Rocher", "l'équipe d'Yves Rocher"),
        ("Yannick Sports", "l'équipe de Yannick Sports"),
        ("Hockey Experts", "l'équipe de Hockey Experts"),
        ("Plein Air Laurier", "l'équipe de Plein Air Laurier"),
    ],
)
def test_de_before_a_name_that_starts_with_a_vowel_is_elided(store, expected):
    assert expected in texts.render("cancel_request", "fr", {**FULL, "store": store})


def test_elision_works_for_any_inserted_name_and_for_an_owners_own_wording():
    body = texts.render("staff_claimed_other", "fr", {**FULL, "customer": "Alex M."})
    assert body.startswith("Julie s'occupe d'Alex M. (place 12")
    overrides = {"handed_off": {"en": None, "fr": "Merci de la part de {store}, et que {name} revienne!"}}
    assert texts.render("handed_off", "fr", {**FULL, "store": "Atmosphère", "name": "Ève"}, overrides) == (
        "Merci de la part d'Atmosphère, et qu'Ève revienne!"
    )


def test_every_french_text_is_in_the_reviewed_list_as_it_is_in_the_code():
    doc = DOC.read_text(encoding="utf-8")
    for key, text in texts.TEMPLATES.items():
        assert f"### `{key}`" in doc, key
        assert f"> {text['fr']}\n" in doc, key


def test_the_characters_that_force_unicode_are_named_once_each_in_order():
    assert texts.ucs2_characters("Merci, c’est noté\u00a0! À tantôt 🚗 ’") == ["’", "À", "ô", "🚗"]
    assert texts.ucs2_characters("Café, 5 € [ok] {store}") == []  # é is GSM-7; € [ ] { } are its extension
    # A non-breaking space goes as a plain one when nothing else needs UCS-2: it forces nothing.
    assert texts.ucs2_characters("Heures\u00a0: 9 h") == [] and texts.segments("x" * 150 + "\u00a0: 9 h") == 1


def test_an_override_may_use_what_the_default_uses_and_always_the_store_and_name():
    assert texts.allowed_placeholders("handed_off", "en") == {"store", "name"}
    assert texts.allowed_placeholders("arrival_ack", "fr") == {"store", "name", "where_fr", "orders", "wait_fr"}
    assert texts.override_problem("arrival_ack", "fr", "Merci {where_en}").code == "placeholder_unknown"


def test_an_order_ready_wording_must_keep_the_check_in_link():
    assert texts.override_problem("order_ready", "en", "Order {orders} is ready!").code == "link_missing"
    assert texts.override_problem("order_ready", "fr", "Commande {orders} prête : {link}") is None
    assert texts.override_problem("handed_off", "en", "Bye from {store}!") is None  # only order_ready needs it
    # A wording saved before the rule gets the link at its end, so check-in still works.
    assert texts.template_for("order_ready", "en", {"order_ready": {"en": "Ready! "}}) == "Ready! {link}"
