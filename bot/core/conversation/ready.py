"""An order becoming ready: the customer told to come, or staff alerted if they are already in the lot."""

from __future__ import annotations

from datetime import datetime

from ..handoff import AT_STORE, HandoffView
from ..statuses import HandoffStatus
from ..wait import Wait, wait_vars
from .effects import Effect, Schedule, TextCustomer, TextStaff, UpdateHandoff
from .recipients import on_duty
from .variables import _name, checkin_vars, handoff_vars, order_list
from .views import CustomerView, OrderView, StaffView, StoreView


def decide_order_ready(
    store: StoreView,
    order: OrderView,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    link: str = "",
    wait: Wait | None = None,
) -> list[Effect]:
    """`link`: the order's one-tap check-in page, texted with "order ready"; `wait`: the likely wait of a customer
    already in the lot, told with their acknowledgement."""
    h = c.handoff
    if h is not None and h.status == HandoffStatus.WAITING and not h.alerted:
        # They are already in the lot: the alert goes out the moment the order is ready.
        numbers = h.order_numbers if order.number in h.order_numbers else h.order_numbers + (order.number,)
        view = HandoffView(**{**h.__dict__, "order_numbers": numbers})
        v = handoff_vars(view, now)
        add = () if order.handoff_id == h.id else (order.id,)
        told = {"wait_low": wait.low, "wait_high": wait.high} if wait is not None and not c.opted_out else {}
        effects: list[Effect] = [
            UpdateHandoff(h.id, {"alerted": True, **told}, add_order_ids=add),
            TextStaff(on_duty(staff), "staff_arrival", v, handoff_id=h.id),
            Schedule("escalate", store.escalation_seconds, level=1, handoff_id=h.id),
        ]
        if not c.opted_out:
            effects.append(TextCustomer(c.id, "arrival_ack", {**v, **_name(c), **wait_vars(wait)}))
        return effects
    if h is not None and h.status in AT_STORE:
        return [UpdateHandoff(h.id, {}, add_order_ids=(order.id,) if order.handoff_id != h.id else ())]
    if c.opted_out:
        return []
    return [
        TextCustomer(
            c.id,
            "order_ready",
            {"orders": order_list([order.number]), "link": link, **checkin_vars(store), **_name(c)},
        )
    ]
