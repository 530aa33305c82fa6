"""The day's figures and what the day report draws and exports from them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from bot.core.report import CSV_COLUMNS, Timing, bucket_names, day_figures, handoffs_csv, hours_shown, status_vars

TZ = "America/Toronto"
# 10:00 in Montréal on 26 November (UTC-5).
TEN = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def handed_off(arrived_min: float, claim_after: float, done_after: float, **kw) -> Timing:
    """Arrived `arrived_min` minutes after 10:00, claimed and handed off so many seconds later."""
    arrived = TEN + timedelta(minutes=arrived_min)
    claimed = arrived + timedelta(seconds=claim_after)
    return Timing(arrived, claimed, claimed + timedelta(seconds=done_after), **kw)


DAY = [handed_off(0, 60, 60), handed_off(30, 200, 100), handed_off(75, 400, 500), handed_off(100, 30, 2000)]


def test_handoffs_are_counted_per_local_hour_of_their_handoff():
    assert day_figures(DAY, [], TZ).per_hour == {10: 2, 11: 1, 12: 1}


def test_each_of_the_three_waits_has_its_distribution():
    figures = day_figures(DAY, [], TZ)
    # arrival → claim: 1, 3.3, 6.7 and 0.5 minutes
    assert figures.claim_buckets == (2, 1, 1, 0, 0, 0)
    # claim → handed off: 1, 1.7, 8.3 and 33.3 minutes
    assert figures.handover_buckets == (2, 0, 1, 0, 0, 1)
    # arrival → handed off: 2, 5, 15 and 33.8 minutes (a bound belongs to the bucket it opens)
    assert figures.wait_buckets == (0, 1, 1, 0, 1, 1)
    assert sum(figures.wait_buckets) == figures.handed_off == 4


def test_the_medians_are_those_the_status_text_gives():
    figures = day_figures(DAY, [], TZ)
    assert (figures.median_claim_seconds, figures.median_handover_seconds) == (130, 300)
    assert figures.median_wait_seconds == (300 + 900) / 2 and figures.longest_wait_seconds == 2030
    assert status_vars(figures)["wait_en"] == ", median wait 10 min, longest 34 min"


def test_a_pickup_closed_without_a_claim_counts_in_the_total_wait_only():
    figures = day_figures([Timing(TEN, None, TEN + timedelta(minutes=3))], [], TZ)
    assert figures.wait_buckets == (0, 1, 0, 0, 0, 0)
    assert sum(figures.claim_buckets) == sum(figures.handover_buckets) == 0


def test_the_buckets_read_the_same_in_both_languages():
    assert bucket_names() == ("< 2", "2\u20135", "5\u201310", "10\u201315", "15\u201330", "30+")


def test_the_hour_chart_spans_the_opening_hours_widened_to_any_hour_with_handoffs():
    assert hours_shown({}, ("09:00", "17:00")) == list(range(9, 17))
    assert hours_shown({}, ("09:30", "17:30")) == list(range(9, 18))
    assert hours_shown({7: 1, 19: 2}, ("09:00", "17:00")) == list(range(7, 20))
    assert hours_shown({12: 1, 14: 1}) == [12, 13, 14]
    assert hours_shown({}) == []


def test_the_csv_has_one_row_per_handoff_in_local_time_with_the_seconds_waited():
    day = [
        handed_off(0, 60, 60, orders=("1234", "1236"), customer="Marie L.", where="4", claimed_by="Julie Tremblay"),
        handed_off(30, 200, 100, orders=("1235",), customer="Alex M.", where="door"),
    ]
    rows = list(csv.reader(io.StringIO(handoffs_csv(day_figures(day, [], TZ), TZ))))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == [
        "#1234 #1236",
        "Marie L.",
        "4",
        "2026-11-26 10:00:00",
        "2026-11-26 10:01:00",
        "2026-11-26 10:02:00",
        "60",
        "120",
        "Julie Tremblay",
    ]
    assert rows[2][:3] == ["#1235", "Alex M.", "door"] and rows[2][6:] == ["200", "300", ""]


def test_excel_in_french_gets_semicolons_and_no_cell_reads_as_a_formula():
    day = [handed_off(0, 60, 60, orders=("1",), customer='=HYPERLINK("x")', where="@4", claimed_by="Sam")]
    text = handoffs_csv(day_figures(day, [], TZ), TZ, delimiter=";")
    [_, row] = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[1] == '\'=HYPERLINK("x")' and row[2] == "'@4"
