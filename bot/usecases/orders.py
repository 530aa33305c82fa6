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
from . import fields
from .stores import get_store

ORDER_STATUSES = ("pending", "ready", "handed_off", "cancelled")
HANDOFF_STATUSES = ("on_the_way", "waiting", "claimed", "done", "cancelled")


MAX_ITEMS = 200


def _number(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or len(value) > 40 or fields.CONTROL.search(value) or not value.strip().lstrip("#"):
        raise Invalid("number", "must be a non-empty string of at most 40 characters")
    return value.strip().lstrip("#")


def create_order(svc, store_id: int, number, customer_phone, customer_name=None, language=None, items=None,
                 status="pending") -> dict:
    """Creates the order (and its customer); with status "ready", marks it ready in the same transaction,
    so a failure anywhere leaves nothing behind, not a pending order that was meant to be ready."""
    store = get_store(svc.db, store_id)
    number = _number(number)
    phone = fields.phone(customer_phone, "customer_phone", region_of(store.sms_number))
    customer_name = fields.text_field(customer_name, "customer_name", 120, required=False)
    if language is not None:
        fields.language(language)
    if items is not None and (not isinstance(items, list) or len(items) > MAX_ITEMS):
        raise Invalid("items", f"must be a list of at most {MAX_ITEMS} entries")
    if status not in ("pending", "ready"):
        raise Invalid("status", "must be 'pending' or 'ready'")
    now = svc.clock()
    applied = None
    try:
        with svc.db.write() as session:
            if status == "ready":
                # The lock comes first, as in mark_ready, so both take locks in the same order.
                locked = state.lock_store(session, store.id)
            customer = session.scalars(select(Customer).where(Customer.store_id == store.id,
                                                              Customer.phone == phone)).first()
            if customer is None:
                customer = Customer(store_id=store.id, phone=phone, name=customer_name)
                session.add(customer)
                session.flush()
            elif customer_name:
                customer.name = customer_name
            order = Order(store_id=store.id, number=number, customer_id=customer.id, customer_name=customer_name,
                          language=language, items=items, status="pending", created_at=now)
            session.add(order)
            session.flush()
            order_id = order.id
            if status == "ready":
                applied = _ready(session, locked, order, now)
    except IntegrityError:
        raise Conflict(f"order {number} already exists in this store") from None
    if applied is not None:
        after_commit(svc, applied)
    return get_order(svc.db, store.id, number, by_id=order_id)


def mark_ready(svc, store_id: int, number) -> Order:
    """Marks the order ready and texts the customer; if they are already in the lot, staff are alerted now."""
    number = _number(number)
    get_store(svc.db, store_id)  # an id out of range is a 404 before any query
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
        applied = _ready(session, store, order, now)
    after_commit(svc, applied)
    return order


def _ready(session, store, order: Order, now):
    """Inside the caller's transaction, under the store lock: the order becomes ready and its texts are queued."""
    order.status, order.ready_at = "ready", now
    session.flush()
    customer = session.get(Customer, order.customer_id)
    effects = decide_order_ready(state.store_view(store, now), state.order_view(order),
                                 state.customer_view(session, customer), state.staff_views(session, store.id), now)
    handoff = state.open_handoff(session, customer.id)
    return apply(session, store, effects, now, sender=Sender(customer.phone, store.sms_number, customer=customer),
                 handoff=handoff)


def get_order(db, store_id: int, number, by_id: int | None = None) -> dict:
    get_store(db, store_id)
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
