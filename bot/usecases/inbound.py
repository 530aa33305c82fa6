"""An inbound text processed by a worker, exactly once and in each sender's order: understood, decided and
applied in one transaction. Receiving it is bot/usecases/receiving.py, whose names are re-exported here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, exists, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from ..core import abuse as abuse_rules
from ..core.conversation import decide_customer, decide_staff
from ..core.photos import is_photo
from ..core.statuses import HandoffStatus
from ..core.understanding import Context, Meaning, understand
from ..data.models import Customer, Handoff, Message, Order, Staff, Store
from ..logs import TRACE, traced
from ..phones import mask
from . import abuse, owner, replies, state
from .apply import Applied, Sender, apply, until_claim_holds
from .outbox import after_commit
from .receiving import (
    INSERT_INBOUND,
    MAX_BODY,
    InboundText,
    StoreNumbers,
    inbound_row,
    receive_inbound,
    record_inbound,
    store_for_number,
)
from .wait import likely_wait

if TYPE_CHECKING:
    from ..wiring import Services


# The webhook's names too: tests and benches take them from here, as before receiving.py was split off.
__all__ = [
    "INSERT_INBOUND",
    "MAX_BODY",
    "EarlierWaiting",
    "InboundText",
    "StoreNumbers",
    "inbound_row",
    "process_inbound",
    "receive_inbound",
    "record_inbound",
    "store_for_number",
]

log = logging.getLogger(__name__)


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
_MESSAGES = cast(Table, Message.__table__)
_MARK_PROCESSED = (
    update(_MESSAGES)
    .where(_MESSAGES.c.id == bindparam("message_id"))
    .values(status="processed", processed_at=bindparam("now"), handoff_id=bindparam("handoff_id"))
)


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
            store, members = state.lock_store_with_staff(session, msg.store_id)
            decision = _decide(session, store, members, msg, now, svc.base_url, svc.settings)
            # Abuse resistance (bot/core/abuse.py): a looping bot, or a number with no order past its hourly
            # allowance, still gets its state changes (a STOP opts out) but none of the texts they would cause.
            verdict = decision.verdict or abuse.check(
                session, svc.settings, msg, decision.known, now, command=decision.command
            )
            effects = abuse_rules.screen(decision.effects, verdict)
        log.info("message %s from %s: %s", msg.id, mask(msg.phone), decision.intent)
        applied = apply(
            session, store, effects, now, sender=decision.sender, handoff=decision.handoff, claim=svc.send_inline
        )
        _mark_processed(session, msg, now, applied.handoff_id)
        applied.received_at = msg.created_at
    return applied


def _mark_processed(session, msg: Message, now: datetime, handoff_id: int | None) -> None:
    """The text handled, in the decision's transaction: one Core UPDATE on the session's connection rather than a
    unit of work's flush at commit, which costs more than the statement (apply flushed everything else of the
    message already). The loaded message is kept in step without being marked changed."""
    session.connection().execute(_MARK_PROCESSED, {"message_id": msg.id, "now": now, "handoff_id": handoff_id})
    for key, value in (("status", "processed"), ("processed_at", now), ("handoff_id", handoff_id)):
        set_committed_value(msg, key, value)


@dataclass
class Decision:
    """What a text (or the check-in page) was understood to say and what is to be done about it, before the abuse
    rules screen it."""

    intent: str
    effects: list
    sender: Sender
    handoff: Handoff | None  # the customer's open handoff, as loaded
    known: bool  # a staff member, or a customer with an order or a handoff (abuse rules)
    # The store's staff as loaded: held here so that apply finds them in the session (whose identity map holds
    # objects only while something else does) rather than reading each one again.
    members: list[Staff]
    command: bool = False  # a command from someone on the roster: always answered (bot/core/abuse.py)
    verdict: abuse_rules.Verdict | None = None  # the abuse rules' verdict when deciding already needed it


def _decide(
    session, store: Store, members: list[Staff], msg: Message, now: datetime, base_url: str, settings
) -> Decision:
    """Read the state the text is about, understand the text against it and decide what to do. `members`: the
    store's staff, read with its lock. An owner's command (`base_url`: where sign-in links point) is carried out
    here, in the text's own transaction, unless the abuse rules (`settings`' limits) would leave it unanswered."""
    staff = next((s for s in members if s.phone == msg.phone), None)
    if staff is not None:
        store_v = state.store_view(store, now)
        team = state.staff_views_of(members)
        _reachable_again(staff, msg)
        meaning = understand(
            msg.body, Context(role="owner" if staff.role in ("owner", "manager") else "staff", language=staff.language)
        )
        command = abuse_rules.is_command(meaning.intent, meaning.command is not None)
        if meaning.command is not None:
            # Commands are answered even while the loop guard mutes the number, but for a loop's own repeats: taken
            # for one, the answer would not go out, and carried out anyway, a pause or a new staff member would be
            # made without the owner ever being told (and sent again). It changes nothing instead, as a command
            # that can't be done does.
            verdict = abuse.check(session, settings, msg, True, now, command=True)
            effects = owner.run(session, store, staff, meaning.command, now, base_url) if verdict.texts_allowed else []
        else:
            verdict = None
            me = next(s for s in team if s.id == staff.id)
            effects = decide_staff(meaning, store_v, me, state.store_handoffs(session, store.id), team, now)
        sender = Sender(msg.from_addr, msg.to_addr, staff=staff)
        return Decision(meaning.intent, effects, sender, None, True, members, command, verdict)
    customer, handoff = _customer(session, store, msg)
    _reachable_again(customer, msg)
    context = Context(
        role="customer", awaiting=customer.awaiting, language=customer.language, handoff=_handoff_state(handoff)
    )
    meaning = understand(msg.body, context)
    media = tuple(msg.media or ())
    sender = Sender(msg.from_addr, msg.to_addr, customer=customer, media=media, message_sid=msg.twilio_sid)
    photo = any(is_photo(m["type"]) for m in media)
    return decide_for_customer(session, store, customer, meaning, now, sender, msg.body, members, photo, handoff)


def decide_for_customer(
    session,
    store: Store,
    customer: Customer,
    meaning: Meaning,
    now: datetime,
    sender: Sender,
    text: str = "",
    members: list[Staff] | None = None,
    photo: bool = False,
    handoff: Handoff | None | object = state.UNREAD,
) -> Decision:
    """A customer's arrival, "on my way", question..., whichever door it came through (a text, the check-in page):
    the state it lands in read, and decided by the core. Inside the caller's transaction, under the store lock.
    `text`: as typed (keyword replies, notes); `members`: the store's staff, when the caller read them already;
    `photo`: the text carries a picture of the car; `handoff`: the customer's open handoff (None: they have none),
    when the caller read it already under the lock."""
    if members is None:
        members = state.staff_members(session, store.id)
    store_v = state.store_view(store, now)
    team = state.staff_views_of(members)
    if meaning.language_confident:
        customer.language = meaning.language
    if not isinstance(handoff, Handoff | None):  # not read by the caller (state.UNREAD)
        handoff = state.open_handoff(session, customer.id)
    view = state.customer_view(session, customer, handoff)
    keyword = None
    if meaning.intent == "other" and meaning.order is None and text and len(text) <= 40:
        keyword = replies.keyword_reply_for(session, store.id, text)
    found = None
    if meaning.order:
        order = session.scalars(
            select(Order).where(Order.store_id == store.id, Order.number == meaning.order.lstrip("#"))
        ).first()
        found = state.order_view(order) if order else None
    # The honest wait is read only for what may be an arrival with something to pick up: two small queries no other
    # text pays for (nor a stranger's "here").
    wait = None
    if (meaning.intent == "arrived" or photo or customer.awaiting in ("spot", "order")) and (
        view.orders or found or handoff
    ):
        wait = likely_wait(session, store, customer.id, now, members)
    effects = decide_customer(
        meaning,
        store_v,
        view,
        team,
        now,
        found_order=found,
        text=text,
        keyword_reply=keyword,
        photo=photo,
        wait=wait,
    )
    return Decision(meaning.intent, effects, sender, handoff, abuse_rules.known_customer(view, effects), members)


def _handoff_state(handoff: Handoff | None) -> str | None:
    """The open handoff as the reader's Context knows it: "on_the_way", "waiting" (here, claimed or not), or None."""
    if handoff is None:
        return None
    return "on_the_way" if handoff.status == HandoffStatus.ON_THE_WAY else "waiting"


def _reachable_again(person, msg: Message) -> None:
    """A number marked unreachable (Twilio could not text it: out of service, not a mobile) that texts us is in
    service again, ported, or was flagged by a passing fault: it gets texts again. An opt-out stays until START."""
    if person.unreachable:
        person.unreachable = False
        log.info("message %s: %s is reachable again", msg.id, mask(msg.phone))


def _customer(session, store: Store, msg: Message) -> tuple[Customer, Handoff | None]:
    """The sender as the store's customer (made on their first text) and their open handoff, if any."""
    found = state.customer_and_open_handoff(session, store.id, msg.phone)
    if found is None:
        customer = Customer(store_id=store.id, phone=msg.phone, channel=msg.channel)
        session.add(customer)
        session.flush()
        return customer, None
    customer, handoff = found
    customer.channel = msg.channel
    return customer, handoff
