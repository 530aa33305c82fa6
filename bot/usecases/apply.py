"""Applies a decision's effects inside the caller's transaction: state changes, outbox rows, timers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, TypeVar

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..core import conversation as c
from ..core.cancellation import CancelOrder
from ..core.texts import render
from ..data.db import PreparedInsert
from ..data.models import Customer, Handoff, Message, Order, Staff, Store
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


@dataclass
class Applied:
    outbox: list[tuple[int, int]] = field(default_factory=list)  # (message id, priority) of texts to send
    claimed: list[Claimed] = field(default_factory=list)  # those of them already claimed for sending
    timers: list[tuple[str, int, int, int]] = field(default_factory=list)  # (job, handoff_id, level, delay)
    handoff_id: int | None = None
    store_id: int | None = None
    replies: list[str] = field(default_factory=list)  # rendered for a screen, when the sender has no address


# A decision's texts go in as one multi-row INSERT on the Session's connection rather than as ORM objects: the unit
# of work (an INSERT per text once a query's autoflush split them, object state, identity map) cost more than a
# millisecond of the worker's CPU per arrival (bench/profile.py).
INSERT_OUTGOING = PreparedInsert(Message.__table__, (
    "store_id", "direction", "channel", "from_addr", "to_addr", "phone", "body", "status", "attempts", "status_at",
    "audience", "template", "staff_id", "customer_id", "handoff_id", "priority", "created_at"))


_LINK_ORDERS = (update(Order.__table__).where(Order.__table__.c.id.in_(bindparam("ids", expanding=True)))
                .values(handoff_id=bindparam("handoff_id")))


def _link_orders(session: Session, order_ids, handoff_id: int) -> None:
    """Attach orders to a handoff with one Core UPDATE, built once: the ORM's bulk UPDATE (statement building, then
    evaluating its criteria against every object in the session) cost three times the statement. The orders this
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


def apply(session: Session, store: Store, effects: list, now: datetime, sender: Sender | None = None,
          handoff: Handoff | None = None, claim: bool = False) -> Applied:
    """`claim`: the caller sends the texts itself right after the commit (a worker), so each one a reachable person
    is to get is written already claimed, saving a transaction per text on the busiest path. A text to a person
    who opted out or cannot be reached stays 'queued' for the ordinary send path, which skips it."""
    out = Applied(handoff_id=handoff.id if handoff else None, store_id=store.id)
    with session.no_autoflush:  # the owner's wording depends on nothing pending: no flush of its own for it
        texts = state.overrides(session, store.id)
    current = handoff
    written: list[dict] = []  # the texts, as messages rows: inserted together once the effects are applied

    def handoff_for(ref: int | None) -> Handoff | None:
        if ref == c.NEW_HANDOFF:
            return current
        return session.get(Handoff, ref) if ref is not None else None

    def queue(to_addr: str, from_addr: str, body: str, *, audience: str, template: str, phone: str,
              person: Customer | Staff, staff_id=None, customer_id=None, handoff_id=None, priority=0) -> None:
        claimed = claim and not (person.opted_out or person.unreachable)
        channel = "whatsapp" if to_addr.startswith("whatsapp:") else "sms"
        written.append({
            "store_id": store.id, "direction": "out", "channel": channel, "from_addr": from_addr, "to_addr": to_addr,
            "phone": phone, "body": body,
            "status": "sending" if claimed else "queued", "attempts": 1 if claimed else 0,
            "status_at": now if claimed else None, "audience": audience, "template": template, "staff_id": staff_id,
            "customer_id": customer_id, "handoff_id": handoff_id, "priority": priority, "created_at": now})

    def text_customer(customer: Customer, key: str, variables: dict, handoff_id=None, to_addr=None,
                      from_addr=None) -> None:
        lang = state.reply_language(session, store, customer)
        # Every customer text may use {name} in the owner's wording (bot/core/texts.override_problem), not only
        # those whose default does.
        first = state.first_name(customer.name)
        body = render(key, lang, {"store": store.name, "name": f" {first}" if first else "", **variables}, texts)
        queue(to_addr or address(customer.channel, customer.phone),
              from_addr or address(customer.channel, store.sms_number), body, audience="customer", template=key,
              phone=customer.phone, person=customer, customer_id=customer.id, handoff_id=handoff_id)

    def text_staff(member: Staff, key: str, variables: dict, handoff_id=None, to_addr=None, from_addr=None) -> None:
        body = render(key, member.language, {"store": store.name, **variables}, texts)
        queue(to_addr or member.phone, from_addr or store.sms_number, body, audience="staff", template=key,
              phone=member.phone, person=member, staff_id=member.id, handoff_id=handoff_id, priority=STAFF_PRIORITY)

    for effect in effects:
        if isinstance(effect, c.OpenHandoff):
            customer = sender.customer
            current = Handoff(store_id=store.id, customer_id=customer.id, status=effect.status,
                              location=effect.location, spot=effect.spot, vehicle=effect.vehicle, note=effect.note,
                              unverified_phone=effect.unverified_phone, alerted=effect.alerted,
                              alerted_at=now if effect.alerted else None,
                              arrived_at=now if effect.arrived else None, created_at=now,
                              eta_at=now + timedelta(minutes=effect.eta_minutes) if effect.eta_minutes else None)
            session.add(current)
            session.flush()
            out.handoff_id = current.id
            _link_orders(session, effect.order_ids, current.id)
        elif isinstance(effect, c.UpdateHandoff):
            h = handoff_for(effect.handoff_id)
            for key, value in effect.changes.items():
                setattr(h, key, value)
            if effect.changes.get("alerted") and h.alerted_at is None:
                h.alerted_at = now
            if effect.arrived and h.arrived_at is None:
                h.arrived_at = now
            if effect.eta_minutes:
                h.eta_at = now + timedelta(minutes=effect.eta_minutes)
            if effect.add_order_ids:
                _link_orders(session, effect.add_order_ids, h.id)
            current = h
            out.handoff_id = h.id
        elif isinstance(effect, c.ClaimHandoff):
            # Belt and braces under the store lock: only a waiting handoff can be claimed.
            result = session.execute(
                update(Handoff).where(Handoff.id == effect.handoff_id, Handoff.status == "waiting")
                .values(status="claimed", claimed_by_id=effect.staff_id, claimed_at=now)
                .execution_options(synchronize_session="fetch"))
            if result.rowcount != 1:
                raise ClaimLost(effect.handoff_id)
        elif isinstance(effect, c.CompleteHandoff):
            h = session.get(Handoff, effect.handoff_id)
            h.status, h.done_at = "done", now
            if h.claimed_by_id is None:
                h.claimed_by_id, h.claimed_at = effect.staff_id, now
            session.execute(update(Order).where(Order.handoff_id == h.id, Order.status.in_(("pending", "ready")))
                            .values(status="handed_off"))
        elif isinstance(effect, c.UpdateCustomer):
            for key, value in effect.changes.items():
                setattr(sender.customer, key, value)
        elif isinstance(effect, c.UpdateStaff):
            for key, value in effect.changes.items():
                setattr(sender.staff, key, value)
        elif isinstance(effect, c.LinkOrder):
            order = session.get(Order, effect.order_id)
            order.customer_id = sender.customer.id
            if sender.customer.name is None and order.customer_name:
                sender.customer.name = order.customer_name
        elif isinstance(effect, c.Reply):
            session.flush()
            hid = current.id if current else None
            if sender.address is None:
                lang = sender.staff.language if sender.staff else store.language
                out.replies.append(render(effect.key, lang, {"store": store.name, **effect.vars}, texts))
            elif sender.staff is not None:
                text_staff(sender.staff, effect.key, effect.vars, hid, sender.address, sender.store_address)
            else:
                text_customer(sender.customer, effect.key, effect.vars, hid, sender.address, sender.store_address)
        elif isinstance(effect, c.TextCustomer):
            customer = session.get(Customer, effect.customer_id)
            if customer.opted_out:
                continue
            hid = current.id if current else None
            text_customer(customer, effect.key, effect.vars, hid)
        elif isinstance(effect, c.TextStaff):
            h = handoff_for(effect.handoff_id)
            for staff_id in effect.staff_ids:
                member = session.get(Staff, staff_id)
                text_staff(member, effect.key, effect.vars, h.id if h else None)
        elif isinstance(effect, c.Schedule):
            h = handoff_for(effect.handoff_id)
            out.timers.append((effect.job, h.id, effect.level, effect.delay_seconds))
        elif isinstance(effect, CancelOrder):
            session.get(Order, effect.order_id).status = "cancelled"
        else:  # pragma: no cover - a new effect type without an applier is a programming error
            raise TypeError(f"no applier for {effect!r}")
    session.flush()  # the handoffs, customers and staff the texts refer to are written first
    if written:
        ids = INSERT_OUTGOING.insert_in(session.connection(), written)
        for message_id, row in zip(ids, written):
            out.outbox.append((message_id, row["priority"]))
            if row["status"] == "sending":
                out.claimed.append(Claimed(message_id, row["priority"], row["to_addr"], row["from_addr"], row["body"],
                                           row["status_at"]))
    return out

