"""An inbound text's way: stored durably at the webhook, then understood, decided and applied by a worker."""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, exists, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import aliased

from ..core import abuse as abuse_rules
from ..core.conversation import decide_customer, decide_staff
from ..core.understanding import Context, understand
from ..data.db import PreparedInsert
from ..data.models import Customer, Handoff, Message, Order, Staff, Store
from ..logs import TRACE, traced
from ..phones import InvalidPhone, is_short_code, mask, region_of, split_address, to_e164
from . import abuse, owner, replies, state
from .apply import Applied, Sender, apply, until_claim_holds
from .outbox import after_commit

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio's own limit for one message body


@dataclass(frozen=True)
class InboundText:
    sid: str
    from_addr: str
    to_addr: str
    body: str


def store_for_number(session, number: str) -> Store | None:
    return session.scalars(select(Store).where(Store.sms_number == number)).first()


class StoreNumbers:
    """The stores' own numbers, read at most once a minute per process: the webhook needs them for every
    text, and reading them for each would be a large part of its cost. A number not yet known (a store created
    since the last read) triggers a fresh read, so a new store is never missed."""

    def __init__(self, ttl_seconds: float = 60.0):
        self.ttl = ttl_seconds
        self._ids: dict[str, int] = {}
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def _refresh(self, db) -> None:
        with db.read() as session:
            self._ids = dict(session.execute(select(Store.sms_number, Store.id)).all())
        self._read_at = time.monotonic()

    def store_id(self, db, number: str) -> int | None:
        """The store whose number this is; reads the database (`db`, a Database) only when the answer is not
        known or is more than `ttl` old."""
        with self._lock:
            if number not in self._ids or time.monotonic() - self._read_at > self.ttl:
                self._refresh(db)
            return self._ids.get(number)

    def is_store(self, number: str) -> bool:
        return number in self._ids

    def forget(self) -> None:
        """The next lookup reads the numbers afresh."""
        with self._lock:
            self._read_at = float("-inf")


_SID_STORED = select(Message.id).where(Message.twilio_sid == bindparam("sid"))


def _stored_already(db, sid: str) -> bool:
    with db.read() as session:
        return session.execute(_SID_STORED, {"sid": sid}).first() is not None


# Compiled once: building `insert(Message).values(...)` for every text (construction, coercion, cache key),
# then SQLAlchemy's per-statement work, were most of the webhook's cost (bot/data/db.py, Database.insert).
INSERT_INBOUND = PreparedInsert(
    cast(Table, Message.__table__),
    (
        "store_id",
        "direction",
        "channel",
        "from_addr",
        "to_addr",
        "phone",
        "body",
        "twilio_sid",
        "status",
        "attempts",
        "priority",
        "created_at",
    ),
)


@functools.lru_cache(maxsize=256)
def _store_side(to_raw: str) -> tuple[str | None, str]:
    """The number a text was sent to, as E.164 (None if it is not one), and its region (the default for the
    sender's number). Twilio only ever sends our own few numbers here, so parsing each once per process saves
    two of the three phone parses of every webhook."""
    try:
        to_number = to_e164(to_raw, None if to_raw.startswith("+") else "CA")
    except InvalidPhone:
        return None, "CA"
    return to_number, region_of(to_number)


def inbound_row(db, text: InboundText, now: datetime, numbers: StoreNumbers) -> dict:
    """The messages row for a text as it came in: 'received' (to process), or 'ignored' (kept, never answered)."""
    channel, to_raw = split_address(text.to_addr)
    _, from_raw = split_address(text.from_addr)
    to_number, region = _store_side(to_raw)
    store_id = numbers.store_id(db, to_number) if to_number else None
    try:
        phone = to_e164(from_raw, region if store_id else "CA")  # Twilio's E.164 comes back as it is, unparsed
    except InvalidPhone:
        phone = None
    status = "received" if store_id is not None and phone is not None and not is_short_code(from_raw) else "ignored"
    if status == "received" and phone is not None and numbers.is_store(phone):
        status = "ignored"  # a store's own number (one store texting another): never answer a bot of ours
    return {
        "store_id": store_id,
        "direction": "in",
        "channel": channel,
        "from_addr": text.from_addr[:40],
        "to_addr": text.to_addr[:40],
        "phone": phone,
        "body": text.body[:MAX_BODY],
        "twilio_sid": text.sid,
        "status": status,
        "attempts": 0,
        "priority": 0,
        "created_at": now,
    }


def record_inbound(db, text: InboundText, now: datetime, numbers: StoreNumbers | None = None) -> int | None:
    """Store the text once, committed before this returns (so before the webhook answers); a re-delivered
    MessageSid hits the unique index and raises IntegrityError. Returns the id of a text to process, or None for
    one stored as ignored."""
    row = inbound_row(db, text, now, numbers or StoreNumbers())
    # One INSERT, its own write transaction: the ORM's session and unit of work (and SQLAlchemy's statement
    # machinery) cost more than the statement on this hot path.
    message_id = db.insert(INSERT_INBOUND, row)
    return message_id if row["status"] == "received" else None


def receive_inbound(svc: Services, text: InboundText) -> None:
    """The webhook's use case: store durably, then signal a worker, both through the intake, where texts arriving
    together share a transaction and a signal (bot/web/intake.py). Redis being down loses nothing; the database
    being down neither, while Redis is up (the text waits there). With both down it raises: the webhook answers
    500, and whether Twilio tries again is up to the webhook's settings (docs/reliability.md)."""
    try:
        try:
            _take_in(svc, text)
        except IntegrityError:
            if _stored_already(svc.db, text.sid):
                return  # the same MessageSid arrived twice at once; the first one is stored
            # Not a duplicate: a store gone since the numbers were cached (its id no longer satisfies the foreign
            # key). Read the numbers afresh and store the text once more; anything else fails the request.
            svc.store_numbers.forget()
            _take_in(svc, text)
    except (OperationalError, InterfaceError):
        svc.dispatcher.spill_inbound(text.sid, text.from_addr, text.to_addr, text.body, svc.clock())
        log.warning("database unavailable: text %s kept in Redis until a worker can store it", text.sid)


def _take_in(svc: Services, text: InboundText) -> None:
    """Stored and committed when this returns; signalled too, unless it is stored as ignored (or Redis is away:
    then the sweeper signals it)."""
    row = inbound_row(svc.db, text, svc.clock(), svc.store_numbers)
    svc.intake.store(row, signal=row["status"] == "received")


def process_inbound(svc: Services, message_id: int) -> Applied | None:
    """Understand and act on one stored text, exactly once: the effects and the 'processed' mark commit together.
    A person's earlier texts still waiting are handled first: with several drain threads and workers, "I'm
    here" and the "7" that answers the spot question must not swap places. Lines logged meanwhile carry the text's
    MessageSid (set once it is read), and only meanwhile."""
    with traced(None):
        return _process_in_order(svc, message_id)


def _process_in_order(svc: Services, message_id: int) -> Applied | None:
    for _round in range(3):
        try:
            return _process_once(svc, message_id)
        except EarlierWaiting as waiting:
            for earlier in waiting.ids:
                try:
                    _process_once(svc, earlier)
                except Exception:  # noqa: BLE001 - a text that fails on its own must not hold back this one
                    log.exception("earlier message %s failed; handling %s anyway", earlier, message_id)
    return _process_once(svc, message_id, earlier_first=False)


class EarlierWaiting(Exception):
    """The sender has earlier texts still to handle: they go first (nothing of this one was written)."""

    def __init__(self, ids: list[int]):
        super().__init__(ids)
        self.ids = ids


def _process_once(svc: Services, message_id: int, earlier_first: bool = True) -> Applied | None:
    applied = until_claim_holds(lambda: _process(svc, message_id, earlier_first), f"message {message_id}")
    if applied is not None:
        after_commit(svc, applied)
    return applied


# Built once (state.py says why).
def _waiting_before(m, store_id, phone, message_id) -> tuple:
    """Texts of `m` (Message or an alias of it) from that sender, still to handle, that came in before that one."""
    return (m.store_id == store_id, m.phone == phone, m.direction == "in", m.status == "received", m.id < message_id)


_EARLIER_WAITING = (
    select(Message.id)
    .where(*_waiting_before(Message, bindparam("store_id"), bindparam("phone"), bindparam("message_id")))
    .order_by(Message.id)
)
# The text, and whether its sender has earlier ones still to handle, in one round trip: almost never, and then
# _EARLIER_WAITING lists them.
_EARLIER = aliased(Message)
_MESSAGE_FOR_UPDATE = (
    select(
        Message,
        exists()
        .where(*_waiting_before(_EARLIER, Message.store_id, Message.phone, Message.id))
        .label("earlier_waiting"),
    )
    .where(Message.id == bindparam("message_id"))
    .with_for_update(of=Message)
)
_CUSTOMER = select(Customer).where(Customer.store_id == bindparam("store_id"), Customer.phone == bindparam("phone"))


def _process(svc: Services, message_id: int, earlier_first: bool = True) -> Applied | None:
    now = svc.clock()
    with svc.db.write() as session:
        msg, earlier_waiting = session.execute(_MESSAGE_FOR_UPDATE, {"message_id": message_id}).first() or (None, 0)
        if msg is None or msg.direction != "in" or msg.status != "received":
            return None  # already processed (a retried job, a re-delivered signal)
        # Until the caller's `traced` block ends, lines (and the answers' status callbacks) carry this text's id.
        TRACE.set(msg.twilio_sid)
        if earlier_first and earlier_waiting:
            earlier = list(
                session.scalars(_EARLIER_WAITING, {"store_id": msg.store_id, "phone": msg.phone, "message_id": msg.id})
            )
            if earlier:
                raise EarlierWaiting(earlier)  # rolls back: nothing was written yet
        # No read of the decision depends on what it changes on the way (a language, a reachable flag), so
        # they are flushed with the decision's own writes: a flush is one of the worker's dearest steps.
        with session.no_autoflush:
            store = state.lock_store(session, msg.store_id)
            decision = _decide(session, store, msg, now, svc.base_url)
            # Abuse resistance (bot/core/abuse.py): a looping bot, or a number with no order past its hourly
            # allowance, still gets its state changes (a STOP opts out) but none of the texts they would cause.
            effects = abuse_rules.screen(decision.effects, abuse.check(session, svc.settings, msg, decision.known, now))
        log.info("message %s from %s: %s", msg.id, mask(msg.phone), decision.intent)
        applied = apply(
            session, store, effects, now, sender=decision.sender, handoff=decision.handoff, claim=svc.send_inline
        )
        msg.status = "processed"
        msg.processed_at = now
        msg.handoff_id = applied.handoff_id
        applied.received_at = msg.created_at
    return applied


@dataclass
class _Decision:
    """What a text was understood to say and what is to be done about it, before the abuse rules screen it."""

    intent: str
    effects: list
    sender: Sender
    handoff: Handoff | None  # the customer's open handoff, as loaded
    known: bool  # a staff member, or a customer with an order or a handoff (abuse rules)
    # The store's staff as loaded: held here so that apply finds them in the session (whose identity map holds
    # objects only while something else does) rather than reading each one again.
    members: list[Staff]


def _decide(session, store: Store, msg: Message, now: datetime, base_url: str) -> _Decision:
    """Read the state the text is about, understand the text against it and decide what to do. An owner's
    command (`base_url`: where sign-in links point) is carried out here, in the text's own transaction."""
    members = state.staff_members(session, store.id)
    staff = next((s for s in members if s.phone == msg.phone), None)
    store_v = state.store_view(store, now)
    team = state.staff_views_of(members)
    if staff is not None:
        _reachable_again(staff, msg)
        meaning = understand(
            msg.body, Context(role="owner" if staff.role in ("owner", "manager") else "staff", language=staff.language)
        )
        if meaning.command is not None:
            effects = owner.run(session, store, staff, meaning.command, now, base_url)
        else:
            me = next(s for s in team if s.id == staff.id)
            effects = decide_staff(meaning, store_v, me, state.store_handoffs(session, store.id), team, now)
        return _Decision(meaning.intent, effects, Sender(msg.from_addr, msg.to_addr, staff=staff), None, True, members)
    customer = _customer(session, store, msg)
    _reachable_again(customer, msg)
    meaning = understand(msg.body, Context(role="customer", awaiting=customer.awaiting, language=customer.language))
    if meaning.language_confident:
        customer.language = meaning.language
    handoff = state.open_handoff(session, customer.id)
    view = state.customer_view(session, customer, handoff)
    keyword = None
    if meaning.intent == "other" and meaning.order is None and len(msg.body) <= 40:
        keyword = replies.keyword_reply_for(session, store.id, msg.body)
    found = None
    if meaning.order:
        order = session.scalars(
            select(Order).where(Order.store_id == store.id, Order.number == meaning.order.lstrip("#"))
        ).first()
        found = state.order_view(order) if order else None
    effects = decide_customer(
        meaning, store_v, view, team, now, found_order=found, text=msg.body, keyword_reply=keyword
    )
    return _Decision(
        meaning.intent,
        effects,
        Sender(msg.from_addr, msg.to_addr, customer=customer),
        handoff,
        abuse_rules.known_customer(view, effects),
        members,
    )


def _reachable_again(person, msg: Message) -> None:
    """A number marked unreachable (Twilio could not text it: out of service, not a mobile) that texts us is in
    service again, ported, or was flagged by a passing fault: it gets texts again. An opt-out stays until START."""
    if person.unreachable:
        person.unreachable = False
        log.info("message %s: %s is reachable again", msg.id, mask(msg.phone))


def _customer(session, store: Store, msg: Message) -> Customer:
    customer = session.scalars(_CUSTOMER, {"store_id": store.id, "phone": msg.phone}).first()
    if customer is None:
        customer = Customer(store_id=store.id, phone=msg.phone, channel=msg.channel)
        session.add(customer)
        session.flush()
    customer.channel = msg.channel
    return customer
