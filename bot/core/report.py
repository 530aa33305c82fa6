"""The day's figures from handoff timings: who is waiting now, how many were handed off, how long customers waited
(arrival → claim → handed off), per hour. The owner's STATUS text and the admin day report show these same numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from zoneinfo import ZoneInfo

from .statuses import HandoffStatus

# The wait-time distribution's buckets, in minutes: [0, 2), [2, 5), ... and 30 or more.
WAIT_BUCKETS = (2, 5, 10, 15, 30)


@dataclass(frozen=True)
class Timing:
    """One handoff's moments (UTC), any of which may be missing, and what the day's list of handoffs shows of it."""

    arrived_at: datetime | None
    claimed_at: datetime | None
    done_at: datetime | None
    status: str = HandoffStatus.DONE
    orders: tuple[str, ...] = ()
    customer: str | None = None  # first name and last initial
    where: str | None = None  # a spot, or "door"
    claimed_by: str | None = None


@dataclass(frozen=True)
class HandoffLine:
    """One handed-off pickup in the day's list (the day report's CSV)."""

    timing: Timing
    claim_seconds: float | None  # arrival → claim
    handover_seconds: float | None  # claim → handed off
    wait_seconds: float | None  # arrival → handed off


@dataclass(frozen=True)
class Waiting:
    """A customer in the lot now: where, and since when."""

    where: str | None  # a spot number, "door", or None: no spot given yet
    arrived_at: datetime | None
    photo: bool = False  # checked in with a picture of the car instead of a spot

    def place(self, lang: str) -> str:
        """Where to find them, said as the staff alerts say it."""
        if self.where == "door":
            return "door" if lang == "en" else "porte"
        if self.where:
            return f"spot {self.where}" if lang == "en" else f"place {self.where}"
        if self.photo:
            return "car in the photo" if lang == "en" else "auto sur la photo"
        return "no spot yet" if lang == "en" else "place pas encore donnée"


@dataclass(frozen=True)
class DayFigures:
    waiting: tuple[Waiting, ...]
    handed_off: int
    median_wait_seconds: float | None  # arrival → handed off, of today's handoffs
    longest_wait_seconds: float | None
    median_claim_seconds: float | None  # arrival → claim
    median_handover_seconds: float | None  # claim → handed off
    per_hour: dict[int, int] = field(default_factory=dict)  # local hour → handed off in it
    # Handoffs per WAIT_BUCKETS bucket (one more for the last, open one): arrival → handed off, arrival → claim,
    # claim → handed off.
    wait_buckets: tuple[int, ...] = ()
    claim_buckets: tuple[int, ...] = ()
    handover_buckets: tuple[int, ...] = ()
    rows: tuple[HandoffLine, ...] = ()  # in the order they were handed off


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds())


def _median(values: list[float]) -> float | None:
    return median(values) if values else None


def bucket_of(seconds: float) -> int:
    minutes = seconds / 60
    for index, bound in enumerate(WAIT_BUCKETS):
        if minutes < bound:
            return index
    return len(WAIT_BUCKETS)


def day_figures(done_today: list[Timing], waiting: list[Waiting], timezone: str) -> DayFigures:
    """`done_today`: the handoffs handed off during the store's local day; `waiting`: those in the lot now."""
    tz = ZoneInfo(timezone)
    waits: list[float] = []
    claims: list[float] = []
    handovers: list[float] = []
    per_hour: dict[int, int] = {}
    rows: list[HandoffLine] = []
    for t in sorted(done_today, key=lambda t: t.done_at or t.arrived_at or datetime.min.replace(tzinfo=tz)):
        wait, claim, handover = (
            _seconds(t.arrived_at, t.done_at),
            _seconds(t.arrived_at, t.claimed_at),
            _seconds(t.claimed_at, t.done_at),
        )
        if t.done_at is not None:
            hour = t.done_at.astimezone(tz).hour
            per_hour[hour] = per_hour.get(hour, 0) + 1
        for value, values in ((wait, waits), (claim, claims), (handover, handovers)):
            if value is not None:
                values.append(value)
        rows.append(HandoffLine(t, claim, handover, wait))
    return DayFigures(
        waiting=tuple(waiting),
        handed_off=len(done_today),
        median_wait_seconds=_median(waits),
        longest_wait_seconds=max(waits) if waits else None,
        median_claim_seconds=_median(claims),
        median_handover_seconds=_median(handovers),
        per_hour=per_hour,
        wait_buckets=_buckets(waits),
        claim_buckets=_buckets(claims),
        handover_buckets=_buckets(handovers),
        rows=tuple(rows),
    )


def _buckets(seconds: list[float]) -> tuple[int, ...]:
    counts = [0] * (len(WAIT_BUCKETS) + 1)
    for value in seconds:
        counts[bucket_of(value)] += 1
    return tuple(counts)


def bucket_names() -> tuple[str, ...]:
    """The buckets in minutes as a chart's axis reads them, the same in English and French: "< 2", "2–5", … "30+"."""
    return (
        f"< {WAIT_BUCKETS[0]}",
        *(f"{a}\u2013{b}" for a, b in zip(WAIT_BUCKETS, WAIT_BUCKETS[1:])),
        f"{WAIT_BUCKETS[-1]}+",
    )


def hours_shown(per_hour: dict[int, int], opening: tuple[str, str] | None = None) -> list[int]:
    """The local hours a per-hour chart spans: the store's opening hours that day ("09:00", "17:00": 9 to 16), widened
    to any hour something was handed off in; without either, none."""
    hours = set(per_hour)
    if opening:
        opens, closes = opening
        first = int(opens[:2])
        last = int(closes[:2]) - (1 if closes[3:] == "00" else 0)  # closing at 17:00, the 17 h hour is closed
        hours |= set(range(first, max(first, last) + 1))
    return list(range(min(hours), max(hours) + 1)) if hours else []


CSV_COLUMNS = (
    "orders",
    "customer",
    "where",
    "arrived_at",
    "claimed_at",
    "handed_off_at",
    "seconds_to_claim",
    "seconds_to_handoff",
    "claimed_by",
)


def handoffs_csv(figures: DayFigures, timezone: str, delimiter: str = ",") -> str:
    """The day's handoffs, one a row, times in the store's time zone; seconds waited from arrival to the claim and
    to the handoff."""
    tz = ZoneInfo(timezone)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in figures.rows:
        t = line.timing
        writer.writerow(
            [
                _cell(" ".join(f"#{n}" for n in t.orders)),
                _cell(t.customer),
                _cell(t.where),
                _local(t.arrived_at, tz),
                _local(t.claimed_at, tz),
                _local(t.done_at, tz),
                _whole(line.claim_seconds),
                _whole(line.wait_seconds),
                _cell(t.claimed_by),
            ]
        )
    return out.getvalue()


def _local(at: datetime | None, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if at else ""


def _whole(seconds: float | None) -> str:
    return "" if seconds is None else str(round(seconds))


def _cell(value: str | None) -> str:
    """Text as a spreadsheet shows it, never as a formula: a customer's words could start with = or @."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def minutes(seconds: float | None) -> int | None:
    """Whole minutes, rounded to the nearest, halves up (a 40-second wait is "1 min", not "0 min"). Not round():
    it rounds halves to even, and a median of 2 and 3 minutes would read "2 min" while one of 3 and 4 read "4"."""
    if seconds is None:
        return None
    return max(1, int((seconds + 30) // 60)) if seconds > 0 else 0


def status_vars(figures: DayFigures) -> dict:
    """The owner's STATUS text's variables, in both languages."""
    where_en = ", ".join(w.place("en") for w in figures.waiting)
    where_fr = ", ".join(w.place("fr") for w in figures.waiting)
    count = len(figures.waiting)
    if count:
        waiting_en = f"{count} waiting ({where_en})"
        waiting_fr = f"{count} en attente ({where_fr})"
    else:
        waiting_en, waiting_fr = "nobody waiting", "personne n'attend"
    wait_en = wait_fr = ""
    if figures.median_wait_seconds is not None:
        med, top = minutes(figures.median_wait_seconds), minutes(figures.longest_wait_seconds)
        wait_en = f", median wait {med} min, longest {top} min"
        wait_fr = f", attente médiane {med} min, la plus longue {top} min"
    done = figures.handed_off
    done_fr = f"{done} remise{'s' if done > 1 else ''}" if done else "aucune remise"
    return {
        "waiting_en": waiting_en,
        "waiting_fr": waiting_fr,
        "done_en": f"{done} handed off",
        "done_fr": done_fr,
        "wait_en": wait_en,
        "wait_fr": wait_fr,
    }
