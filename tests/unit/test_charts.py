"""The day report's bar charts as geometry: what the SVG draws."""

from __future__ import annotations

from bot.web.admin.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, bar_chart, nice_step


def test_the_vertical_axis_steps_by_1_2_5_10_and_so_on_in_at_most_four_steps():
    assert [nice_step(top) for top in (1, 4, 5, 8, 9, 20, 21, 41, 100, 401)] == [1, 1, 2, 2, 5, 5, 10, 20, 50, 200]


def test_bars_stand_on_the_baseline_as_tall_as_their_share_of_the_axis():
    chart = bar_chart(["9 h", "10 h", "11 h"], [[1, 4, 0]])
    plot_height = HEIGHT - TOP - BOTTOM
    assert chart.baseline == TOP + plot_height
    one, four, none = chart.bars
    assert four.height == plot_height and four.y == TOP  # 4 is the axis's top (four steps of 1)
    assert one.height == plot_height / 4 and one.y + one.height == chart.baseline
    assert none.height == 0
    assert [t[1] for t in chart.ticks] == [0, 1, 2, 3, 4]


def test_the_bars_of_a_group_sit_side_by_side_inside_their_category():
    chart = bar_chart(["< 2", "2–5"], [[1, 2], [3, 0], [2, 2]])
    first_group = [b for b in chart.bars if b.category == "< 2"]
    assert [b.series for b in first_group] == [0, 1, 2]
    assert all(a.x + a.width <= b.x + 0.01 for a, b in zip(first_group, first_group[1:]))
    assert LEFT <= min(b.x for b in chart.bars) and max(b.x + b.width for b in chart.bars) <= WIDTH - RIGHT
    assert [label for _x, label in chart.labels] == ["< 2", "2–5"]


def test_a_long_day_labels_every_other_hour_so_a_phone_can_read_them():
    hours = [f"{h} h" for h in range(6, 22)]
    chart = bar_chart(hours, [[1] * len(hours)])
    assert [label for _x, label in chart.labels] == hours[::2]
    assert len(chart.bars) == len(hours)


def test_an_empty_chart_still_has_an_axis():
    chart = bar_chart(["9 h"], [[0]])
    assert [t[1] for t in chart.ticks] == [0, 1] and chart.bars[0].height == 0
