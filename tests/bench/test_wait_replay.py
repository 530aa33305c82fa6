"""The wait replay (bench/wait_replay.py) runs and its figures are sane; the measured error lives in docs/wait.md."""

from __future__ import annotations

from bench import wait_replay


def test_a_replayed_day_gives_figures_for_most_arrivals_and_keeps_most_waits_inside_the_range():
    rows = wait_replay.run(days=2, seed=3)
    assert len(rows) == len(wait_replay.SCENARIOS)
    for _scenario, f in rows:
        assert f["arrivals"] > 20 and f["with_figure"] > 0.5 and f["inside"] > 0.4


def test_the_same_seed_replays_the_same_day():
    assert wait_replay.run(days=1, seed=5) == wait_replay.run(days=1, seed=5)
