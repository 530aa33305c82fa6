"""The honest wait: a figure from the store's own handoffs today, a range as wide as their spread, nothing when the
day is too thin or the data absurd, and the place in line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core import texts
from bot.core.wait import Past, Wait, estimate, inside, quantile, sample, wait_vars

NOW = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)


def day(*minutes: float, start_minutes_ago: float = 300, claim_fraction: float = 0.5) -> list[Past]:
    """Handoffs spread over the day before NOW, each waiting the given minutes from arrival to handoff."""
    out = []
    step = start_minutes_ago / max(1, len(minutes))
    for i, wait in enumerate(minutes):
        arrived = NOW - timedelta(minutes=start_minutes_ago - i * step)
        done = arrived + timedelta(minutes=wait)
        out.append(Past(arrived, arrived + timedelta(minutes=wait * claim_fraction), min(done, NOW)))
    return out


def test_fewer_than_five_handoffs_today_give_no_figure():
    assert estimate(day(3, 3, 3, 3), NOW) is None


def test_fewer_than_five_with_people_ahead_still_give_the_place_but_no_minutes():
    assert estimate(day(3, 3), NOW, ahead=2) == Wait(None, None, 3)


def test_steady_waits_are_said_as_about_one_figure():
    w = estimate(day(3, 3.2, 2.9, 3.1, 3, 3.3, 2.8), NOW)
    assert w == Wait(3, 3, 1) and w.about


def test_spread_out_waits_give_a_range_as_wide_as_their_middle_sixty_percent():
    w = estimate(day(2, 3, 4, 6, 8, 10, 12, 14), NOW)
    assert w is not None and not w.about
    assert w.low == 3 and w.high == 12


def test_a_day_of_absurd_waits_gives_no_figure():
    assert estimate(day(90, 120, 95, 100, 130, 110), NOW) is None


def test_each_handoff_ahead_beyond_the_usual_queue_adds_one_handling_time_shared_among_staff():
    past = day(4, 4, 4, 4, 4, 4)  # nobody was ahead of them; 2 minutes from claim to handoff each
    assert estimate(past, NOW, ahead=0).low == 4
    assert estimate(past, NOW, ahead=1, on_duty=1).low == 6
    three_ahead = estimate(past, NOW, ahead=3, on_duty=1)
    assert three_ahead.low == 10 and three_ahead.place == 4
    assert estimate(past, NOW, ahead=3, on_duty=2).low == 7


def test_a_shorter_queue_than_the_days_usual_one_shortens_the_wait():
    # Six customers arrived together and waited their turn: 2, 4, 6... minutes; one arriving to an empty lot waits
    # less than they did.
    start = NOW - timedelta(minutes=60)
    together = [
        Past(start + timedelta(seconds=i), start + timedelta(minutes=2 * i + 1), start + timedelta(minutes=2 * i + 2))
        for i in range(6)
    ]
    usual = estimate(together, NOW, ahead=2)  # about the queue they found: their own waits
    assert (usual.low, usual.high) == (3, 10)
    busy = estimate(together, NOW, ahead=3)
    empty = estimate(together, NOW, ahead=0)
    assert empty.low < usual.low < busy.low and empty.high < usual.high < busy.high


def test_this_hours_handoffs_are_used_when_there_are_enough_of_them():
    morning = day(20, 20, 20, 20, 20, 20, start_minutes_ago=400)
    morning = [p for p in morning if p.arrived_at < NOW - timedelta(hours=2)]
    last_hour = day(3, 3, 3, 3, 3, start_minutes_ago=50)
    assert len(sample(morning + last_hour, NOW)) == 5
    assert estimate(morning + last_hour, NOW).low == 3


def test_only_the_last_twenty_handoffs_count():
    past = day(*([30] * 30 + [5] * 20), start_minutes_ago=1000)  # 3 in the last hour: too few
    assert len(sample(past, NOW)) == 20 and estimate(past, NOW).low == 5


def test_a_wait_inside_the_range_or_within_a_minute_of_about():
    assert inside(Wait(3, 6), 5 * 60) and not inside(Wait(3, 6), 7 * 60)
    assert inside(Wait(3, 3), 3.9 * 60) and not inside(Wait(3, 3), 4.5 * 60)
    assert not inside(Wait(None, None, 2), 60)


def test_quantiles_interpolate_between_ranks():
    assert quantile([1, 2, 3, 4, 5], 0.5) == 3 and quantile([1, 2, 3, 4, 5], 0.2) == 1.8


def test_the_words_say_minutes_and_place_in_both_languages_and_stay_gsm7():
    v = wait_vars(Wait(3, 3, 1))
    assert v == {"wait_en": " Likely wait: about 3 minutes.", "wait_fr": " Attente probable\u00a0: environ 3 minutes."}
    v = wait_vars(Wait(3, 6, 3))
    assert v["wait_en"] == " 2 customers ahead of you. Likely wait: 3 to 6 minutes."
    assert v["wait_fr"] == " Il y a 2 clients avant vous. Attente probable\u00a0: de 3 à 6 minutes."
    assert wait_vars(None) == {"wait_en": "", "wait_fr": ""}
    for lang in ("en", "fr"):
        variables = {"store": "Plein Air Laurier", "name": " Marie", "where_en": "spot 12", "where_fr": "place 12"}
        body = texts.render("arrival_ack", lang, {**variables, "orders": "#1234", **v})
        assert texts.ucs2_characters(body) == [] and texts.segments(body) == 1, body


def test_someone_ahead_untaken_for_longer_than_the_figure_means_no_figure_only_the_place():
    past = day(4, 4, 4, 4, 4, 4)  # about 4 minutes, 2 of them from claim to handoff
    assert estimate(past, NOW, ahead=1, unclaimed_since=NOW - timedelta(minutes=2)) == Wait(6, 6, 2)
    # The one ahead has waited 7 minutes and nobody took them: staff are not keeping up as the day's handoffs say.
    assert estimate(past, NOW, ahead=1, unclaimed_since=NOW - timedelta(minutes=7)) == Wait(None, None, 2)
