"""Data retention: after RETENTION_DAYS, what people wrote and who they are is erased; the timings stay.

Erased once older than the cutoff:
- message bodies (inbound and outbound: the bot's texts carry names too) and their error texts;
- customer names, on the orders and on the customers not heard from since the cutoff, with what the bot
  was holding for them mid-conversation (`pending` can hold a vehicle or a note);
- handoff notes and vehicles, once the handoff is over;
- the bodies of order webhooks (a Shopify order carries names, phones, addresses) and the names noted beside
  them, once applied; their keys, statuses and times stay (a late repeat is still known for one).

Kept: the store's numbers, message statuses and times, handoff times (arrived, claimed, done: the wait
figures), order numbers and statuses, and customers' phone numbers with their opt-out (a STOP must be
remembered for as long as the number is). Runs daily (bot/jobs/retention.py); the first run after a long pause
catches up in one go, and running twice changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import exists, null, or_, update

from ..core.handoff import OPEN
from ..data.db import rows_changed
from ..data.models import Customer, Handoff, Message, Order, OrderEvent

if TYPE_CHECKING:
    from ..data.db import Database

log = logging.getLogger(__name__)


def purge(db: Database, retention_days: int, now: datetime) -> dict[str, int]:
    """Erase personal text older than `retention_days` before `now`. Returns how many rows changed."""
    cutoff = now - timedelta(days=retention_days)
    with db.write() as session:
        messages = rows_changed(
            session.execute(
                update(Message)
                .where(Message.created_at < cutoff, or_(Message.body != "", Message.error.is_not(None)))
                .values(body="", error=None)
            )
        )
        in_open_handoff = exists().where(Handoff.id == Order.handoff_id, Handoff.status.in_(OPEN))
        orders = rows_changed(
            session.execute(
                update(Order)
                .where(Order.created_at < cutoff, Order.customer_name.is_not(None), ~in_open_handoff)
                .values(customer_name=None)
                .execution_options(synchronize_session=False)
            )
        )
        recent_order = exists().where(Order.customer_id == Customer.id, Order.created_at >= cutoff)
        recent_text = exists().where(
            Message.store_id == Customer.store_id, Message.phone == Customer.phone, Message.created_at >= cutoff
        )
        # `pending` only means something while `awaiting` is set (they are set and cleared together); SQL NULL,
        # not JSON null, so that a second run finds nothing left to do.
        customers = rows_changed(
            session.execute(
                update(Customer)
                .where(or_(Customer.name.is_not(None), Customer.awaiting.is_not(None)), ~recent_order, ~recent_text)
                .values(name=None, pending=null(), awaiting=None)
                .execution_options(synchronize_session=False)
            )
        )
        handoffs = rows_changed(
            session.execute(
                update(Handoff)
                .where(
                    Handoff.created_at < cutoff,
                    Handoff.status.not_in(OPEN),
                    or_(Handoff.note.is_not(None), Handoff.vehicle.is_not(None)),
                )
                .values(note=None, vehicle=None)
            )
        )
        order_events = rows_changed(
            session.execute(
                update(OrderEvent)
                .where(
                    OrderEvent.received_at < cutoff,
                    OrderEvent.status.not_in(("received", "applying")),
                    or_(OrderEvent.body != "", OrderEvent.customer_name.is_not(None)),
                )
                .values(body="", customer_name=None)
            )
        )
    counts = {
        "messages": messages,
        "orders": orders,
        "customers": customers,
        "handoffs": handoffs,
        "order_events": order_events,
    }
    log.info("retention (%s days): erased %s", retention_days, counts)
    return counts
