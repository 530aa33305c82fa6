"""Decisions about an order the store cancels (admin page, later the e-commerce hook): the order is cancelled, a
pickup left holding nothing ends, and whoever was already involved in it hears so. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .conversation import (
    CustomerView,
    Effect,
    OrderView,
    StaffView,
    TextCustomer,
    TextStaff,
    UpdateCustomer,
    UpdateHandoff,
    handoff_vars,
    order_list,
)
from .statuses import OPEN_ORDER, HandoffStatus


@dataclass(frozen=True)
class CancelOrder:
    """The order becomes `cancelled`."""

    order_id: int


def decide_order_cancelled(
    order: OrderView, c: CustomerView, staff: list[StaffView], told_staff_ids: tuple[int, ...], now: datetime
) -> list[Effect | CancelOrder]:
    """`c`: the order's customer, with their open handoff; `told_staff_ids`: the staff already texted about that
    handoff (alerts, reminders, escalations). Idempotent: an order cancelled already, or handed off (which the
    caller refuses), decides nothing, so cancelling twice texts nobody twice."""
    if order.status not in OPEN_ORDER:
        return []
    effects: list[Effect | CancelOrder] = [CancelOrder(order.id)]
    h = c.handoff
    if h is None or order.handoff_id != h.id:
        return effects  # not part of a pickup under way: nobody is waiting for it
    rest = [o.number for o in c.orders if o.handoff_id == h.id and o.id != order.id]
    if not rest:
        effects.append(UpdateHandoff(h.id, {"status": HandoffStatus.CANCELLED}))
        if c.awaiting == "spot":
            # The spot question was about this pickup: a bare "7" later must not be read as its answer.
            effects.append(UpdateCustomer({"awaiting": None, "pending": None}))
    v = {**handoff_vars(h, now), "orders": order_list([order.number]), **_rest_vars(rest)}
    if not c.opted_out:
        effects.append(TextCustomer(c.id, "order_cancelled", v))
    # Whoever took the pickup is the one walking out with it; until then, whoever was alerted to it.
    wanted: tuple[int, ...]
    if h.status == HandoffStatus.CLAIMED and h.claimed_by_id is not None:
        wanted = (h.claimed_by_id,)
    else:
        wanted = tuple(told_staff_ids)
    reachable = {s.id for s in staff if s.reachable}
    who = tuple(i for i in wanted if i in reachable)
    if who:
        effects.append(TextStaff(who, "staff_order_cancelled", v, handoff_id=h.id))
    return effects


def _rest_vars(rest: list[str]) -> dict:
    """What is still to be handed over after the cancellation, for the customer and for staff."""
    if not rest:
        return {
            "rest_en": " There's nothing left to pick up.",
            "rest_fr": " Il n'y a plus rien à ramasser.",
            "staff_rest_en": "",
            "staff_rest_fr": "",
        }
    orders = order_list(rest)
    return {
        "rest_en": f" We still have order {orders} for you.",
        "rest_fr": f" On a toujours la commande {orders} pour vous.",
        "staff_rest_en": f" Still bring {orders}.",
        "staff_rest_fr": f" Apportez quand même {orders}.",
    }
