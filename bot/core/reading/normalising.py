"""A raw text → normalised words: tokens, accents folded, letters de-elongated, typos corrected with rapidfuzz,
glued words and units split; and the way back from word indexes to the text as typed."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from .vocabulary import _FUZZY_TARGETS, _GLUED_SUBJECTS, _GLUED_TAILS, _SHORTHAND, _VOCAB, _words


def _transpositions() -> dict[str, str]:
    # rapidfuzz's ratio scores a swap of two letters in a short word at 75 or less ("heer", "spto", "wya"),
    # below any safe cutoff, so swaps of keyword letters are listed outright.
    table: dict[str, str] = {}
    for target in _FUZZY_TARGETS:
        if len(target) < 3:  # "wya" is "way"
            continue
        for i in range(len(target) - 1):
            swapped = target[:i] + target[i + 1] + target[i] + target[i + 2 :]
            if swapped != target and swapped not in _VOCAB:
                table.setdefault(swapped, target)
    return table


_SWAPS = _transpositions()
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})
_TOKEN = re.compile(r"\d{1,2}:\d{2}|\d+\.\d+|[13]/[24]|[^\W_]+(?:-[^\W_]+)*|[#?]|[,.;:!/]+")
_FOLD = str.maketrans(
    {
        "à": "a",
        "â": "a",
        "ä": "a",
        "á": "a",
        "ã": "a",
        "ç": "c",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "í": "i",
        "î": "i",
        "ï": "i",
        "ó": "o",
        "ô": "o",
        "ö": "o",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "ü": "u",
        "ÿ": "y",
        "ñ": "n",
        "œ": "oe",
        "æ": "ae",
    }
)
# "arrivé" (arrived) and "arrive" (arrives) differ only by the accent: keep the difference. So do staff's "apporté"
# (brought: done) and "j'apporte" (I am bringing it: a claim).
_PARTICIPLE = re.compile(r"^(arriv|stationn|park|parqu|apport|amen)(?:é|ée|és|ées)$")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_NUMBER_ISH = re.compile(r"^(\d{1,3})-?ish$")  # "5ish", "40-ish": about that many
_NUMBER_UNIT = re.compile(
    r"^(\d{1,3})(min|mins|minute|minutes|mn|mns|mnt|mnts|m|h|hr|hrs|hre|hres|heure|heures|hour|hours|"
    r"sec|secs|s|am|pm|e|er|eme|th|st|nd|rd)$"
)
_CLITICS = _words("moi toi vous nous ce elle il ils elles tu y on je en le la les lui leur t")
_GLUED_SPOT = re.compile(r"^(spot|space|stall|bay|slot|place|pl|door|porte|espace)(\d{1,3})$")
_HOURS_MINUTES = re.compile(r"^(\d{1,2})h(\d{2})(?:min)?$")


@lru_cache(maxsize=16384)
def _normalise(token: str) -> tuple[str, ...]:
    """One raw token → its normalised word(s): folded, de-elongated, typo-corrected, units split."""
    first = token[0]
    if first in "#?":
        return (first,)
    if first in ",.;:!/":
        return ("|",)
    if participle := _PARTICIPLE.match(token):
        return (participle.group(1).translate(_FOLD) + "ee",)
    word = token.translate(_FOLD)
    if m := _GLUED_SPOT.match(word):  # "spot4", "pl5"
        return (m.group(1), m.group(2))
    if first.isdigit():
        if m := _HOURS_MINUTES.match(word):
            return (m.group(1), "h", m.group(2))
        if m := _NUMBER_UNIT.match(word):
            return (m.group(1), m.group(2))
        if m := _NUMBER_ISH.match(word):
            return (m.group(1), "ish")
        return (word,)
    word = _ELONGATED.sub(r"\1\1", word)
    if "-" in word and word.rsplit("-", 1)[1] in _CLITICS:  # "aidez-moi", "est-ce", "c'est-tu"
        return tuple(w for part in word.split("-") for w in _normalise(part))
    if word in ("arrivees", "arrivee"):
        return ("arrivee",)
    if word in _SHORTHAND:
        return (_SHORTHAND[word],)
    if word in _VOCAB or len(word) < 3 or not word.isalpha():
        return (word,)
    if word in _SWAPS:
        return (_SWAPS[word],)
    # A subject glued to its verb ("churendu", "jsuisla") is a short word: a long run of letters is not one, and
    # peeling subjects off it one by one would recurse as deep as it is long.
    for subject in _GLUED_SUBJECTS if len(word) <= 24 else ():
        if word.startswith(subject) and len(word) > len(subject) + 1:
            rest = _normalise(word[len(subject) :])
            if len(rest) == 1 and rest[0] in _GLUED_TAILS:
                return (subject, rest[0])
    best = process.extractOne(word, _FUZZY_TARGETS, scorer=fuzz.ratio, score_cutoff=85)
    return (best[0],) if best else (word,)


# Voice dictation spells out its punctuation: "I'm in spot seven comma white Lexus period", "place six virgule Civic
# noire point". Read as the marks they dictate, but not "grace period", "point de service", "à point" nor "2 virgule 5".
DICTATION = frozenset(("comma", "virgule", "period", "point"))
_PERIOD_NOUNS = frozenset(
    "grace trial waiting holding cooling free pay return time rush busy lunch sale promo the a this that one same "
    "whole".split()
)
_POINT_BEFORE = frozenset("a au le un ce de du mon ton son sur the a this that what whats pas quel bon meme".split())
_POINT_AFTER = frozenset("de d du des of where".split())
_CLOSING = frozenset(("|", "?", "thanks", "thank", "you", "merci", "svp", "please", "ty", "thx", "bye"))


def dictated_marks(words: list[str]) -> list[str]:
    """The words with dictated punctuation read as the clause mark "|" it stands for. "comma" and "virgule" always
    (not between digits); "period" and "point" last (before thanks at most) or in a text that dictates a comma, and
    never as a noun: after "grace", "à", "au", before "de"."""
    commas = "comma" in words or "virgule" in words
    out = list(words)
    for i, w in enumerate(words):
        if w not in DICTATION:
            continue
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("comma", "virgule"):
            if not (prev.isdigit() and nxt.isdigit()):
                out[i] = "|"
            continue
        if not i or prev in (_PERIOD_NOUNS if w == "period" else _POINT_BEFORE) or nxt in _POINT_AFTER:
            continue
        if commas or all(rest in _CLOSING for rest in words[i + 1 :]):
            out[i] = "|"
    return out


_MARKS = frozenset(("|", "?", "#"))  # what punctuation becomes: "here!!" and "here?" read as "here |", "here ?"


def _quote(raw: str, low: str, first: int, last: int) -> str:
    """The original text of words first..last (word indexes as in understand's word list)."""
    index = 0
    start = end = 0
    for m in _TOKEN.finditer(low):
        for _ in _normalise(m.group()):
            if index == first:
                start = m.start()
            if index == last:
                end = m.end()
            index += 1
    return raw[start:end]
