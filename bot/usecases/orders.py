"""Orders from the point of sale or the admin pages: created (one at a time, or a day's CSV file in one go), marked
ready (texting the customer), cancelled (telling whoever was waiting on them). Reading them back: order_records.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.cancellation import decide_order_cancelled
from ..core.conversation import decide_order_ready
from ..core.order_sheet import SheetProblem, read_sheet
from ..core.problems import Problem
from ..core.statuses import OPEN_ORDER, HandoffStatus, OrderStatus
from ..data.models import Customer, Handoff, Message, Order, Store
from ..phones import region_of
from . import checkin, fields, state
from .apply import Applied, Sender, apply
from .errors import Conflict, Invalid, NotFound, Refused
from .order_records import (
    HANDOFF_STATUSES,
    ORDER_STATUSES,
    day_orders,
    get_order,
    handoff_dict,
    list_handoffs,
    order_dict,
)
from .outbox import after_commit
from .stores import get_store
from .wait import likely_wait

if TYPE_CHECKING:
    from ..wiring import Services


# order_records.py's names too: tests take them from here, as before it was split off.
__all__ = [
    "HANDOFF_STATUSES",
    "MAX_ITEMS",
    "ORDER_STATUSES",
    "Imported",
    "NewOrder",
    "cancel_order",
    "check_number",
    "check_order",
    "create_order",
    "day_orders",
    "get_order",
    "handoff_dict",
    "import_orders",
    "list_handoffs",
    "mark_ready",
    "order_dict",
]

MAX_ITEMS = 200


def check_number(value) -> str:
    """An order number as every door takes it ("#1234" → "1234"); Invalid otherwise."""
    return fields.order_number(value)


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
    store: Store, number, customer_phone, customer_name=None, language=None, items=None, status=OrderStatus.PENDING
) -> NewOrder:
    """Raises Invalid naming the first bad field."""
    number = fields.order_number(number)
    phone = fields.phone(customer_phone, "customer_phone", region_of(store.sms_number))
    customer_name = fields.text_field(customer_name, "customer_name", 120, required=False)
    if language is not None:
        fields.language(language)
    if items is not None and (not isinstance(items, list) or len(items) > MAX_ITEMS):
        raise Invalid("items", f"must be a list of at most {MAX_ITEMS} entries")
    fields.choice(status, "status", OPEN_ORDER)
    return NewOrder(number, phone, customer_name, language, items, status)


def create_order(
    svc: Services,
    store_id: int,
    number,
    customer_phone,
    customer_name=None,
    language=None,
    items=None,
    status=OrderStatus.PENDING,
) -> dict:
    """Creates the order (and its customer); with status "ready", marks it ready in the same transaction,
    so a failure anywhere leaves nothing behind, not a pending order that was meant to be ready."""
    store = get_store(svc.db, store_id)
    new = check_order(store, number, customer_phone, customer_name, language, items, status)
    now = svc.clock()
    try:
        with svc.db.write() as session:
            # The lock comes first, as in mark_ready, so both take locks in the same order.
            locked = state.lock_store(session, store.id) if new.status == OrderStatus.READY else store
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
        status=OrderStatus.PENDING,
        created_at=now,
    )
    session.add(order)
    session.flush()
    applied = _ready(session, store, order, now, base_url) if new.status == OrderStatus.READY else None
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
    number = fields.order_number(number)
    get_store(svc.db, store_id)  # an id out of range is a 404 before any query
    now = svc.clock()
    with svc.db.write() as session:
        store, order = _locked_order(session, store_id, number)
        if order.status in (OrderStatus.HANDED_OFF, OrderStatus.CANCELLED):
            raise Conflict(Problem(f"order_{order.status}", {"number": number}))
        if order.status == OrderStatus.READY:
            return order  # marking twice texts nobody twice
        applied = _ready(session, store, order, now, svc.base_url)
    after_commit(svc, applied)
    return order


def _ready(session, store, order: Order, now, base_url: str):
    """Inside the caller's transaction, under the store lock: the order becomes ready, gets its check-in link
    (`base_url`: where the link points) and its texts are queued."""
    order.status, order.ready_at = OrderStatus.READY, now
    link = checkin.checkin_url(base_url, checkin.issue(order))
    session.flush()
    customer = session.get(Customer, order.customer_id)
    handoff = state.open_handoff(session, customer.id)
    members = state.staff_members(session, store.id)
    in_the_lot = handoff is not None and handoff.status == HandoffStatus.WAITING and not handoff.alerted
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
    number = fields.order_number(number)
    get_store(svc.db, store_id)
    now = svc.clock()
    with svc.db.write() as session:
        store, order = _locked_order(session, store_id, number)
        if order.status == OrderStatus.HANDED_OFF:
            raise Conflict(Problem("order_handed_off", {"number": number}))
        if order.status == OrderStatus.CANCELLED:
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
