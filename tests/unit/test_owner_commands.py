"""The pure parts of the owner's commands: reading a text as a command (English and French, as owners type them),
what a keyword may be, and the day's figures behind STATUS."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.core.report import Timing, Waiting, day_figures, minutes, status_vars

# --- the day's figures ---------------------------------------------------------------------------------------

T0 = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)  # 10:00 in Montréal


def done(arrived_min: float, claimed_min: float, done_min: float) -> Timing:
    return Timing(T0 + timedelta(minutes=arrived_min), T0 + timedelta(minutes=claimed_min),
                  T0 + timedelta(minutes=done_min))


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    figures = day_figures([done(0, 1, 2), done(10, 11, 13), done(20, 22, 24), done(30, 31, 40)], [],
                          "America/Toronto")
    assert figures.handed_off == 4
    assert figures.median_wait_seconds == 3.5 * 60  # waits 2, 3, 4 and 10 min
    assert figures.longest_wait_seconds == 10 * 60
    assert figures.median_claim_seconds == 60 and figures.median_handover_seconds == 2 * 60


def test_median_of_an_odd_count_is_the_middle_one():
    figures = day_figures([done(0, 1, 9), done(0, 1, 2), done(0, 1, 5)], [], "America/Toronto")
    assert figures.median_wait_seconds == 5 * 60 and figures.longest_wait_seconds == 9 * 60


def test_no_handoff_today_has_no_wait_figures():
    figures = day_figures([], [], "America/Toronto")
    assert figures.handed_off == 0 and figures.median_wait_seconds is None and figures.longest_wait_seconds is None


@pytest.mark.parametrize("seconds, shown", [
    (None, None), (0, 0), (1, 1), (40, 1), (89, 1), (90, 2), (149, 2), (150, 3), (210, 4), (270, 5), (3599, 60),
])
def test_minutes_round_to_the_nearest_with_halves_up(seconds, shown):
    # round() would give 2 for 150 s and 4 for 210 s: halves to even.
    assert minutes(seconds) == shown


def test_status_says_who_waits_where_and_the_days_figures_in_both_languages():
    figures = day_figures([done(0, 1, 2), done(10, 11, 13), done(20, 21, 23), done(30, 31, 35)],
                          [Waiting("4", T0), Waiting("door", T0)], "America/Toronto")
    v = status_vars(figures)
    assert v["waiting_en"] == "2 waiting (spot 4, door)" and v["waiting_fr"] == "2 en attente (place 4, porte)"
    assert v["done_en"] == "4 handed off" and v["done_fr"] == "4 remises"
    # waits 2, 3, 3, 5 min: median 3, longest 5
    assert v["wait_en"] == ", median wait 3 min, longest 5 min"
    assert v["wait_fr"] == ", attente médiane 3 min, la plus longue 5 min"


def test_status_of_a_median_on_a_half_minute_rounds_up():
    v = status_vars(day_figures([done(0, 1, 2), done(0, 1, 3)], [], "America/Toronto"))  # median 2.5 min
    assert v["wait_en"] == ", median wait 3 min, longest 3 min"


def test_status_of_a_quiet_day():
    v = status_vars(day_figures([], [], "America/Toronto"))
    assert (v["waiting_en"], v["done_en"], v["wait_en"]) == ("nobody waiting", "0 handed off", "")
    assert (v["waiting_fr"], v["done_fr"], v["wait_fr"]) == ("personne n'attend", "aucune remise", "")
    assert status_vars(day_figures([done(0, 1, 2)], [], "America/Toronto"))["done_fr"] == "1 remise"


def test_handoffs_per_hour_are_counted_in_the_stores_local_hours():
    late = Timing(None, None, datetime(2026, 11, 26, 4, 30, tzinfo=timezone.utc))  # 23:30 the day before, EST
    morning = Timing(None, None, datetime(2026, 11, 26, 14, 59, tzinfo=timezone.utc))  # 9:59 EST
    assert day_figures([late, morning], [], "America/Toronto").per_hour == {23: 1, 9: 1}
    assert day_figures([late, morning], [], "America/Vancouver").per_hour == {20: 1, 6: 1}


def test_local_hours_follow_the_change_to_daylight_time():
    # 8 March 2026, 2:00 in Montréal: clocks jump to 3:00. An hour apart in UTC, two hours apart on the wall.
    before = Timing(None, None, datetime(2026, 3, 8, 6, 30, tzinfo=timezone.utc))  # 1:30 EST
    after = Timing(None, None, datetime(2026, 3, 8, 7, 30, tzinfo=timezone.utc))  # 3:30 EDT
    assert day_figures([before, after], [], "America/Toronto").per_hour == {1: 1, 3: 1}
