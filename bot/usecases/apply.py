"""Applies a decision's effects inside the caller's transaction: state changes, outbox rows, timers.

Each kind of effect (bot/core/conversation/effects.py, cancellation.py, roster.py) has one applier here,
registered by its type with @applies; the appliers of one decision share an `Applying` (the session, the store,
the texts written so far, the handoff the decision is about). A new kind of effect needs a new applier, or `apply`
refuses it.

Over 300 lines, kept whole: a dozen appliers of a few lines each read best beside the context they share and the
loop that runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..core import conversation as c
from ..core.cancellation import CancelOrder
from ..core.photos import is_photo, mms_from
from ..core.statuses import OPEN_ORDER, HandoffStatus, OrderStatus
from ..core.texts import render
from ..data.db import rows_changed
from ..data.inserts import PreparedInsert
from ..data.models import Customer, Handoff, Message, Order, Photo, Staff, Store
from ..phones import address
from . import state

STAFF_PRIORITY = 10  # staff alerts go out before customer notices

T = TypeVar("T")


@dataclass
class Sender:
    """Who the message being answered came from: a Reply goes back on the same channel.
    With no address (a click on the board), replies are shown on screen instead of texted."""

    address: str | None  # as Twilio gave it, e.g. "whatsapp:+15145550123"
    store_address: str | None  # the store address it was sent to
    customer: Customer | None = None
    staff: Staff | None = None
    media: tuple[dict, ...] = ()  # the message's attachments ({"url", "type"}: Twilio's media)
    message_sid: str | None = None


@dataclass(frozen=True)
class Claimed:
    """A text the deciding worker claimed for sending in the decision's own transaction (status 'sending', attempt
    1): it goes out right after the commit without a claim transaction of its own."""

    id: int
    priority: int
    to_addr: str
    from_addr: str
    body: str
    claimed_at: datetime  # the row's status_at: the sweeper's clock for a row left 'sending'
    photo_id: int | None = None  # sent as MMS with this photo


@dataclass
class Applied:
    outbox: list[tuple[int, int]] = field(default_factory=list)  # (message id, priority) of texts to send
    claimed: list[Claimed] = field(default_factory=list)  # those of them already claimed for sending
    timers: list[tuple[str, int, int, int]] = field(default_factory=list)  # (job, handoff_id, level, delay)
    handoff_id: int | None = None
    store_id: int | None = None
    replies: list[str] = field(default_factory=list)  # rendered for a screen, when the sender has no address
    # Committed with the decision, for /metrics: ("claim" | "handoff", seconds since the customer arrived).
    timings: list[tuple[str, float]] = field(default_factory=list)
    # The customer arrived with this text: when it was received (set by the worker), for arrival → staff alert.
    arrived: bool = False
    received_at: datetime | None = None


# A decision's texts go in as one multi-row INSERT on the Session's connection rather than as ORM objects: the unit
# of work (an INSERT per text once a query's autoflush split them, object state, identity map) was the largest part
# of the worker's CPU per arrival (bench/profile.py).
INSERT_OUTGOING = PreparedInsert(
    cast(Table, Message.__table__),
    (
        "store_id",
        "direction",
        "channel",
        "from_addr",
        "to_addr",
        "phone",
        "body",
        "status",
        "attempts",
        "status_at",
        "audience",
        "template",
        "staff_id",
        "customer_id",
        "handoff_id",
        "priority",
        "created_at",
        "photo_id",
    ),
)


# A new handoff goes in as one Core INSERT on the Session's connection, every column given, then joins the session
# as a loaded object: no unit-of-work flush (change tracking, dependency sort, ORM bookkeeping) for one row.
INSERT_HANDOFF = PreparedInsert(
    cast(Table, Handoff.__table__),
    (
        "store_id",
        "customer_id",
        "status",
        "location",
        "spot",
        "vehicle",
        "note",
        "eta_at",
        "arrived_at",
        "claimed_at",
        "done_at",
        "claimed_by_id",
        "unverified_phone",
        "alerted",
        "alerted_at",
        "escalation_level",
        "wait_low",
        "wait_high",
        "created_at",
        "photo_id",
    ),
)

_ORDERS = cast(Table, Order.__table__)
_LINK_ORDERS = (
    update(_ORDERS).where(_ORDERS.c.id.in_(bindparam("ids", expanding=True))).values(handoff_id=bindparam("handoff_id"))
)


def _link_orders(session: Session, order_ids, handoff_id: int) -> None:
    """Attach orders to a handoff with one Core UPDATE, built once: the ORM's bulk UPDATE (statement building, then
    evaluating its criteria against every object in the session) costs more than the statement. The orders this
    session has loaded are kept in step without being marked changed."""
    if not order_ids:
        return
    session.execute(_LINK_ORDERS, {"ids": list(order_ids), "handoff_id": handoff_id})
    for order_id in order_ids:
        loaded = session.identity_map.get(identity_key(Order, order_id))
        if loaded is not None:
            set_committed_value(loaded, "handoff_id", handoff_id)


class ClaimLost(Exception):
    """Another claim committed first; the caller retries the whole decision on fresh state (until_claim_holds)."""


def until_claim_holds(decide_and_apply: Callable[[], T], what: str, tries: int = 3) -> T:
    """Run a decision's transaction (`decide_and_apply`) again, on fresh state, while a claim in it loses to one
    committed first: ClaimLost rolls that transaction back, so nothing of the lost try remains. `what` names the
    decision in the error raised if it keeps losing."""
    for _try in range(tries):
        try:
            return decide_and_apply()
        except ClaimLost:
            continue
    raise RuntimeError(f"{what}: claim kept losing")  # pragma: no cover - lost races in a row under the store lock


def apply(
    session: Session,
    store: Store,
    effects: Iterable[object],
    now: datetime,
    sender: Sender | None = None,
    handoff: Handoff | None = None,
    claim: bool = False,
) -> Applied:
    """`sender`: who the message being answered came from (none: a decision nobody texted, such as a timer's).
    `handoff`: the customer's open handoff, as loaded. `claim`: the caller sends the texts itself right after the
    commit (a worker), so each one a reachable person is to get is written already claimed, saving a transaction
    per text on the busiest path. A text to a person who opted out or cannot be reached stays 'queued' for the
    ordinary send path, which skips it."""
    out = Applied(handoff_id=handoff.id if handoff else None, store_id=store.id)
    with session.no_autoflush:  # the owner's wording depends on nothing pending: no flush of its own for it
        texts = state.overrides(session, store.id)
    a = Applying(session, store, now, sender or Sender(None, None), claim, texts, out, handoff)
    for effect in effects:
        try:
            applier = APPLIERS[type(effect)]
        except KeyError:  # pragma: no cover - a new effect type without an applier is a programming error
            raise TypeError(f"no applier for {effect!r}") from None
        applier(a, effect)
    session.flush()  # the handoffs, customers and staff the texts refer to are written first
    if a.written:
        ids = INSERT_OUTGOING.insert_in(session.connection(), a.written)
        for message_id, row in zip(ids, a.written):
            out.outbox.append((message_id, row["priority"]))
            if row["status"] == "sending":
                out.claimed.append(
                    Claimed(
                        message_id,
                        row["priority"],
                        row["to_addr"],
                        row["from_addr"],
                        row["body"],
                        row["status_at"],
                        row["photo_id"],
                    )
                )
    return out


@dataclass(slots=True)
class Applying:
    """What the appliers of one decision share."""

    session: Session
    store: Store
    now: datetime
    sender: Sender
    claim: bool  # write texts already claimed for sending (see apply)
    texts: dict[str, dict[str, str | None]]  # the owner's wordings
    out: Applied
    current: Handoff | None  # the handoff the decision is about: as loaded, or the one it opened or last updated
    written: list[dict[str, Any]] = field(default_factory=list)  # texts, as messages rows, inserted together at the end

    def handoff_for(self, ref: int | None) -> Handoff | None:
        """The handoff an effect names (c.NEW_HANDOFF: the one this decision opened; None: none)."""
        if ref == c.NEW_HANDOFF:
            return self.current
        return self.session.get(Handoff, ref) if ref is not None else None

    def handoff(self, ref: int) -> Handoff:
        """The handoff an effect names, which must be there."""
        found = self.handoff_for(ref)
        if found is None:  # pragma: no cover - the core names only handoffs it was shown, or opens
            raise LookupError(f"no handoff {ref}")
        return found

    def current_id(self) -> int | None:
        return self.current.id if self.current else None

    def customer(self) -> Customer:
        """The customer whose text this decision answers."""
        if self.sender.customer is None:  # pragma: no cover - only a customer's decision has customer effects
            raise TypeError("a customer's effect in a decision about no customer")
        return self.sender.customer

    def staff(self) -> Staff:
        """The staff member whose text or click this decision answers."""
        if self.sender.staff is None:  # pragma: no cover - only a staff member's decision has staff effects
            raise TypeError("a staff member's effect in a decision about no staff member")
        return self.sender.staff

    def text_customer(
        self,
        customer: Customer,
        key: str,
        variables: dict,
        handoff_id: int | None = None,
        to_addr: str | None = None,
        from_addr: str | None = None,
    ) -> None:
        store = self.store
        lang = state.reply_language(self.session, store, customer)
        # Every customer text may use {name} in the owner's wording (bot/core/texts.override_problem), not only
        # those whose default does.
        first = state.first_name(customer.name)
        body = render(key, lang, {"store": store.name, "name": f" {first}" if first else "", **variables}, self.texts)
        self._write(
            to_addr or address(customer.channel, customer.phone),
            from_addr or address(customer.channel, store.sms_number),
            body,
            audience="customer",
            template=key,
            phone=customer.phone,
            person=customer,
            customer_id=customer.id,
            handoff_id=handoff_id,
        )

    def text_staff(
        self,
        member: Staff,
        key: str,
        variables: dict,
        handoff_id: int | None = None,
        to_addr: str | None = None,
        from_addr: str | None = None,
        photo_id: int | None = None,
    ) -> None:
        body = render(key, member.language, {"store": self.store.name, **variables}, self.texts)
        self._write(
            to_addr or member.phone,
            from_addr or self.store.sms_number,
            body,
            audience="staff",
            template=key,
            phone=member.phone,
            person=member,
            staff_id=member.id,
            handoff_id=handoff_id,
            priority=STAFF_PRIORITY,
            photo_id=photo_id,
        )

    def _write(
        self,
        to_addr: str,
        from_addr: str,
        body: str,
        *,
        audience: str,
        template: str,
        phone: str,
        person: Customer | Staff,
        staff_id: int | None = None,
        customer_id: int | None = None,
        handoff_id: int | None = None,
        priority: int = 0,
        photo_id: int | None = None,
    ) -> None:
        claimed = self.claim and not (person.opted_out or person.unreachable)
        channel = "whatsapp" if to_addr.startswith("whatsapp:") else "sms"
        now = self.now
        self.written.append(
            {
                "store_id": self.store.id,
                "direction": "out",
                "channel": channel,
                "from_addr": from_addr,
                "to_addr": to_addr,
                "phone": phone,
                "body": body,
                "status": "sending" if claimed else "queued",
                "attempts": 1 if claimed else 0,
                "status_at": now if claimed else None,
                "audience": audience,
                "template": template,
                "staff_id": staff_id,
                "customer_id": customer_id,
                "handoff_id": handoff_id,
                "priority": priority,
                "created_at": now,
                "photo_id": photo_id,
            }
        )


E = TypeVar("E")
APPLIERS: dict[type, Callable[[Applying, Any], None]] = {}


def applies(kind: type[E]) -> Callable[[Callable[[Applying, E], None]], Callable[[Applying, E], None]]:
    """Registers the applier of one kind of effect."""

    def register(applier: Callable[[Applying, E], None]) -> Callable[[Applying, E], None]:
        APPLIERS[kind] = applier
        return applier

    return register


@applies(c.OpenHandoff)
def _open_handoff(a: Applying, effect: c.OpenHandoff) -> None:
    customer, now = a.customer(), a.now
    if customer.id is None:  # a customer new in this decision: written first, the handoff names it
        a.session.flush()
    row = {
        "store_id": a.store.id,
        "customer_id": customer.id,
        "status": effect.status,
        "location": effect.location,
        "spot": effect.spot,
        "vehicle": effect.vehicle,
        "note": effect.note,
        "eta_at": now + timedelta(minutes=effect.eta_minutes) if effect.eta_minutes else None,
        "arrived_at": now if effect.arrived else None,
        "claimed_at": None,
        "done_at": None,
        "claimed_by_id": None,
        "unverified_phone": effect.unverified_phone,
        "alerted": effect.alerted,
        "alerted_at": now if effect.alerted else None,
        "escalation_level": 0,
        "wait_low": effect.wait_low,
        "wait_high": effect.wait_high,
        "created_at": now,
        "photo_id": None,
    }
    [handoff_id] = INSERT_HANDOFF.insert_in(a.session.connection(), [row])
    # As if read back: every column loaded, nothing pending, in the identity map (session.get finds it).
    h = Handoff(id=handoff_id, **row)
    make_transient_to_detached(h)
    a.session.add(h)
    a.current = h
    a.out.arrived = a.out.arrived or bool(effect.arrived)
    a.out.handoff_id = h.id
    _link_orders(a.session, effect.order_ids, h.id)


@applies(c.UpdateHandoff)
def _update_handoff(a: Applying, effect: c.UpdateHandoff) -> None:
    h = a.handoff(effect.handoff_id)
    for key, value in effect.changes.items():
        setattr(h, key, value)
    if effect.changes.get("alerted") and h.alerted_at is None:
        h.alerted_at = a.now
    if effect.arrived and h.arrived_at is None:
        h.arrived_at = a.now
        a.out.arrived = True
    if effect.eta_minutes:
        h.eta_at = a.now + timedelta(minutes=effect.eta_minutes)
    if effect.add_order_ids:
        _link_orders(a.session, effect.add_order_ids, h.id)
    a.current = h
    a.out.handoff_id = h.id


@applies(c.ClaimHandoff)
def _claim_handoff(a: Applying, effect: c.ClaimHandoff) -> None:
    # Belt and braces under the store lock: only a waiting handoff can be claimed.
    result = a.session.execute(
        update(Handoff)
        .where(Handoff.id == effect.handoff_id, Handoff.status == HandoffStatus.WAITING)
        .values(status=HandoffStatus.CLAIMED, claimed_by_id=effect.staff_id, claimed_at=a.now)
        .execution_options(synchronize_session="fetch")
    )
    if rows_changed(result) != 1:
        raise ClaimLost(effect.handoff_id)
    arrived_at = a.session.scalar(select(Handoff.arrived_at).where(Handoff.id == effect.handoff_id))
    if arrived_at is not None:
        a.out.timings.append(("claim", (a.now - arrived_at).total_seconds()))


@applies(c.CompleteHandoff)
def _complete_handoff(a: Applying, effect: c.CompleteHandoff) -> None:
    h = a.session.get_one(Handoff, effect.handoff_id)
    h.status, h.done_at = HandoffStatus.DONE, a.now
    if h.claimed_by_id is None:
        h.claimed_by_id, h.claimed_at = effect.staff_id, a.now
        if h.arrived_at is not None:
            a.out.timings.append(("claim", (a.now - h.arrived_at).total_seconds()))
    if h.arrived_at is not None:
        a.out.timings.append(("handoff", (a.now - h.arrived_at).total_seconds()))
    a.session.execute(
        update(Order)
        .where(Order.handoff_id == h.id, Order.status.in_(OPEN_ORDER))
        .values(status=OrderStatus.HANDED_OFF)
    )


@applies(c.UpdateCustomer)
def _update_customer(a: Applying, effect: c.UpdateCustomer) -> None:
    customer = a.customer()
    for key, value in effect.changes.items():
        setattr(customer, key, value)


@applies(c.UpdateStaff)
def _update_staff(a: Applying, effect: c.UpdateStaff) -> None:
    member = a.staff()
    for key, value in effect.changes.items():
        setattr(member, key, value)


@applies(c.LinkOrder)
def _link_order(a: Applying, effect: c.LinkOrder) -> None:
    customer = a.customer()
    order = a.session.get_one(Order, effect.order_id)
    order.customer_id = customer.id
    if customer.name is None and order.customer_name:
        customer.name = order.customer_name


@applies(c.Reply)
def _reply(a: Applying, effect: c.Reply) -> None:
    a.session.flush()
    sender = a.sender
    if sender.address is None:  # a click on the board: shown on screen
        lang = sender.staff.language if sender.staff else a.store.language
        a.out.replies.append(render(effect.key, lang, {"store": a.store.name, **effect.vars}, a.texts))
    elif sender.staff is not None:
        a.text_staff(sender.staff, effect.key, effect.vars, a.current_id(), sender.address, sender.store_address)
    else:
        a.text_customer(a.customer(), effect.key, effect.vars, a.current_id(), sender.address, sender.store_address)


@applies(c.TextCustomer)
def _text_customer(a: Applying, effect: c.TextCustomer) -> None:
    customer = a.session.get_one(Customer, effect.customer_id)
    if not customer.opted_out:
        a.text_customer(customer, effect.key, effect.vars, a.current_id())


# Staff texts about a waiting customer that carry their photo of the car, as MMS, when the store's number can
# send one (bot/core/photos.py).
WITH_PHOTO = {"staff_arrival", "staff_realert", "staff_escalation", "staff_reminder", "staff_update", "staff_photo"}


@applies(c.TextStaff)
def _text_staff(a: Applying, effect: c.TextStaff) -> None:
    h = a.handoff_for(effect.handoff_id)
    photo_id = h.photo_id if h is not None and effect.key in WITH_PHOTO and mms_from(a.store.sms_number) else None
    for staff_id in effect.staff_ids:
        a.text_staff(
            a.session.get_one(Staff, staff_id), effect.key, effect.vars, h.id if h else None, photo_id=photo_id
        )


@applies(c.AttachPhoto)
def _attach_photo(a: Applying, effect: c.AttachPhoto) -> None:
    h = a.handoff(effect.handoff_id)
    message_sid = a.sender.message_sid or ""
    photos = [
        Photo(
            store_id=a.store.id,
            handoff_id=h.id,
            message_sid=message_sid,
            url=m["url"],
            content_type=m["type"],
            created_at=a.now,
        )
        for m in a.sender.media
        if is_photo(m["type"])
    ]
    if photos:
        a.session.add_all(photos)
        a.session.flush()
        h.photo_id = photos[-1].id


@applies(c.Schedule)
def _schedule(a: Applying, effect: c.Schedule) -> None:
    a.out.timers.append((effect.job, a.handoff(effect.handoff_id).id, effect.level, effect.delay_seconds))


@applies(CancelOrder)
def _cancel_order(a: Applying, effect: CancelOrder) -> None:
    a.session.get_one(Order, effect.order_id).status = OrderStatus.CANCELLED
