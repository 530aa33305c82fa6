"""Spots: "spot 4", "#7", "A3", a bare number after an arrival, and how a spot label is written."""

from __future__ import annotations

import re

from .numbers import _NUMWORD_ONLY, _NUMWORD_PHRASE, _number
from .phrases import _blank, _c
from .vocabulary import _PLAIN, _words

_SPOT_WORD = (
    r"spot|spots|space|spaces|stall|stalls|bay|slot|place|espace|stationnement|emplacement|pl|stat|door|porte"
    r"|parking|parking-spot"
)
_SPOT_VALUE = rf"\d{{1,4}}[a-z]?|[a-z]-?\d{{1,3}}|{_NUMWORD_PHRASE}"
_SPOT = _c(
    rf"(?:{_SPOT_WORD})(?: (?:number|numero|num|nbr|no|n|#|:|\||de parking|de stationnement))*"
    # ...but "je porte une veste orange" is what they wear ("porte" is also to wear), not door 1
    rf" (?!(?<=porte )une?(?!\S))(?P<v>{_SPOT_VALUE})"
)
# "the 3rd spot", "la troisième place": an ordinal before a spot word is that spot.
_ORDINALS = {
    **dict.fromkeys(("first", "premier", "premiere", "1ere", "1er"), "1"),
    **dict.fromkeys(("second", "deuxieme", "2e", "2eme"), "2"),
    **dict.fromkeys(("third", "troisieme", "3e", "3eme"), "3"),
    **dict.fromkeys(("fourth", "quatrieme"), "4"),
    **dict.fromkeys(("fifth", "cinquieme"), "5"),
    **dict.fromkeys(("sixth", "sixieme"), "6"),
    **dict.fromkeys(("seventh", "septieme"), "7"),
    **dict.fromkeys(("eighth", "huitieme"), "8"),
    **dict.fromkeys(("ninth", "neuvieme"), "9"),
    **dict.fromkeys(("tenth", "dixieme"), "10"),
}
_ORDINAL_SPOT = _c(  # "the first curbside spot": one word may sit between
    rf"(?P<v>\d{{1,2}} (?:st|nd|rd|th|e|er|eme|ere)|{'|'.join(_ORDINALS)}) (?:[a-z-]+ )?(?:{_SPOT_WORD})"
)


# Every ordinal holds one of these words once normalised ("3rd" is "3 rd"): most texts skip _ORDINAL_SPOT.
_ORDINAL_HINTS = frozenset(_ORDINALS) | frozenset(("st", "nd", "rd", "th", "e", "er", "eme", "ere"))


def _ordinal_value(value: str) -> str:
    return value.split(" ", 1)[0] if value[0].isdigit() else _ORDINALS[value]


_SPOT_WORDS_RE = re.compile(rf"^(?:{_SPOT_WORD})$")
# Voice dictation writes the number as its homophone: "spot number for" is spot 4.
_DICTATED_SPOT = _c(
    r"(?:spot|space|stall|place) (?:number|numero|no) (?P<v>for|to|too|ate|won)"
    # ...at the end of its clause, or before where or what else: "spot number too in the blue Corolla"
    r"(?= \||$| \?| (?:in|with|now|at|by|near|next|beside|and|driving|_v)(?!\S))"
)
_DICTATED = {"for": "4", "to": "2", "too": "2", "ate": "8", "won": "1"}
_HASH_SPOT = _c(r"# (?P<v>\d{1,3}[a-z]?|[a-z]\d{1,2})")
_LABEL_SPOT = _c(r"(?P<v>(?!b4)[a-z]-?\d{1,2}|(?<=at )b4)")  # "b4" is "before", but "at B4" is a spot
_DIGITS = _c(r"\d{1,3}[a-z]?")  # "parked at 4b"
_BARE_SPOT = re.compile(
    rf"^(?:# )?(?P<v>\d{{1,3}}[a-z]?|[a-z]-?\d{{1,2}}|{_NUMWORD_PHRASE})(?: \|)?(?: (?:thanks|thx|ty|merci|please|pls|svp|stp|ok)(?: \|)?)*$"
)
# After "which spot?", a number that leads its clause, before where it is: "la onze, proche du bac à sel", "nine,
# by the big tree", "celle du bout, la 8".
_ANSWER_SPOT = _c(
    # ...after a hesitation: "euh la onze", "ben c'est la cinq", "um number 6", "uh the 8"
    r"(?:^|(?<=\| ))(?:(?:euh|euhh|heu|heuu|hmm|hmmm|hm|mm|mmm|um|umm|ummm|uhm|uh|uhh|uhhh|er|erm|ben|bin|ah|oh|well|so|c est|it s|its)(?: \|)* )*"
    r"(?:la |le |the |number |numero |no |# |in |at |au |a la )?"
    rf"(?P<v>\d{{1,3}}[a-z]?|[a-z]-?\d{{1,2}}|{_NUMWORD_PHRASE}|{'|'.join(_ORDINALS)})"
    r"(?: one| une| un)?(?: (?:je pense|je crois|i think|i guess|i believe))?"
    r"(?= \||$| \?| (?:near|by|beside|next|close|pres|proche|a cote|cote|en face|devant|behind|derriere|facing|under|sous"
    r"|across|in front|le long|au bout|du bout|at the|on the"
    # ...or a word said to the one who asked: "number nine dear", "numéro six ma belle"
    r"|(?:my |mon |ma )?(?:dear|dearie|sweetie|sweetheart|hun|hon|honey|love|darling|buddy|bud|chou|belle|beau|grand"
    r"|grande|cher|chere|chouette|puce|amour|homme)(?= \||$| \?)))"
)
# A lone number in an arrival text is the spot, unless these surround it ("here with 2 kids").
_NOT_SPOT_BEFORE = _words("with avec for pour x and et the les mes des of de my our row rangee allee aisle")
_MEASURES = _words(
    "lb lbs kg kilo kilos g oz gallon litre liter l ml inch inches pouce pouces pied pieds ft foot feet dozen douzaine "
    "case caisse pack paquet portion piece morceau"
)
# Where a spot may be said to be, after its number: "parked at 4 near the door".
_NEAR = _words("near by beside next close pres proche cote behind derriere facing under sous")
_NOT_SPOT_AFTER = re.compile(
    r"^ (?:kids?|children|people|persons?|orders?|items?|bags?|boxes|box|enfants?|personnes?|sacs?|boites?|"
    r"commandes?|articles?|more|de plus|min|mins|minutes?|h|hours?|heures?|pm|am|_e|e|er|eme|th|st|nd|rd)(?!\S)"
)


def _spot_value(value: str) -> str | None:
    if value[0].isdigit():
        digits = value.rstrip("abcdefghijklmnopqrstuvwxyz")
        return str(int(digits)) + value[len(digits) :].upper()
    if len(value) <= 4 and value[-1].isdigit() and value[0].isalpha() and not _NUMWORD_ONLY.match(value):
        return value.replace("-", "").upper()
    number = _number(value)
    return str(number) if number is not None and 0 <= number < 10000 else None


def _answer_value(value: str) -> str | None:
    """The spot an answer to "which spot?" names: "onze", "11", "the third (one)"."""
    return _ORDINALS.get(value) or _spot_value(value)


# How many they are: "on est 3", "we're 4", "nous sommes 2" count people, not a spot ("on est au 3" is one).
_HEAD_COUNT = frozenset((("on", "est"), ("we", "re"), ("we", "are"), ("nous", "sommes"), ("there", "are")))


def _lone_number(s: str) -> tuple[str | None, str]:
    """In an arrival text, a number on its own ("here 4", "chu rendu au 4") is the spot; one that counts goods
    ("here for the 2 pizzas", "chu là pour les 24 bières", "a case of 24") or people ("on est 3") is not."""
    for m in _DIGITS.finditer(s):
        before = s[: m.start()].split()[-2:]
        if before and before[-1] in _NOT_SPOT_BEFORE or _NOT_SPOT_AFTER.match(s[m.end() :]):
            continue
        if tuple(before) in _HEAD_COUNT:
            continue
        after = s[m.end() :].split(" ", 2)[1:2]
        if after and (
            after[0] in _MEASURES or after[0][-1] in "sx" and after[0] not in _PLAIN and after[0] not in _NEAR
        ):
            continue  # a plural or a measure after it is what is counted ("2 pizzas", "10 lb"), not "here 5 dog in car"
        return _spot_value(m.group()), _blank(s, m, "_s")
    return None, s
