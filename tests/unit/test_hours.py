"""Store hours as owners text them, in English and Québec French."""

from __future__ import annotations

import pytest

from bot.core.handoff import DAYS
from bot.core.hours import HoursError, read_hours

NINE_TO_FIVE = ["09:00", "17:00"]


def test_times_alone_open_every_day():
    assert read_hours("9h-17h") == {day: NINE_TO_FIVE for day in DAYS}


@pytest.mark.parametrize(
    "text",
    [
        "lun-ven 9h-17h",
        "lundi au vendredi de 9 h à 17 h",
        "Mon-Fri 9-5",
        "mon to fri 9am-5pm",
        "Lun.-ven. 9:00-17:00",
    ],
)
def test_weekdays_in_either_language_and_any_clock(text):
    assert read_hours(text) == {day: NINE_TO_FIVE for day in ("mon", "tue", "wed", "thu", "fri")}


def test_several_parts_give_the_whole_week_and_unnamed_days_are_closed():
    assert read_hours("lun-ven 9h-17h, sam 10h-16h 30, dim fermé") == {
        **{day: NINE_TO_FIVE for day in ("mon", "tue", "wed", "thu", "fri")},
        "sat": ["10:00", "16:30"],
    }


def test_a_bare_afternoon_hour_is_read_as_people_say_it_but_a_24_hour_clock_is_not():
    assert read_hours("sat 10-4") == {"sat": ["10:00", "16:00"]}
    with pytest.raises(HoursError, match="closes before it opens"):
        read_hours("lun 17h-9h")


def test_a_range_of_days_may_wrap_round_the_week():
    assert set(read_hours("sam-lun 10h-16h")) == {"sat", "sun", "mon"}


def test_closing_days_alone_changes_only_those_days():
    current = {"mon": NINE_TO_FIVE, "sun": ["10:00", "16:00"]}
    assert read_hours("dimanche fermé", current) == {"mon": NINE_TO_FIVE}
    assert read_hours("sun closed", None) == {day: ["00:00", "23:59"] for day in DAYS if day != "sun"}


@pytest.mark.parametrize("text", ["toujours", "always open", "24/7"])
def test_always_open_is_no_hours(text):
    assert read_hours(text) is None


@pytest.mark.parametrize(
    "text, problem",
    [
        ("blah", "is not hours"),
        ("mon 9-25", "not a time"),
        ("fermé", "no day would be open"),
        ("lun 9h-17h, hier 9h", "does not start with a day"),
        ("", "no hours"),
    ],
)
def test_what_cannot_be_read_is_named(text, problem):
    with pytest.raises(HoursError, match=problem):
        read_hours(text)
