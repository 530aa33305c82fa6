"""Order numbers: after "order"/"commande", a "#" or a bare id, and a bare answer after the bot asked."""

from __future__ import annotations

import re

from .phrases import _c
from .spots import _SPOT_WORDS_RE

_ORDER_ID = r"[a-z]{1,3}-?\d{2,8}[a-z]?|\d{2,8}(?:-\d{1,4})?"
_ORDER_WORD = (
    r"order|orders|commande|commandes|cmd|cde|pickup|pick-up|ramassage|confirmation|conf|reference|ref"
    r"|facture|invoice|receipt|recu"
)
_ORDER = _c(
    rf"(?:{_ORDER_WORD})"
    r"(?: (?:number|numero|num|nbr|no|n|#|is|est|for|pour|de|id|c|was|la|le|ma|my|:|\|))*"
    rf" (?:# )?(?P<v>{_ORDER_ID})(?! ish| or so| tops| max| environ"
    # ...nor a duration: "coming for the order 15 min tops" with no comma
    r"| (?:min|mins|minute|minutes|mn|h|hr|hrs|hour|hours|heure|heures)(?!\S))"
)
# _ORDER starts on one of these words; _HASH_ORDER and _BARE_ORDER need three digits in a row.
_ORDER_WORDS = frozenset(_ORDER_WORD.split("|"))
_THREE_DIGITS = re.compile(r"\d{3}")
_HASH_ORDER = _c(r"# (?P<v>[a-z]{1,3}-?\d{3,8}|\d{4,8})")
_BARE_ORDER = _c(r"(?P<v>[a-z]{1,3}-?\d{3,8}|\d{4,8})")
_ANSWER_ORDER = re.compile(
    r"^(?:(?:order|commande|number|numero|no|#|c|est|it|s|its|my|ma|mon|is|la|le|:|\|) )*"
    r"(?P<v>[a-z]{0,3}-?\d{1,8}[a-z]?)(?: \|| merci| thanks| thx| please| svp)*$"
)


def _order_match(s: str, words: list[str]) -> re.Match[str] | None:
    """An order number: after "order"/"commande", or a "#" or bare id not sitting after a spot word."""
    if not _ORDER_WORDS.isdisjoint(words):
        for m in _ORDER.finditer(s):
            # After a comma a short number is a new clause's, not the order's: "en route pour ma commande, 10".
            if " | " not in m.group() or _THREE_DIGITS.match(m.group("v").lstrip("abcdefghijklmnopqrstuvwxyz-")):
                return m
    if not _THREE_DIGITS.search(s):  # what the patterns below need: most texts ("here spot 4") go no further
        return None
    for pattern in (_HASH_ORDER, _BARE_ORDER):
        for m in pattern.finditer(s):
            before = [w for w in s[: m.start()].split()[-2:] if w != "#"][-1:]
            if not (before and _SPOT_WORDS_RE.match(before[0])):  # "spot 1234" is a (big) spot
                return m
    return None
