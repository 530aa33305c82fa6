"""Deciding what an order's cancellation does: the order, the pickup it was part of, and who hears of it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core import conversation as c
from bot.core.cancellation import CancelOrder, decide_order_cancelled
from bot.core.handoff import HandoffView
from bot.core.texts import render, segments

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
TEAM = [
    c.StaffView(1, "Julie Tremblay"),
    c.StaffView(2, "Sam Wilson"),
    c.StaffView(3, "Sophie Roy", role="owner", on_duty=False),
    c.StaffView(4, "Léa Roy", reachable=False),
]
IN_HANDOFF = c.OrderView(id=10, number="1234", status="ready", customer_id=7, handoff_id=5)
ALSO_IN_HANDOFF = c.OrderView(id=11, number="1235", status="pending", customer_id=7, handoff_id=5)


def handoff(**kw):
    return HandoffView(
        **{
            "id": 5,
            "status": "waiting",
            "customer_id": 7,
            "customer_label": "Marie T.",
            "order_numbers": ("1234",),
            "spot": "4",
            "alerted": True,
            "arrived_at": NOW,
            **kw,
        }
    )


def customer(orders=(IN_HANDOFF,), **kw):
    return c.CustomerView(
        id=7, first_name="Marie", label="Marie T.", orders=tuple(orders), **{"handoff": handoff(), **kw}
    )


def texts(effects, kind):
    return [e for e in effects if isinstance(e, kind)]


def test_a_waiting_customers_only_order_ends_their_pickup_and_tells_them_and_the_alerted_staff():
    effects = decide_order_cancelled(IN_HANDOFF, customer(), TEAM, (1, 2), NOW)
    assert effects[:2] == [CancelOrder(10), c.UpdateHandoff(5, {"status": "cancelled"})]
    [to_customer] = texts(effects, c.TextCustomer)
    assert (to_customer.customer_id, to_customer.key, to_customer.vars["orders"]) == (7, "order_cancelled", "#1234")
    [to_staff] = texts(effects, c.TextStaff)
    assert (to_staff.staff_ids, to_staff.key, to_staff.handoff_id) == ((1, 2), "staff_order_cancelled", 5)


def test_a_claimed_pickup_tells_only_the_one_who_took_it():
    c_view = customer(handoff=handoff(status="claimed", claimed_by_id=2, claimed_by_name="Sam Wilson"))
    [to_staff] = texts(decide_order_cancelled(IN_HANDOFF, c_view, TEAM, (1, 2), NOW), c.TextStaff)
    assert to_staff.staff_ids == (2,)


def test_staff_who_cannot_be_texted_or_left_the_roster_are_not_told():
    [to_staff] = texts(decide_order_cancelled(IN_HANDOFF, customer(), TEAM, (2, 4, 99), NOW), c.TextStaff)
    assert to_staff.staff_ids == (2,)


def test_a_customer_on_the_way_is_told_and_no_staff_who_never_heard_of_them():
    c_view = customer(handoff=handoff(status="on_the_way", spot=None, alerted=False, arrived_at=None))
    effects = decide_order_cancelled(IN_HANDOFF, c_view, TEAM, (), NOW)
    assert [e.key for e in texts(effects, c.TextCustomer)] == ["order_cancelled"]
    assert texts(effects, c.TextStaff) == []


def test_an_order_nobody_is_waiting_for_is_cancelled_quietly():
    not_yet = c.OrderView(id=12, number="1236", status="ready", customer_id=7)
    assert decide_order_cancelled(not_yet, customer(handoff=None), TEAM, (), NOW) == [CancelOrder(12)]
    # Nor does an order outside the customer's pickup under way touch that pickup.
    assert decide_order_cancelled(not_yet, customer(), TEAM, (1, 2), NOW) == [CancelOrder(12)]


def test_one_of_two_orders_cancelled_keeps_the_pickup_and_says_what_is_still_coming():
    c_view = customer(orders=(IN_HANDOFF, ALSO_IN_HANDOFF), handoff=handoff(order_numbers=("1234", "1235")))
    effects = decide_order_cancelled(ALSO_IN_HANDOFF, c_view, TEAM, (1, 2), NOW)
    assert not any(isinstance(e, c.UpdateHandoff) for e in effects)
    [to_customer], [to_staff] = texts(effects, c.TextCustomer), texts(effects, c.TextStaff)
    assert to_customer.vars["orders"] == "#1235" and "#1234" in to_customer.vars["rest_en"]
    assert "#1234" in to_staff.vars["staff_rest_fr"]


def test_cancelling_an_order_cancelled_or_handed_off_already_decides_nothing():
    for status in ("cancelled", "handed_off"):
        order = c.OrderView(id=10, number="1234", status=status, customer_id=7, handoff_id=5)
        assert decide_order_cancelled(order, customer(), TEAM, (1, 2), NOW) == []


def test_an_opted_out_customer_gets_no_text_but_staff_still_hear():
    effects = decide_order_cancelled(IN_HANDOFF, customer(opted_out=True), TEAM, (1,), NOW)
    assert texts(effects, c.TextCustomer) == [] and len(texts(effects, c.TextStaff)) == 1


def test_a_customer_asked_for_their_spot_is_no_longer_waited_on_for_it():
    c_view = customer(awaiting="spot", handoff=handoff(spot=None, alerted=False))
    assert c.UpdateCustomer({"awaiting": None, "pending": None}) in decide_order_cancelled(
        IN_HANDOFF, c_view, TEAM, (), NOW
    )


def test_the_cancellation_texts_fit_one_gsm_segment_in_both_languages():
    [to_customer] = texts(decide_order_cancelled(IN_HANDOFF, customer(), TEAM, (1,), NOW), c.TextCustomer)
    [to_staff] = texts(decide_order_cancelled(IN_HANDOFF, customer(), TEAM, (1,), NOW), c.TextStaff)
    for lang in ("en", "fr"):
        body = render("order_cancelled", lang, {"store": "Plein Air Laurier", **to_customer.vars})
        staff = render("staff_order_cancelled", lang, {"store": "Plein Air Laurier", **to_staff.vars})
        assert "#1234" in body and "#1234" in staff and "Marie T." in staff
        assert segments(body) == 1 and segments(staff) == 1, (body, staff)
    assert render("order_cancelled", "fr", {"store": "Plein Air Laurier", **to_customer.vars}) == (
        "Plein Air Laurier : la commande #1234 a été annulée. Il n'y a plus rien à ramasser. "
        "Désolé pour le dérangement!"
    )
