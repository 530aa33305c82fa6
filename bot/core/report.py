"""The day's figures from handoff timings: who is waiting now, how many were handed off, how long customers waited
(arrival → claim → handed off), per hour. The owner's STATUS text and the admin day report show these same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from zoneinfo import ZoneInfo

# The wait-time distribution's buckets, in minutes: [0, 2), [2, 5), ... and 30 or more.
WAIT_BUCKETS = (2, 5, 10, 15, 30)


@dataclass(frozen=True)
class Timing:
    """One handoff's moments (UTC); any of them may be missing."""

    arrived_at: datetime | None
    claimed_at: datetime | None
    done_at: datetime | None
    status: str = "done"


@dataclass(frozen=True)
class Waiting:
    """A customer in the lot now: where, and since when."""

    where: str  # a spot number, or "door"
    arrived_at: datetime | None


@dataclass(frozen=True)
class DayFigures:
    waiting: tuple[Waiting, ...]
    handed_off: int
    median_wait_seconds: float | None  # arrival → handed off, of today's handoffs
    longest_wait_seconds: float | None
    median_claim_seconds: float | None  # arrival → claim
    median_handover_seconds: float | None  # claim → handed off
    per_hour: dict[int, int] = field(default_factory=dict)  # local hour → handed off in it
    wait_buckets: tuple[int, ...] = ()  # handoffs per WAIT_BUCKETS bucket (one more for the last, open one)
    rows: tuple[tuple[datetime | None, float | None, float | None, float | None], ...] = ()  # for the CSV


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
    waits, claims, handovers = [], [], []
    per_hour: dict[int, int] = {}
    buckets = [0] * (len(WAIT_BUCKETS) + 1)
    rows = []
    for t in sorted(done_today, key=lambda t: t.done_at or t.arrived_at or datetime.min.replace(tzinfo=tz)):
        wait, claim, handover = (_seconds(t.arrived_at, t.done_at), _seconds(t.arrived_at, t.claimed_at),
                                 _seconds(t.claimed_at, t.done_at))
        if t.done_at is not None:
            hour = t.done_at.astimezone(tz).hour
            per_hour[hour] = per_hour.get(hour, 0) + 1
        if wait is not None:
            waits.append(wait)
            buckets[bucket_of(wait)] += 1
        if claim is not None:
            claims.append(claim)
        if handover is not None:
            handovers.append(handover)
        rows.append((t.arrived_at, claim, handover, wait))
    return DayFigures(
        waiting=tuple(waiting), handed_off=len(done_today), median_wait_seconds=_median(waits),
        longest_wait_seconds=max(waits) if waits else None, median_claim_seconds=_median(claims),
        median_handover_seconds=_median(handovers), per_hour=per_hour, wait_buckets=tuple(buckets),
        rows=tuple(rows))


def minutes(seconds: float | None) -> int | None:
    """Whole minutes, rounded to the nearest (a 40-second wait is "1 min", not "0 min")."""
    if seconds is None:
        return None
    return max(1, round(seconds / 60)) if seconds > 0 else 0


def status_vars(figures: DayFigures) -> dict:
    """The owner's STATUS text's variables, in both languages."""
    where_en = ", ".join("door" if w.where == "door" else f"spot {w.where}" for w in figures.waiting)
    where_fr = ", ".join("porte" if w.where == "door" else f"place {w.where}" for w in figures.waiting)
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
    return {"waiting_en": waiting_en, "waiting_fr": waiting_fr, "done_en": f"{done} handed off",
            "done_fr": f"{done} remise{'s' if done > 1 else ''}", "wait_en": wait_en, "wait_fr": wait_fr}
