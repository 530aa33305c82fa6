"""Replays simulated store days through the honest-wait estimate (bot/core/wait.py) and reports how far its figure
falls from the wait each customer really had.

    .venv/bin/python -m bench.wait_replay                 # 30 seeded days per scenario, a Markdown table
    .venv/bin/python -m bench.wait_replay --days 5 --seed 7

Each day is a queue simulated event by event, seeded: customers arrive (a Poisson process whose rate follows the
day: a lunch rush, an after-work rush), staff on duty take the oldest waiting handoff when free after a short
reaction time, and bring the order out in a lognormal handling time. A few handoffs are closed late (a forgotten
DONE, minutes after the customer left). At each arrival the estimate sees only what the store's database would
hold at that moment: handoffs handed off so far today, how many are ahead, who is on duty.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.wait import Past, Wait, estimate, inside

OPEN = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)  # 09:00 in Montréal
HOURS = 10


@dataclass(frozen=True)
class Scenario:
    name: str
    arrivals_per_hour: tuple[float, ...]  # one rate per opening hour
    staff: tuple[int, ...]  # staff on duty each hour
    reaction_s: float = 40.0  # median time to notice the alert and start
    handling_s: float = 100.0  # median time from claim to the customer having their order
    handling_sigma: float = 0.45
    forgotten_done: float = 0.03  # share of handoffs closed 10 to 40 minutes late


SCENARIOS = (
    Scenario("quiet shop", (2, 3, 5, 6, 4, 3, 3, 5, 6, 3), (1,) * 10),
    Scenario("sporting goods, busy Saturday", (8, 12, 20, 24, 16, 12, 14, 22, 26, 14), (2, 2, 3, 3, 2, 2, 2, 3, 3, 2)),
    Scenario("one clerk, rushes", (6, 10, 24, 30, 14, 8, 10, 26, 30, 12), (1,) * 10),
)


@dataclass
class Handoff:
    arrived_at: datetime
    claimed_at: datetime
    done_at: datetime  # as recorded (late when DONE was forgotten)
    handed_at: datetime  # when the customer really had their order


def simulate(s: Scenario, rng: random.Random) -> list[Handoff]:
    """One day of handoffs, in order of arrival."""
    arrivals: list[datetime] = []
    t = 0.0
    while t < HOURS * 3600:
        rate = s.arrivals_per_hour[int(t // 3600)] / 3600
        t += rng.expovariate(rate)
        if t < HOURS * 3600:
            arrivals.append(OPEN + timedelta(seconds=t))
    free: list[datetime] = []
    out = []
    for arrived in arrivals:
        on_duty = s.staff[min(HOURS - 1, int((arrived - OPEN).total_seconds() // 3600))]
        while len(free) < on_duty:
            free.append(OPEN)
        free.sort()
        pool = free[:on_duty]
        staff_free = pool[0]
        reaction = timedelta(seconds=rng.lognormvariate(math.log(s.reaction_s), 0.5))
        claimed = max(arrived + reaction, staff_free + reaction / 3)
        handed = claimed + timedelta(seconds=rng.lognormvariate(math.log(s.handling_s), s.handling_sigma))
        pool[0] = handed
        free = pool + free[on_duty:]
        done = handed
        if rng.random() < s.forgotten_done:
            done = handed + timedelta(minutes=rng.uniform(10, 40))
        out.append(Handoff(arrived, claimed, done, handed))
    return out


@dataclass
class Told:
    wait: Wait | None
    waited_s: float


def replay(s: Scenario, day: list[Handoff]) -> list[Told]:
    """At each arrival, the estimate from what the database holds then; beside it, the wait that followed."""
    told = []
    for h in day:
        now = h.arrived_at
        past = [Past(p.arrived_at, p.claimed_at, p.done_at) for p in day if p.done_at <= now]
        ahead = sum(1 for p in day if p.arrived_at < now and p.done_at > now)
        untaken = [p.arrived_at for p in day if p.arrived_at < now and p.claimed_at > now]
        on_duty = s.staff[min(HOURS - 1, int((now - OPEN).total_seconds() // 3600))]
        said = estimate(past, now, ahead=ahead, on_duty=on_duty, unclaimed_since=min(untaken, default=None))
        told.append(Told(said, (h.handed_at - h.arrived_at).total_seconds()))
    return told


def figures(told: list[Told]) -> dict:
    with_figure = [t for t in told if t.wait is not None and t.wait.low is not None]
    errors = [abs(t.waited_s / 60 - (t.wait.low + t.wait.high) / 2) for t in with_figure if t.wait and t.wait.low]
    widths = [t.wait.high - t.wait.low for t in with_figure if t.wait and t.wait.low is not None and t.wait.high]
    return {
        "arrivals": len(told),
        "with_figure": len(with_figure) / len(told) if told else 0.0,
        "median_abs_error_min": statistics.median(errors) if errors else float("nan"),
        "p90_abs_error_min": statistics.quantiles(errors, n=10)[-1] if len(errors) >= 10 else float("nan"),
        "inside": sum(1 for t in with_figure if t.wait and inside(t.wait, t.waited_s)) / len(with_figure)
        if with_figure
        else 0.0,
        "about_share": sum(1 for t in with_figure if t.wait and t.wait.about) / len(with_figure)
        if with_figure
        else 0.0,
        "median_width_min": statistics.median(widths) if widths else float("nan"),
        "median_wait_min": statistics.median(t.waited_s / 60 for t in told) if told else float("nan"),
    }


def run(days: int, seed: int) -> list[tuple[Scenario, dict]]:
    rows = []
    for index, s in enumerate(SCENARIOS):
        told: list[Told] = []
        for d in range(days):
            rng = random.Random(seed * 1000 + index * 100 + d)
            told += replay(s, simulate(s, rng))
        rows.append((s, figures(told)))
    return rows


def table(rows: list[tuple[Scenario, dict]]) -> str:
    lines = [
        "| scenario | arrivals | given a figure | median abs. error | P90 abs. error | waits inside the range "
        '| said as "about N" | median range width | median wait |',
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s, f in rows:
        lines.append(
            f"| {s.name} | {f['arrivals']} | {f['with_figure']:.0%} | {f['median_abs_error_min']:.1f} min "
            f"| {f['p90_abs_error_min']:.1f} min | {f['inside']:.0%} | {f['about_share']:.0%} "
            f"| {f['median_width_min']:.0f} min | {f['median_wait_min']:.1f} min |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30, help="days replayed per scenario")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"{args.days} days per scenario, seed {args.seed}\n")
    print(table(run(args.days, args.seed)))


if __name__ == "__main__":
    main()
