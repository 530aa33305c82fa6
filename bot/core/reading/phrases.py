"""How phrase patterns are built and used: they match the normalised words joined by single spaces, on whole
words, and each piece read is blanked out of that string."""

from __future__ import annotations

import re


def _w(pattern: str) -> str:
    """A pattern that starts and ends on whole words."""
    return rf"(?<!\S)(?:{pattern})(?!\S)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(_w(pattern))


def _blank(s: str, m: re.Match[str], marker: str) -> str:
    return f"{s[: m.start()]}{marker}{s[m.end() :]}"
