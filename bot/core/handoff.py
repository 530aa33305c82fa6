"""The handoff's rules: its states, who a staff command points at, escalation steps, store hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .statuses import HandoffStatus

# The handoff's open states, and those of someone in the lot (the whole path: HandoffStatus).
OPEN = (HandoffStatus.ON_THE_WAY, HandoffStatus.WAITING, HandoffStatus.CLAIMED)
AT_STORE = (HandoffStatus.WAITING, HandoffStatus.CLAIMED)
ESCALATION_STEPS = 2  # 1: re-alert staff on duty; 2: escalate to managers and owners.


def short_name(full: str | None) -> str | None:
    """Staff alerts show first name and last initial only ("Marie Tremblay" → "Marie T.")."""
    if not full or not full.strip():
        return None
    parts = full.split()
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0].upper()}."


def phone_label(e164: str | None) -> str:
    """Who a customer with no name on file is, for staff (alerts, the board, LIST): their phone's last four digits
    in a masked number ("***-***-0123"), which staff can check at the car and which says nothing more on a shared
    screen. Plain ASCII, the same in English and French: a staff alert stays GSM-7, and no article to agree."""
    digits = "".join(ch for ch in e164 or "" if ch.isdigit())
    if len(digits) < 4:
        return "?"
    if (e164 or "").startswith("+1") and len(digits) == 11:
        return f"***-***-{digits[-4:]}"
    return f"***-{digits[-4:]}"


@dataclass(frozen=True)
class HandoffView:
    id: int
    status: str  # a HandoffStatus (bot/core/statuses.py)
    customer_id: int
    customer_label: str
    order_numbers: tuple[str, ...]
    location: str = "car"
    spot: str | None = None
    vehicle: str | None = None
    note: str | None = None
    claimed_by_id: int | None = None
    claimed_by_name: str | None = None
    alerted: bool = False
    unverified_phone: bool = False
    escalation_level: int = 0
    arrived_at: datetime | None = None
    orders_ready: bool = True
    customer_opted_out: bool = False  # texted STOP: still handed their order, never texted
    has_photo: bool = False  # the customer sent a picture of their car (MMS/WhatsApp)

    def waited_minutes(self, now: datetime) -> int:
        if self.arrived_at is None:
            return 0
        return max(0, int((now - self.arrived_at).total_seconds() // 60))


@dataclass(frozen=True)
class Target:
    """What a staff command points at: one handoff, several to choose from, or none."""

    handoff: HandoffView | None = None
    choices: tuple[HandoffView, ...] = field(default_factory=tuple)


def _matches(h: HandoffView, order: str | None, spot: str | None) -> bool:
    if order is not None:
        wanted = order.lstrip("#").upper()
        if any(n.lstrip("#").upper() == wanted for n in h.order_numbers):
            return True
        # Staff often type the spot where the order would go ("OK 4").
        return spot is None and h.spot is not None and h.spot.upper() == wanted
    if spot is not None:
        return h.spot is not None and h.spot.upper() == spot.upper()
    return True


def target_for_claim(handoffs: list[HandoffView], order: str | None, spot: str | None) -> Target:
    at_store = [h for h in handoffs if h.status in AT_STORE]
    if order is not None or spot is not None:
        found = [h for h in at_store if _matches(h, order, spot)]
        return Target(found[0]) if len(found) == 1 else Target(None, tuple(found))
    unclaimed = [h for h in at_store if h.status == HandoffStatus.WAITING]
    return Target(unclaimed[0]) if len(unclaimed) == 1 else Target(None, tuple(unclaimed))


def target_for_done(handoffs: list[HandoffView], staff_id: int, order: str | None, spot: str | None) -> Target:
    at_store = [h for h in handoffs if h.status in AT_STORE]
    if order is not None or spot is not None:
        found = [h for h in at_store if _matches(h, order, spot)]
        return Target(found[0]) if len(found) == 1 else Target(None, tuple(found))
    mine = [h for h in at_store if h.claimed_by_id == staff_id]
    if len(mine) == 1:
        return Target(mine[0])
    if mine:
        return Target(None, tuple(mine))
    return Target(at_store[0]) if len(at_store) == 1 else Target(None, tuple(at_store))


def is_open(hours: dict | None, tz: str, now: datetime) -> bool:
    """Store hours as {"mon": ["09:00", "17:00"], ...}; a day absent or null means closed; no hours: always open."""
    if not hours:
        return True
    local = now.astimezone(ZoneInfo(tz))
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[local.weekday()]
    span = hours.get(day)
    if not span:
        return False
    start, end = (time.fromisoformat(t) for t in span)
    return start <= local.time().replace(tzinfo=None) < end


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
}


def _clock(hhmm: str, lang: str) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    if lang == "fr":  # Québec usage: 9 h, 17 h 30
        return f"{hour} h" + (f" {minute:02d}" if minute else "")
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}" + (f":{minute:02d}" if minute else "") + suffix


def describe_hours(hours: dict | None, lang: str) -> str:
    """{"mon": ["09:00", "17:00"], ...} → "Mon-Fri 9am-5pm, Sat 10am-4pm" / "lun-ven 9 h-17 h, sam 10 h-16 h"."""
    if not hours:
        return ""
    names = DAY_NAMES[lang]
    runs: list[list[Any]] = []  # [first day, last day, (opens, closes)]
    for index, day in enumerate(DAYS):
        span = tuple(hours.get(day) or ())
        if not span:
            continue
        if runs and runs[-1][2] == span and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index, span])
    return ", ".join(
        (names[a] if a == b else f"{names[a]}-{names[b]}") + f" {_clock(span[0], lang)}-{_clock(span[1], lang)}"
        for a, b, span in runs
    )
