"""Bar charts as plain geometry for the day report's server-side SVG: no script and no chart library, and no style
attribute (the pages' CSP allows none), so templates draw rectangles from these numbers and admin.css colours them by
class. Pure: the counts come from bot/core/report.py."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The drawing's own units (its viewBox); the page scales it to the width it has.
WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 6, 22, 26
# At most this many category labels under the axis; past it, every other one (a phone is narrow).
MAX_LABELS = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    category: str
    series: int  # which series: its colour class


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[tuple[float, str], ...]  # (x of its centre, text) under the axis
    ticks: tuple[tuple[float, int], ...]  # (y, value) on the vertical axis
    left: float  # the plot area's edges
    right: float
    baseline: float


def nice_step(top: int, most_ticks: int = 4) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50… that divides [0, top] into at most `most_ticks` steps."""
    step = 1
    while math.ceil(top / step) > most_ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if math.ceil(top / step) <= most_ticks:
                break
    return step


def bar_chart(categories: list[str], series: list[list[int]]) -> Chart:
    """Bars grouped by category, one per series (a series: a count per category)."""
    top = max((v for values in series for v in values), default=0)
    step = nice_step(max(top, 1))
    scale_top = step * max(1, math.ceil(top / step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    group = plot_w / max(1, len(categories))
    inner = group * (0.8 if len(series) > 1 else 0.7)
    width = inner / max(1, len(series))
    bars = []
    for c, category in enumerate(categories):
        start = LEFT + c * group + (group - inner) / 2
        for s, values in enumerate(series):
            height = plot_h * values[c] / scale_top
            bars.append(
                Bar(
                    round(start + s * width, 2),
                    round(baseline - height, 2),
                    round(width, 2),
                    round(height, 2),
                    values[c],
                    category,
                    s,
                )
            )
    every = 1 if len(categories) <= MAX_LABELS else 2
    labels = tuple(
        (round(LEFT + (c + 0.5) * group, 2), category) for c, category in enumerate(categories) if c % every == 0
    )
    ticks = tuple((round(baseline - plot_h * v / scale_top, 2), v) for v in range(0, scale_top + 1, step))
    return Chart(WIDTH, HEIGHT, tuple(bars), labels, ticks, LEFT, WIDTH - RIGHT, baseline)
