"""Orders from the point of sale or the admin pages: created (one at a time, or a day's CSV file in one go), marked
ready (texting the customer), cancelled (telling whoever was waiting on them), read back with their handoff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..core.cancellation import decide_order_cancelled
from ..core.conversation import decide_order_ready
from ..core.order_sheet import SheetProblem, read_sheet
from ..core.problems import Problem
from ..data.models import Customer, Handoff, Message, Order, Store
from ..phones import region_of
from . import checkin, fields, state
from .apply import Applied, Sender, apply
from .errors import Conflict, Invalid, NotFound, Refused
from .outbox import after_commit
from .report import local_day
from .stores import get_store
from .wait import likely_wait

if TYPE_CHECKING:
    from ..wiring import Services

ORDER_STATUSES = ("pending", "ready", "handed_off", "cancelled")
HANDOFF_STATUSES = ("on_the_way", "waiting", "claimed", "done", "cancelled")


MAX_ITEMS = 200


def _number(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or len(value) > 40 or fields.CONTROL.search(value) or not value.strip().lstrip("#"):
        raise Invalid("number", Problem("order_number"))
    return value.strip().lstrip("#")


@dataclass(frozen=True)
class NewOrder:
    """An order's fields, checked and normalised."""

    number: str
    customer_phone: str
    customer_name: str | None
    language: str | None
    items: list | None
    status: str


def check_order(
    store: Store, number, customer_phone, customer_name=None, language=None, items=None, status="pending"
) -> NewOrder:
    """Raises Invalid naming the first bad field."""
    number = _number(number)
    phone = fields.phone(customer_phone, "customer_phone", region_of(store.sms_number))
    customer_name = fields.text_field(customer_name, "customer_name", 120, required=False)
    if language is not None:
        fields.language(language)
    if items is not None and (not isinstance(items, list) or len(items) > MAX_ITEMS):
        raise Invalid("items", f"must be a list of at most {MAX_ITEMS} entries")
    fields.choice(status, "status", ("pending", "ready"))
    return NewOrder(number, phone, customer_name, language, items, status)


def create_order(
    svc: Services,
    store_id: int,
    number,
    customer_phone,
    customer_name=None,
    language=None,
    items=None,
    status="pending",
) -> dict:
    """Creates the order (and its customer); with status "ready", marks it ready in the same transaction,
    so a failure anywhere leaves nothing behind, not a pending order that was meant to be ready."""
    store = get_store(svc.db, store_id)
    new = check_order(store, number, customer_phone, customer_name, language, items, status)
    now = svc.clock()
    try:
        with svc.db.write() as session:
            # The lock comes first, as in mark_ready, so both take locks in the same order.
            locked = state.lock_store(session, store.id) if new.status == "ready" else store
            order, applied = _insert(session, locked, new, now, svc.base_url)
            order_id = order.id
    except IntegrityError:
        raise Conflict(Problem("order_exists", {"number": new.number})) from None
    if applied is not None:
        after_commit(svc, applied)
    return get_order(svc.db, store.id, new.number, by_id=order_id)


def _insert(session, store: Store, new: NewOrder, now: datetime, base_url: str) -> tuple[Order, Applied | None]:
    """Inside the caller's transaction (under the store lock when the order is ready): the order and its customer;
    a ready order's texts are queued."""
    customer = session.scalars(
        select(Customer).where(Customer.store_id == store.id, Customer.phone == new.customer_phone)
    ).first()
    if customer is None:
        customer = Customer(store_id=store.id, phone=new.customer_phone, name=new.customer_name)
        session.add(customer)
        session.flush()
    elif new.customer_name:
        customer.name = new.customer_name
    order = Order(
        store_id=store.id,
        number=new.number,
        customer_id=customer.id,
        customer_name=new.customer_name,
        language=new.language,
        items=new.items,
        status="pending",
        created_at=now,
    )
    session.add(order)
    session.flush()
    applied = _ready(session, store, order, now, base_url) if new.status == "ready" else None
    return order, applied


@dataclass(frozen=True)
class Imported:
    created: tuple[str, ...]  # the numbers of the orders created
    existing: tuple[tuple[int, str], ...]  # (line, number) of rows whose order was there already: left as it was


def import_orders(svc: Services, store_id: int, data: bytes) -> Imported:
    """A day's orders from a CSV file (bot/core/order_sheet.py), all or none: every row is checked first, as
    create_order checks one, and a file with any bad row is Refused naming each one's line. Otherwise every order is
    created in one transaction; a row whose order number the store has already is reported, not created again."""
    store = get_store(svc.db, store_id)
    sheet = read_sheet(data)
    problems = list(sheet.problems)
    checked: list[tuple[int, NewOrder]] = []
    first_line: dict[str, int] = {}
    for row in sheet.rows:
        try:
            new = check_order(store, **row.values)
        except Invalid as exc:
            problems.append(SheetProblem(row.line, exc.field, exc.problem))
            continue
        if new.number in first_line:
            problems.append(
                SheetProblem(
                    row.line, "number", Problem("csv_repeated", {"number": new.number, "line": first_line[new.number]})
                )
            )
            continue
        first_line[new.number] = row.line
        checked.append((row.line, new))
    if problems:
        raise Refused(sorted(problems, key=lambda p: p.line))
    now = svc.clock()
    created, existing, applied = [], [], []
    try:
        with svc.db.write() as session:
            locked = state.lock_store(session, store.id)
            there = set(
                session.scalars(
                    select(Order.number).where(Order.store_id == store.id, Order.number.in_(list(first_line)))
                )
            )
            for line, new in checked:
                if new.number in there:
                    existing.append((line, new.number))
                    continue
                _order, ready = _insert(session, locked, new, now, svc.base_url)
                created.append(new.number)
                if ready is not None:
                    applied.append(ready)
    except IntegrityError:
        # Another door created one of these numbers since the check: nothing was imported; importing again
        # reports it as there already.
        raise Conflict(Problem("import_raced")) from None
    for one in applied:
        after_commit(svc, one)
    return Imported(tuple(created), tuple(existing))


def _locked_order(session, store_id: int, number: str) -> tuple[Store, Order]:
    store = state.lock_store(session, store_id)
    order = session.scalars(select(Order).where(Order.store_id == store_id, Order.number == number)).first()
    if order is None:
        raise NotFound(f"no order {number} in store {store_id}")
    return store, order


def mark_ready(svc: Services, store_id: int, number) -> Order:
    """Marks the order ready and texts the customer; if they are already in the lot, staff are alerted now."""
    number = _number(number)
    get_store(svc.db, store_id)  # an id out of range is a 404 before any query
    now = svc.clock()
    with svc.db.write() as session:
        store, order = _locked_order(session, store_id, number)
        if order.status in ("handed_off", "cancelled"):
            raise Conflict(Problem(f"order_{order.status}", {"number": number}))
        if order.status == "ready":
            return order  # marking twice texts nobody twice
        applied = _ready(session, store, order, now, svc.base_url)
    after_commit(svc, applied)
    return order


def _ready(session, store, order: Order, now, base_url: str):
    """Inside the caller's transaction, under the store lock: the order becomes ready, gets its check-in link
    (`base_url`: where the link points) and its texts are queued."""
    order.status, order.ready_at = "ready", now
    link = checkin.checkin_url(base_url, checkin.issue(order))
    session.flush()
    customer = session.get(Customer, order.customer_id)
    handoff = state.open_handoff(session, customer.id)
    members = state.staff_members(session, store.id)
    in_the_lot = handoff is not None and handoff.status == "waiting" and not handoff.alerted
    effects = decide_order_ready(
        state.store_view(store, now),
        state.order_view(order),
        state.customer_view(session, customer, handoff),
        state.staff_views_of(members),
        now,
        link=link,
        wait=likely_wait(session, store, customer.id, now, members) if in_the_lot else None,
    )
    return apply(
        session,
        store,
        effects,
        now,
        sender=Sender(customer.phone, store.sms_number, customer=customer),
        handoff=handoff,
    )


def cancel_order(svc: Services, store_id: int, number) -> dict:
    """Cancels the order (not one handed off: Conflict). A pickup left holding only cancelled orders ends, so its
    timers find nothing to do; a customer already on the way or waiting is told, and so are the staff who had been
    alerted to them or had taken them. Cancelling again changes nothing and texts nobody. Needs no Flask: any door
    (admin page, e-commerce hook) calls it."""
    number = _number(number)
    get_store(svc.db, store_id)
    now = svc.clock()
    with svc.db.write() as session:
        store, order = _locked_order(session, store_id, number)
        if order.status == "handed_off":
            raise Conflict(Problem("order_handed_off", {"number": number}))
        if order.status == "cancelled":
            return order_dict(order)  # cancelling twice texts nobody twice
        customer = session.get_one(Customer, order.customer_id)
        handoff = state.open_handoff(session, customer.id)
        effects = decide_order_cancelled(
            state.order_view(order),
            state.customer_view(session, customer, handoff),
            state.staff_views(session, store.id),
            _told(session, handoff),
            now,
        )
        applied = apply(session, store, effects, now, sender=Sender(None, None, customer=customer), handoff=handoff)
        result = order_dict(order)
    after_commit(svc, applied)
    return result


def _told(session, handoff: Handoff | None) -> tuple[int, ...]:
    """The staff texted about this handoff so far (alerts, reminders, escalations), from the message log."""
    if handoff is None:
        return ()
    return tuple(
        session.scalars(
            select(Message.staff_id)
            .distinct()
            .where(Message.handoff_id == handoff.id, Message.direction == "out", Message.staff_id.is_not(None))
            .order_by(Message.staff_id)
        )
    )


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
                or_(Order.created_at >= start, Order.status.in_(("pending", "ready")), Handoff.done_at >= start),
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
                select(Order).where(Order.store_id == store_id, Order.number == _number(number))
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
