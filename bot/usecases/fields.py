"""The fields owners and integrators fill in (names, texts, phones, languages, hours, delays), each checked and
normalised the same way whichever door it comes through (text, admin page, API), or refused with a Problem."""

from __future__ import annotations

import re
from typing import Literal, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.handoff import DAYS
from ..core.problems import Problem
from ..phones import InvalidPhone, to_e164
from .errors import Invalid

# Control characters have no place in a name or a text (a NUL byte can't even be stored in PostgreSQL).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HHMM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")

LANGUAGES = ("en", "fr")
HANDOFF_MODES = ("car", "door", "both")
ROLES = ("staff", "manager", "owner")
ESCALATION_RANGE = (30, 3600)


@overload
def text_field(value: object, field: str, max_length: int, required: Literal[True] = True) -> str: ...


@overload
def text_field(value: object, field: str, max_length: int, required: bool) -> str | None: ...


def text_field(value, field: str, max_length: int, required: bool = True) -> str | None:
    """A string of at most `max_length` characters without control characters, stripped; None when
    optional and absent (null or blank)."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Invalid(field, Problem("string"))
    if CONTROL.search(value):
        raise Invalid(field, Problem("control_characters"))
    value = value.strip()
    if not value:
        if required:
            raise Invalid(field, Problem("empty"))
        return None
    if len(value) > max_length:
        raise Invalid(field, Problem("too_long", {"max": max_length}))
    return value


def order_number(value) -> str:
    """An order number as given (a string, or a non-negative integer), without its leading "#"."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or len(value) > 40 or CONTROL.search(value) or not value.strip().lstrip("#"):
        raise Invalid("number", Problem("order_number"))
    return value.strip().lstrip("#")


def choice(value, field: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise Invalid(field, Problem("choice", {"choices": ", ".join(f"'{c}'" for c in choices)}))
    return value


def language(value, field: str = "language") -> str:
    return choice(value, field, LANGUAGES)


def boolean(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(field, Problem("boolean"))
    return value


def phone(value, field: str, region: str | None) -> str:
    """E.164, once, here at the boundary."""
    if not isinstance(value, str):
        raise Invalid(field, Problem("phone", {"value": repr(value)[:40]}))
    try:
        return to_e164(value, region)
    except InvalidPhone:
        raise Invalid(field, Problem("phone", {"value": value.strip()[:40] or "''"})) from None


def landline(value) -> str | None:
    """The store's phone for voice calls, E.164 (a number without + is read as North American); empty: none."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    return phone(value, "landline", None if str(value).strip().startswith("+") else "CA")


def escalation_seconds(value) -> int:
    low, high = ESCALATION_RANGE
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Invalid("escalation_seconds", Problem("seconds", {"low": low, "high": high}))
    return value


def timezone(value) -> str:
    bad = Invalid("timezone", Problem("timezone", {"value": repr(str(value)[:80])}))
    if not isinstance(value, str) or not value or len(value) > 64 or CONTROL.search(value):
        raise bad
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):  # OSError: a name too long for a path
        raise bad from None
    return value


def hours(value) -> dict | None:
    """{"mon": ["09:00", "17:00"], ...}; a day left out or null is closed; None: always open."""
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(DAYS):
        raise Invalid("hours", Problem("hours", {"days": ", ".join(DAYS)}))
    for day, span in value.items():
        if span is None:
            continue
        if not (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(t, str) and _HHMM.fullmatch(t) for t in span)
            and span[0] < span[1]
        ):
            raise Invalid(f"hours.{day}", Problem("hours_day"))
    return value
