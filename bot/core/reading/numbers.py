"""Numbers in words or digits: the pattern pieces that match a number phrase, and text2num to read one."""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

from .vocabulary import _EN_NUMBERS, _FR_NUMBERS, _FR_ONLY_NUMBERS

_NUMWORD = "|".join(sorted(set(_EN_NUMBERS) | set(_FR_NUMBERS), key=len, reverse=True))
_NUMWORD_TOKEN = rf"(?:{_NUMWORD})(?:-(?:{_NUMWORD}|et|and))*"
_NUMWORD_PHRASE = rf"{_NUMWORD_TOKEN}(?: (?:et |and )?{_NUMWORD_TOKEN})*"
_NUMWORD_ONLY = re.compile(rf"^{_NUMWORD_PHRASE}$")


@lru_cache(maxsize=2048)
def _number(phrase: str) -> int | None:
    """'4' → 4, 'trente-deux' → 32, 'twenty one' → 21; None when it is not one number."""
    if phrase.isdigit():
        return int(phrase)
    first = phrase.split(" ", 1)[0].split("-", 1)[0]
    for lang in ("fr", "en") if first in _FR_ONLY_NUMBERS else ("en", "fr"):
        try:
            return text2num(phrase, lang)
        except ValueError:
            continue
    return None


def _amount(text: str) -> float | None:
    if text in ("a", "an"):
        return 1
    if "." in text:
        return float(text)
    return _number(text)
