"""Keyword replies: what an owner's keyword may be, and whether a customer's text is one ("hours?" → "hours")."""

from __future__ import annotations

import re

from .commands import fold
from .problems import Problem
from .understanding import COMPLIANCE_KEYWORDS, understand

_KEYWORD = re.compile(r"[a-z0-9]{2,20}")
# What may surround a keyword in a customer's text: "Hours?", "hours!!", "*hours*", an emoji.
_AROUND = re.compile(r"^[\W_]+|[\W_]+$")

REPLY_MAX = 320  # two SMS segments


def keyword_of(text: str) -> str | None:
    """The keyword a customer's text could be (folded), or None when it is more than one word."""
    word = _AROUND.sub("", fold(text or "").strip())
    return word if _KEYWORD.fullmatch(word) else None


def keyword_problem(word: str) -> Problem | None:
    """Why `word` can't be a keyword, or None. Keywords never shadow opt-out, help or what customers text to
    check in or ask about their order: a word the bot already understands ("here", "ici", "4") is refused."""
    folded = keyword_of(word)
    if folded is None or folded != _AROUND.sub("", fold(word.strip())):
        return Problem("keyword_form")
    if folded in COMPLIANCE_KEYWORDS:
        return Problem("keyword_reserved", {"word": word.upper()})
    if understand(folded).intent != "other" or understand(folded).order is not None:
        return Problem("keyword_means", {"word": word.upper()})
    return None
