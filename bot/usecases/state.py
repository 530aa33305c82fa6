"""Builds the core's read-only views (store, customer, handoff, staff) from database rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..core.conversation import CustomerView, OrderView, StaffView, StoreView
from ..core.handoff import OPEN, HandoffView, describe_hours, is_open, phone_label, short_name
from ..core.statuses import OPEN_ORDER, OrderStatus
from ..data.models import AutoReply, Customer, Handoff, Order, Staff, Store
from .errors import NotFound


def first_name(full: str | None) -> str | None:
    return full.split()[0] if full and full.strip() else None


def store_view(store: Store, now: datetime) -> StoreView:
    return StoreView(
        id=store.id,
        name=store.name,
        language=store.language,
        handoff_mode=store.handoff_mode,
        escalation_seconds=store.escalation_seconds,
        paused=store.paused,
        pause_message=store.pause_message or "",
        open_now=is_open(store.hours, store.timezone, now),
        hours_en=describe_hours(store.hours, "en"),
        hours_fr=describe_hours(store.hours, "fr"),
        has_landline=bool(store.landline),
    )


# The queries of every decision, built once: building a statement costs SQLAlchemy about twice what running a
# built one does (bench/profile.py), and a worker runs a dozen of them per text.
_OVERRIDES = select(AutoReply).where(AutoReply.store_id == bindparam("store_id"))
_OVERRIDE_ROWS = select(AutoReply.key, AutoReply.en, AutoReply.fr).where(AutoReply.store_id == bindparam("store_id"))
# The roster: staff taken off it are kept (their claims still name them) but are no longer staff.
_ON_ROSTER = Staff.removed_at.is_(None)
_STAFF = select(Staff).where(Staff.store_id == bindparam("store_id"), _ON_ROSTER).order_by(Staff.id)
# A customer's open handoff: the newest one not yet handed off or cancelled.
_IS_OPEN = Handoff.status.in_(OPEN)
_OPEN_HANDOFF = (
    select(Handoff)
    .where(Handoff.customer_id == bindparam("customer_id"), _IS_OPEN)
    .order_by(Handoff.id.desc())
    .limit(1)
)
# The sender as the store's customer, with their open handoff in the same round trip.
_CUSTOMER_AND_HANDOFF = (
    select(Customer, Handoff)
    .outerjoin(Handoff, and_(Handoff.customer_id == Customer.id, _IS_OPEN))
    .where(Customer.store_id == bindparam("store_id"), Customer.phone == bindparam("phone"))
    .order_by(Handoff.id.desc())
    .limit(1)
)
_OPEN_ORDER_ROWS = (
    select(Order.id, Order.number, Order.status, Order.customer_id, Order.handoff_id, Order.customer_name)
    .where(Order.customer_id == bindparam("customer_id"), Order.status.in_(OPEN_ORDER))
    .order_by(Order.id)
)
_ORDER_LANGUAGE = (
    select(Order.language)
    .where(Order.customer_id == bindparam("customer_id"), Order.language.is_not(None))
    .order_by(Order.id.desc())
    .limit(1)
)
_LOCK_STORE = select(Store).where(Store.id == bindparam("store_id")).with_for_update()
# The store locked and its roster read in one round trip: the store's row comes once per staff member (or once, with
# no staff), and only it is locked (PostgreSQL can't lock the nullable side of an outer join, nor need it here).
_LOCK_STORE_WITH_STAFF = (
    select(Store, Staff)
    .outerjoin(Staff, and_(Staff.store_id == Store.id, _ON_ROSTER))
    .where(Store.id == bindparam("store_id"))
    .order_by(Staff.id)
    .with_for_update(of=Store)
)


def overrides(session: Session, store_id: int) -> dict[str, dict[str, str | None]]:
    """The owner's wordings of the store's texts, by key then language. Read as plain columns on the session's
    connection (every decision that texts reads them, and the ORM's execution layer and objects are most of such a
    read's cost) unless this session holds wordings already: an owner's command changing one is then seen as changed,
    as the ORM's loaded objects show it, and a new one as an autoflush would write it first."""
    if any(key[0] is AutoReply for key in session.identity_map.keys()) or any(
        isinstance(pending, AutoReply) for pending in session.new
    ):
        rows = session.scalars(_OVERRIDES, {"store_id": store_id})
        return {r.key: {"en": r.en, "fr": r.fr} for r in rows}
    found = session.connection().execute(_OVERRIDE_ROWS, {"store_id": store_id})
    return {key: {"en": en, "fr": fr} for key, en, fr in found}


def staff_members(session: Session, store_id: int) -> list[Staff]:
    return list(session.scalars(_STAFF, {"store_id": store_id}))


def staff_views(session: Session, store_id: int) -> list[StaffView]:
    return staff_views_of(staff_members(session, store_id))


def staff_views_of(members: list[Staff]) -> list[StaffView]:
    return [
        StaffView(id=s.id, name=s.name, role=s.role, on_duty=s.on_duty, reachable=not (s.opted_out or s.unreachable))
        for s in members
    ]


def customer_name(customer: Customer, orders: Sequence[Order | Row[Any]]) -> str | None:
    return customer.name or next((o.customer_name for o in orders if o.customer_name), None)


def order_view(o: Order | Row[Any]) -> OrderView:
    return OrderView(
        id=o.id,
        number=o.number,
        status=o.status,
        customer_id=o.customer_id,
        handoff_id=o.handoff_id,
        customer_name=o.customer_name,
    )


def handoff_view(h: Handoff) -> HandoffView:
    orders = list(h.orders)
    return HandoffView(
        id=h.id,
        status=h.status,
        customer_id=h.customer_id,
        customer_label=short_name(customer_name(h.customer, orders)) or phone_label(h.customer.phone),
        order_numbers=tuple(o.number for o in orders),
        location=h.location,
        spot=h.spot,
        vehicle=h.vehicle,
        note=h.note,
        claimed_by_id=h.claimed_by_id,
        claimed_by_name=h.claimed_by.name if h.claimed_by else None,
        alerted=h.alerted,
        unverified_phone=h.unverified_phone,
        escalation_level=h.escalation_level,
        arrived_at=h.arrived_at,
        orders_ready=any(o.status == OrderStatus.READY for o in orders),
        customer_opted_out=h.customer.opted_out,
        has_photo=h.photo_id is not None,
    )


def open_handoff(session: Session, customer_id: int) -> Handoff | None:
    return session.scalars(_OPEN_HANDOFF, {"customer_id": customer_id}).first()


def customer_and_open_handoff(
    session: Session, store_id: int, phone: str | None
) -> tuple[Customer, Handoff | None] | None:
    """The store's customer with that phone (E.164) and their open handoff (None: they have none), in one statement;
    None when the phone is no customer of the store's."""
    found = session.execute(_CUSTOMER_AND_HANDOFF, {"store_id": store_id, "phone": phone}).first()
    return None if found is None else (found[0], found[1])


def open_orders(session: Session, customer_id: int) -> list[Row[Any]]:
    """The customer's pending and ready orders, oldest first, as rows of what the views read (id, number, status,
    customer_id, handoff_id, customer_name) on the session's connection: every customer text reads them, and loading
    them as ORM objects cost more than the statement. Nothing reads them to change them; a caller with changes to
    orders pending flushes them first (as order_ready does)."""
    return list(session.connection().execute(_OPEN_ORDER_ROWS, {"customer_id": customer_id}))


# A handoff parameter's default: the caller has not read the customer's open handoff (None would mean they have none).
UNREAD = object()


def customer_view(session: Session, customer: Customer, handoff: Handoff | None | object = UNREAD) -> CustomerView:
    """`handoff`: the customer's open handoff when the caller has read it already (None: they have none)."""
    orders = open_orders(session, customer.id)
    h = open_handoff(session, customer.id) if handoff is UNREAD else handoff
    name = customer_name(customer, orders + (list(h.orders) if h else []))
    return CustomerView(
        id=customer.id,
        first_name=first_name(name),
        label=short_name(name),
        phone_label=phone_label(customer.phone),
        opted_out=customer.opted_out,
        awaiting=customer.awaiting,
        pending=dict(customer.pending or {}),
        orders=tuple(order_view(o) for o in orders if o.handoff_id is None or (h and o.handoff_id == h.id)),
        handoff=handoff_view(h) if h else None,
    )


# Each view needs the orders, the customer and the claimer: loaded together, not three queries a handoff.
_STORE_HANDOFFS = (
    select(Handoff)
    .where(Handoff.store_id == bindparam("store_id"), Handoff.status.in_(OPEN))
    .order_by(Handoff.arrived_at, Handoff.id)
    .options(selectinload(Handoff.orders), joinedload(Handoff.customer), joinedload(Handoff.claimed_by))
)


def store_handoffs(session: Session, store_id: int) -> list[HandoffView]:
    return [handoff_view(h) for h in session.scalars(_STORE_HANDOFFS, {"store_id": store_id})]


def reply_language(session: Session, store: Store, customer: Customer) -> str:
    """The language of their latest text that clearly was French or English (SPEC 10: a Québécois whose order was
    keyed in English gets French once they write French), else their latest order's, else the store's."""
    if customer.language:
        return customer.language
    order_language = session.scalars(_ORDER_LANGUAGE, {"customer_id": customer.id}).first()
    return order_language or store.language


def store_in(session: Session, store_id: int) -> Store:
    """The store, read in this session (not locked: see lock_store). NotFound when there is no such store."""
    store = session.get(Store, store_id)
    if store is None:
        raise NotFound(f"no store {store_id}")
    return store


def lock_store(session: Session, store_id: int) -> Store:
    """Serialises all decisions for one store (claims, arrivals) so each sees a consistent state. NotFound when
    there is no such store."""
    store = session.scalars(_LOCK_STORE, {"store_id": store_id}).first()
    if store is None:
        raise NotFound(f"no store {store_id}")
    return store


def lock_store_with_staff(session: Session, store_id: int) -> tuple[Store, list[Staff]]:
    """lock_store and staff_members in one statement, for the decisions that need both (every inbound text): one
    round trip and one statement's work fewer per text. NotFound when there is no such store."""
    rows = session.execute(_LOCK_STORE_WITH_STAFF, {"store_id": store_id}).all()
    if not rows:
        raise NotFound(f"no store {store_id}")
    return rows[0][0], [member for _store, member in rows if member is not None]
