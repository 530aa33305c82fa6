"""An honest wait: how long a customer who just arrived will likely wait, from the store's own handoffs today.
Pure: the caller reads the handoffs and the queue; nothing here promises what the data cannot support."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_HANDOFFS = 5  # fewer handed off today: no figure at all
RECENT = 20  # the last handoffs the figure is drawn from
HOUR = timedelta(hours=1)  # "at this hour": those that arrived within the last hour, when there are enough
LOW_Q, HIGH_Q = 0.2, 0.8  # the range covers the middle 60% of recent waits
MAX_MINUTES = 45  # a longer figure says the data is odd (a forgotten DONE), not that the wait is long
NARROW_MINUTES = 2  # a range this narrow is said as one figure: "about 3 minutes"


@dataclass(frozen=True)
class Past:
    """One handoff handed off today: when the customer arrived, when staff claimed it, when it was handed off."""

    arrived_at: datetime
    claimed_at: datetime | None
    done_at: datetime


@dataclass(frozen=True)
class Wait:
    """Minutes from arrival to handoff, `low` to `high` (equal: "about `low`"), and the place in line (1: next).
    `low`/`high` are None when there is no honest figure but the place is still worth saying."""

    low: int | None
    high: int | None
    place: int = 1

    @property
    def about(self) -> bool:
        return self.low is not None and self.low == self.high


def quantile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), on sorted `values`."""
    if not values:
        raise ValueError("no values")
    pos = (len(values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def sample(past: Sequence[Past], now: datetime) -> list[Past]:
    """The handoffs the figure is drawn from: the last RECENT handed off, of those that arrived within the last hour
    when there are at least MIN_HANDOFFS of them, else of the whole day."""
    done = sorted((p for p in past if p.done_at <= now and p.done_at >= p.arrived_at), key=lambda p: p.done_at)
    this_hour = [p for p in done if p.arrived_at >= now - HOUR]
    chosen = this_hour if len(this_hour) >= MIN_HANDOFFS else done
    return chosen[-RECENT:]


def estimate(
    past: Sequence[Past], now: datetime, ahead: int = 0, on_duty: int = 1, unclaimed_since: datetime | None = None
) -> Wait | None:
    """The likely wait of a customer arriving `now` with `ahead` handoffs before them (waiting or being brought out)
    and `on_duty` staff to bring them out; `unclaimed_since`: the arrival of the longest-waiting of those ahead that
    nobody has taken yet. None when there is nothing worth saying (too few handoffs today and nobody ahead)."""
    place = ahead + 1
    chosen = sample(past, now)
    if len(chosen) < MIN_HANDOFFS:
        return Wait(None, None, place) if ahead else None
    waits = sorted((p.done_at - p.arrived_at).total_seconds() for p in chosen)
    handling = sorted((p.done_at - p.claimed_at).total_seconds() for p in chosen if p.claimed_at is not None)
    # The recent waits already hold the queue those customers found; each handoff ahead now beyond (or short of) the
    # usual queue adds (or takes off) the time staff take to bring one out, shared among those on duty. This
    # halved the error in a one-clerk rush (docs/wait.md).
    typical_ahead = quantile(sorted(_ahead_of(p, chosen) for p in chosen), 0.5)
    per_handoff = quantile(handling, 0.5) if handling else quantile(waits, 0.5)
    extra = (ahead - typical_ahead) * per_handoff / max(1, on_duty)
    low_s = quantile(waits, LOW_Q) + extra
    high_s = quantile(waits, HIGH_Q) + extra
    low = max(1, math.floor(low_s / 60))
    high = max(low, math.ceil(high_s / 60))
    if high > MAX_MINUTES:
        return Wait(None, None, place) if ahead else None
    # Someone ahead has waited, untaken, longer than this customer would be told: staff are not keeping up as the
    # day's handoffs say they do (a rush, a break), and no figure from those handoffs is honest now.
    if unclaimed_since is not None and (now - unclaimed_since).total_seconds() > high_s:
        return Wait(None, None, place)
    if high - low <= NARROW_MINUTES:
        middle = max(1, round((low_s + high_s) / 120))
        return Wait(middle, middle, place)
    return Wait(low, high, place)


def _ahead_of(p: Past, others: Sequence[Past]) -> int:
    """How many of `others` were at the store (arrived, not yet handed off) when `p` arrived."""
    return sum(1 for o in others if o.arrived_at < p.arrived_at < o.done_at)


def inside(w: Wait, waited_seconds: float) -> bool:
    """Whether a wait as it turned out falls within what was said (for "about N", within a minute of N)."""
    if w.low is None or w.high is None:
        return False
    if w.about:
        return abs(waited_seconds / 60 - w.low) <= 1
    return w.low * 60 <= waited_seconds <= w.high * 60


def _minutes(n: int) -> str:
    return f"{n} minute" if n == 1 else f"{n} minutes"


def wait_vars(w: Wait | None) -> dict:
    """The acknowledgement's wait, in both languages ("" when there is nothing honest to say). GSM-7 throughout:
    "il y a 2 clients avant vous" rather than "vous êtes le 3e" (ê is not GSM-7)."""
    if w is None:
        return {"wait_en": "", "wait_fr": ""}
    en, fr = [], []
    ahead = w.place - 1
    if ahead:
        en.append(f"{ahead} customer{'s' if ahead > 1 else ''} ahead of you.")
        fr.append(f"Il y a {ahead} client{'s' if ahead > 1 else ''} avant vous.")
    if w.low is not None and w.high is not None:
        if w.about:
            en.append(f"Likely wait: about {_minutes(w.low)}.")
            fr.append(f"Attente probable\u00a0: environ {_minutes(w.low)}.")
        else:
            en.append(f"Likely wait: {w.low} to {w.high} minutes.")
            fr.append(f"Attente probable\u00a0: de {w.low} à {w.high} minutes.")
    return {"wait_en": " " + " ".join(en) if en else "", "wait_fr": " " + " ".join(fr) if fr else ""}
