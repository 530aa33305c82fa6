"""Every text the bot sends, rendered: owner overrides and their checks, French typography and elision, and SMS
segment counting on what a text becomes on the wire (docs/texts-fr.md). The wording itself is bot/core/wording.py."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping

from .problems import Problem
from .wording import CUSTOMER_KEYS, OVERRIDABLE, OWNER_TEMPLATES, SAMPLE_VARIABLES, TEMPLATES

# The wording's names too: importers take them from here, as before wording.py was split off.
__all__ = [
    "CUSTOMER_KEYS",
    "GSM7_BASIC",
    "GSM7_EXTENDED",
    "NBSP",
    "ONE_SEGMENT",
    "OVERRIDABLE",
    "OWNER_TEMPLATES",
    "SAMPLE_VARIABLES",
    "TEMPLATES",
    "allowed_placeholders",
    "french",
    "gsm_only",
    "is_gsm7",
    "on_the_wire",
    "override_problem",
    "placeholders",
    "preview",
    "render",
    "segments",
    "template_for",
    "ucs2_characters",
]


def preview(key: str, lang: str, store_name: str, text: str | None = None) -> str:
    """The text as the sample customer would get it, from `text` (an owner's wording) or the current default."""
    overrides = {key: {lang: text}} if text else None
    return render(key, lang, {**SAMPLE_VARIABLES, "store": store_name}, overrides)


def override_problem(key: str, lang: str, value: str) -> Problem | None:
    """Why an owner's wording for `key` can't be used, or None: plain {name} placeholders among those the
    default text uses, at most 480 characters, and one SMS for the answers to HELP, STOP and START."""
    if not isinstance(value, str):
        return Problem("string")
    if not value.strip():
        return Problem("empty")
    if len(value) > 480:
        return Problem("too_long", {"max": 480})
    if "\x00" in value:
        return Problem("nul")
    try:
        fields = list(_FORMATTER.parse(value))
    except ValueError:
        return Problem("braces")
    allowed = allowed_placeholders(key, lang)
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not name or spec or conversion or not name.isidentifier():
            return Problem("placeholder_form")
        if name not in allowed:
            return Problem(
                "placeholder_unknown", {"name": name, "allowed": ", ".join(f"{{{n}}}" for n in sorted(allowed))}
            )
    used = {name for _, name, _, _ in fields if name}
    for name in REQUIRED_PLACEHOLDERS.get(key, ()):
        if name not in used:
            return Problem(f"{name}_missing")
    if key in ONE_SEGMENT and segments(value.replace("{store}", "").replace("{name}", "")) > 1:
        return Problem("one_segment")
    return None


# What an owner's wording must keep: "order ready" without its check-in link would leave the customer no page to
# check in on, and no link for staff to expect (the owner is told so at save, by text, page or API, and nothing is
# saved). A wording saved before this rule gets the link added at the end when sent (template_for).
REQUIRED_PLACEHOLDERS = {"order_ready": ("link",)}


def allowed_placeholders(key: str, lang: str) -> set[str]:
    """What an owner's wording of `key` may fill in: what the default uses, and always the store and the name."""
    return placeholders(TEMPLATES[key][lang]) | {"store", "name"}


GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")


class _Blank(dict):
    """Unknown placeholders render empty rather than failing a send over an owner's typo."""

    def __missing__(self, key):
        return ""


_FORMATTER = string.Formatter()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def template_for(key: str, lang: str, overrides: Mapping[str, Mapping[str, str | None]] | None = None) -> str:
    lang = lang if lang in ("en", "fr") else "en"
    override = (overrides or {}).get(key) or {}
    text = override.get(lang)
    if text:
        missing = [name for name in REQUIRED_PLACEHOLDERS.get(key, ()) if name not in placeholders_or_none(text)]
        return " ".join([text.rstrip(), *(f"{{{name}}}" for name in missing)])
    return TEMPLATES[key][lang]


def placeholders_or_none(template: str) -> set[str]:
    """placeholders(), or none for a wording that can't be parsed (render falls back to the default for it)."""
    try:
        return placeholders(template)
    except ValueError:
        return set()


# Answers to HELP and STOP/START must fit one SMS segment whatever the store is called (carriers expect
# them short): the store's name is simplified to GSM-7 and shortened if needed, never the instructions.
ONE_SEGMENT = ("help", "opted_out", "opted_in")
# "Order ready" carries the check-in link and must stay within two segments in both languages: a store name outside
# GSM-7 ("Café Côté") would make the whole text UCS-2, 67 characters a segment, so it is simplified the same way.
TWO_SEGMENTS = {"order_ready": 2}


def render(
    key: str,
    lang: str,
    variables: Mapping[str, object],
    overrides: Mapping[str, Mapping[str, str | None]] | None = None,
) -> str:
    """The text as it goes on the wire (see on_the_wire): what is stored, sent and shown are the same."""
    text = _render(key, lang, variables, overrides)
    store = str(variables.get("store") or "")
    limit = 1 if key in ONE_SEGMENT else TWO_SEGMENTS.get(key)
    if limit and store and segments(text) > limit:
        for name in _shorter_names(gsm_only(store)):
            shorter = _render(key, lang, {**variables, "store": name}, overrides)
            if segments(shorter) <= limit:
                return shorter
    return text


def _shorter_names(name: str):
    """The name whole, then cut at word boundaries, then (a single long word) letter by letter."""
    words = name.split(" ")
    for count in range(len(words), 0, -1):
        yield " ".join(words[:count]).rstrip(" ,.;:-&(/")
    for cut in range(len(words[0]) - 1, 0, -1):
        yield words[0][:cut]


def gsm_only(text: str) -> str:
    """Accents outside GSM-7 dropped ("Café Côté" → "Café Cote"), anything else outside it removed."""
    out = []
    for ch in text:
        if ch not in GSM7_BASIC:
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if c in GSM7_BASIC)
        out.append(ch)
    return " ".join("".join(out).split())


def _render(
    key: str, lang: str, variables: Mapping[str, object], overrides: Mapping[str, Mapping[str, str | None]] | None
) -> str:
    try:
        text = _fill(template_for(key, lang, overrides), lang, variables)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        # An owner's override that can't be filled in ("{", "{}", "{store.x}") must not stop a text
        # from going out: the default wording is used instead (the API refuses such overrides anyway).
        text = _fill(TEMPLATES[key][lang if lang in ("en", "fr") else "en"], lang, variables)
    # Empty optional parts leave doubled spaces or a space before punctuation behind. Non-breaking spaces are
    # typography, kept; a plain space beside one is the trace of an empty part.
    text = _NBSP_BESIDE_SPACE.sub(NBSP, _SPACES.sub(" ", text))
    for mark in (" .", " ,"):
        text = text.replace(mark, mark[1:])
    # A name ending in an initial ("Marie L.") followed by a sentence's full stop.
    text = _INITIAL_STOP.sub(r"\1.", text)
    return on_the_wire(text.strip())


_INITIAL_STOP = re.compile(r"(\b[A-ZÀ-Ý])\.\.(?!\.)")
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")  # runs of white space other than the non-breaking kinds
_NBSP_BESIDE_SPACE = re.compile(r" ?\u00a0 ?")

NBSP = "\u00a0"
# Before a colon Québec puts a non-breaking space; before ? ! ; it puts none (France's thin space is not used).
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)")
_BEFORE_MARK = re.compile(r"[ \u00a0\u202f]+(?=[?!;])")
# A word that elides before a vowel, then a placeholder: "de {store}" becomes "d'{store}" when the store's name
# starts with a vowel sound ("l'équipe d'Alex"). Jusque, lorsque and puisque elide too.
_ELIDES_BEFORE = re.compile(r"\b(de|le|la|que|jusque|lorsque|puisque|ne|je|me|te|se) \{(\w+)\}", re.IGNORECASE)
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def french(template: str, variables: Mapping[str, object]) -> str:
    """A French template with Québec typography, and elided wherever an inserted value starts with a vowel."""
    template = _BEFORE_MARK.sub("", _BEFORE_COLON.sub(NBSP + ":", template))

    def elide(m: re.Match[str]) -> str:
        value = str(variables.get(m.group(2)) or "").lower()
        # "Yves" elides ("d'Yves"); "Yannick" does not: its y sounds as a consonant. An h may be silent or
        # not ("d'Hélène", "de Hockey Experts"): left whole, never guessed.
        vowel = value[:1] in _VOWELS or value[:1] == "y" and value[1:2] not in _VOWELS and value[1:2] != ""
        return f"{m.group(1)[:-1]}'{{{m.group(2)}}}" if vowel else m.group(0)

    return _ELIDES_BEFORE.sub(elide, template)


def _fill(template: str, lang: str, variables: Mapping[str, object]) -> str:
    if lang == "fr":
        template = french(template, variables)
    return template.format_map(_Blank(variables))


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def on_the_wire(text: str) -> str:
    """What a text becomes when sent. GSM-7 has no non-breaking space: one would make Twilio send the whole text
    as UCS-2, 70 characters a segment instead of 160, for typography alone. In a text that is GSM-7 but for them,
    non-breaking spaces go as plain spaces (what carriers make of them anyway); in a text that is UCS-2 for another
    reason (an À, an ê, an emoji) they cost nothing and stay."""
    if NBSP not in text and "\u202f" not in text:
        return text
    plain = text.replace(NBSP, " ").replace("\u202f", " ")
    return plain if is_gsm7(plain) else text


def ucs2_characters(text: str) -> list[str]:
    """The characters that send `text` as UCS-2, 70 characters a segment instead of 160, each once, in order: those
    outside the GSM-7 alphabet, but for non-breaking spaces, which on_the_wire() sends as plain spaces in a text
    that is GSM-7 otherwise."""
    plain = text.replace(NBSP, " ").replace("\u202f", " ")
    return list(dict.fromkeys(ch for ch in plain if ch not in GSM7_BASIC and ch not in GSM7_EXTENDED))


def segments(text: str) -> int:
    """How many SMS segments Twilio bills for this text (GSM-7 or UCS-2, with concatenation headers), as sent."""
    text = on_the_wire(text)
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        return 1 if units <= 160 else -(-units // 153)
    # UCS-2 counts UTF-16 code units: an emoji takes two.
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)
