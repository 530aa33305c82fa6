"""Orders from the point of sale: created, marked ready (texting the customer), read back with their handoff."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.conversation import decide_order_ready
from ..data.models import Customer, Handoff, Order
from ..phones import region_of
from . import state
from .apply import Sender, apply
from .errors import Conflict, Invalid, NotFound
from .outbox import after_commit
from .stores import _language, _phone, get_store

ORDER_STATUSES = ("pending", "ready", "handed_off", "cancelled")
HANDOFF_STATUSES = ("on_the_way", "waiting", "claimed", "done", "cancelled")


def _number(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        raise Invalid("number", "must be a non-empty string of at most 40 characters")
    return value.strip().lstrip("#")


def create_order(svc, store_id: int, number, customer_phone, customer_name=None, language=None, items=None,
                 status="pending") -> Order:
    store = get_store(svc.db, store_id)
    number = _number(number)
    phone = _phone(customer_phone, "customer_phone", region_of(store.sms_number))
    if customer_name is not None and (not isinstance(customer_name, str) or len(customer_name) > 120):
        raise Invalid("customer_name", "must be a string of at most 120 characters")
    if language is not None:
        _language(language)
    if items is not None and not isinstance(items, list):
        raise Invalid("items", "must be a list")
    if status not in ("pending", "ready"):
        raise Invalid("status", "must be 'pending' or 'ready'")
    try:
        with svc.db.write() as session:
            customer = session.scalars(select(Customer).where(Customer.store_id == store.id,
                                                              Customer.phone == phone)).first()
            if customer is None:
                customer = Customer(store_id=store.id, phone=phone, name=customer_name)
                session.add(customer)
                session.flush()
            elif customer_name:
                customer.name = customer_name
            order = Order(store_id=store.id, number=number, customer_id=customer.id, customer_name=customer_name,
                          language=language, items=items, status="pending")
            session.add(order)
            session.flush()
            order_id = order.id
    except IntegrityError:
        raise Conflict(f"order {number} already exists in this store") from None
    if status == "ready":
        mark_ready(svc, store.id, number)
    return get_order(svc.db, store.id, number, by_id=order_id)


def mark_ready(svc, store_id: int, number) -> Order:
    """Marks the order ready and texts the customer; if they are already in the lot, staff are alerted now."""
    number = _number(number)
    now = svc.clock()
    with svc.db.write() as session:
        store = state.lock_store(session, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        order = session.scalars(select(Order).where(Order.store_id == store_id, Order.number == number)).first()
        if order is None:
            raise NotFound(f"no order {number} in store {store_id}")
        if order.status in ("handed_off", "cancelled"):
            raise Conflict(f"order {number} is {order.status}")
        if order.status == "ready":
            return order  # marking twice texts nobody twice
        order.status, order.ready_at = "ready", now
        session.flush()
        customer = session.get(Customer, order.customer_id)
        effects = decide_order_ready(state.store_view(store, now), state.order_view(order),
                                     state.customer_view(session, customer), state.staff_views(session, store.id), now)
        handoff = state.open_handoff(session, customer.id)
        applied = apply(session, store, effects, now, sender=Sender(customer.phone, store.sms_number, customer=customer),
                        handoff=handoff)
    after_commit(svc, applied)
    return order


def get_order(db, store_id: int, number, by_id: int | None = None) -> dict:
    with db.read() as session:
        if by_id is not None:
            order = session.get(Order, by_id)
        else:
            order = session.scalars(select(Order).where(Order.store_id == store_id,
                                                        Order.number == _number(number))).first()
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
