"""Orders and handoffs read back as the API and the admin pages show them: plain dicts, one by number or
the store's day of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..core.statuses import OPEN_ORDER, HandoffStatus, OrderStatus
from ..data.models import Handoff, Order
from . import fields, state
from .errors import Invalid, NotFound
from .report import local_day
from .stores import get_store

ORDER_STATUSES = tuple(OrderStatus)
HANDOFF_STATUSES = tuple(HandoffStatus)


def day_orders(db, store_id: int, now: datetime) -> list[dict]:
    """The store's orders for its local day, newest first: those created today, those still open from before,
    and those handed off today."""
    store = get_store(db, store_id)
    start, end = local_day(store, now)
    with db.read() as session:
        rows = session.scalars(
            select(Order)
            .outerjoin(Handoff, Order.handoff_id == Handoff.id)
            .where(
                Order.store_id == store_id,
                or_(Order.created_at >= start, Order.status.in_(OPEN_ORDER), Handoff.done_at >= start),
                Order.created_at < end,
            )
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(1000)
            .options(
                selectinload(Order.customer),
                selectinload(Order.handoff).selectinload(Handoff.orders),
                selectinload(Order.handoff).selectinload(Handoff.customer),
                selectinload(Order.handoff).selectinload(Handoff.claimed_by),
            )
        )
        return [order_dict(o) for o in rows]


def get_order(db, store_id: int, number, by_id: int | None = None) -> dict:
    get_store(db, store_id)
    with db.read() as session:
        if by_id is not None:
            order = session.get(Order, by_id)
        else:
            order = session.scalars(
                select(Order).where(Order.store_id == store_id, Order.number == fields.order_number(number))
            ).first()
        if order is None or order.store_id != store_id:
            raise NotFound(f"no order {number} in store {store_id}")
        return order_dict(order)


def order_dict(order: Order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "customer_name": order.customer_name,
        "customer_phone": order.customer.phone,
        "language": order.language,
        "items": order.items,
        "created_at": _iso(order.created_at),
        "ready_at": _iso(order.ready_at),
        "handoff": handoff_dict(order.handoff) if order.handoff else None,
    }


def handoff_dict(h: Handoff) -> dict:
    return {
        "id": h.id,
        "status": h.status,
        "location": h.location,
        "spot": h.spot,
        "vehicle": h.vehicle,
        "note": h.note,
        "orders": [o.number for o in h.orders],
        "customer": state.short_name(state.customer_name(h.customer, list(h.orders))),
        "claimed_by": h.claimed_by.name if h.claimed_by else None,
        "eta_at": _iso(h.eta_at),
        "arrived_at": _iso(h.arrived_at),
        "claimed_at": _iso(h.claimed_at),
        "done_at": _iso(h.done_at),
    }


def list_handoffs(db, store_id: int, status: str | None = None) -> list[dict]:
    get_store(db, store_id)
    if status is not None and status not in HANDOFF_STATUSES:
        raise Invalid("status", f"must be one of {', '.join(HANDOFF_STATUSES)}")
    with db.read() as session:
        query = select(Handoff).where(Handoff.store_id == store_id)
        if status:
            query = query.where(Handoff.status == status)
        return [handoff_dict(h) for h in session.scalars(query.order_by(Handoff.id.desc()).limit(500))]


def _iso(value):
    return value.isoformat() if value else None
