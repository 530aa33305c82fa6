"""An order webhook arriving: the generic body checked as the API checks an order, then the event stored once
(its key) and handed to a worker, which applies it (bot/usecases/order_events.py)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core import shop_events
from ..core.problems import Problem
from ..data.models import OrderEvent
from . import fields, orders
from .errors import Invalid
from .stores import get_store

if TYPE_CHECKING:
    from ..wiring import Services


log = logging.getLogger(__name__)


def check_generic(db, store_id: int, data: object) -> tuple[str, dict]:
    """The generic webhook's body, checked as the API checks an order (Invalid naming the first bad field), so a
    sender learns of a mistake in its answer rather than never. Returns (event, order)."""
    if not isinstance(data, dict):
        raise Invalid("body", "must be a JSON object")
    unknown = sorted(str(k)[:40] for k in set(data) - {"event", "order"})
    if unknown:
        raise Invalid(unknown[0], "unknown field")
    event = fields.choice(data.get("event"), "event", shop_events.GENERIC_EVENTS)
    order = data.get("order")
    if not isinstance(order, dict):
        raise Invalid("order", "must be a JSON object")
    allowed = shop_events.ORDER_FIELDS if event == "created" else ("number",)
    unknown = sorted(str(k)[:40] for k in set(order) - set(allowed))
    if unknown:
        raise Invalid(unknown[0], "unknown field")
    if event == "created":
        store = get_store(db, store_id)
        if "customer_phone" not in order:
            raise Invalid("customer_phone", Problem("empty"))
        orders.check_order(store, **order)
    else:
        orders.check_number(order.get("number"))
    return event, order


def receive(svc: Services, store_id: int, source: str, key: str, topic: str, body: bytes) -> tuple[int, bool]:
    """Stores the event (committed before this returns, so the 200 that follows is a promise kept) and hands it to a
    worker. (event id, False) when the key was seen already: nothing is stored or done again."""
    row = OrderEvent(
        store_id=store_id,
        source=source,
        key=key,
        topic=topic,
        body=body.decode("utf-8", "replace"),
        received_at=svc.clock(),
        status="received",
    )
    try:
        with svc.db.write() as session:
            session.add(row)
            session.flush()
            event_id = row.id
    except IntegrityError:
        with svc.db.read() as session:
            seen = session.scalars(
                select(OrderEvent.id).where(
                    OrderEvent.store_id == store_id, OrderEvent.source == source, OrderEvent.key == key
                )
            ).first()
        if seen is None:
            raise  # not a repeat: the store went away meanwhile, or something else is wrong
        return seen, False
    try:
        svc.dispatcher.apply_order_event(event_id)
    except Exception as exc:  # noqa: BLE001 - stored: the sweep hands it to a worker (bot/usecases/timers.py)
        log.warning("could not enqueue order event %s (%s)", event_id, exc)
    return event_id, True


def event_status(db, event_id: int) -> str | None:
    with db.read() as session:
        return session.scalars(select(OrderEvent.status).where(OrderEvent.id == event_id)).first()
