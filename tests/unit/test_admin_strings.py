"""The admin pages' words: every one in both languages, a title for every text an owner can reword, and no word
that a template's `t.word` would mistake for a dict method."""

from __future__ import annotations

from bot.core.texts import OVERRIDABLE
from bot.web.admin.strings import STRINGS
from bot.web.admin.texts import character_names


def test_english_and_french_have_the_same_words():
    assert set(STRINGS["en"]) == set(STRINGS["fr"])
    assert all(STRINGS["en"][k].strip() and STRINGS["fr"][k].strip() for k in STRINGS["en"])


def test_every_text_an_owner_can_reword_has_a_title_in_both_languages():
    for lang in ("en", "fr"):
        assert all(STRINGS[lang].get("key_" + key) for key in OVERRIDABLE), lang


def test_no_word_is_shadowed_by_a_dict_method_in_the_templates():
    # Jinja's t.copy is dict.copy, not t["copy"]: such a word would print a method on the page.
    assert [word for word in STRINGS["en"] if hasattr({}, word)] == []


def test_characters_outside_gsm_are_named_in_the_pages_quotes_with_their_code_point_unless_a_letter():
    assert character_names(["ê", "’", "\u00a0"], "« {ch} »") == "« ê », « ’ » (U+2019), « \u00a0 » (U+00A0)"
    assert character_names(["🚗"], "“{ch}”") == "“🚗” (U+1F697)"
