"""One-tap check-in: each ready order's link (`/c/<token>`, texted with "order ready"), the page it opens, and the
page's "on my way" / "I'm here", decided as the same arrival a text makes (inbound.decide_for_customer)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..core.checkin import read_form, repeats
from ..core.handoff import AT_STORE
from ..core.statuses import OPEN_ORDER
from ..data.models import Customer, Handoff, Order, Store
from ..phones import address
from . import state
from .apply import Sender, apply, until_claim_holds
from .errors import Gone, Invalid, NotFound
from .inbound import decide_for_customer
from .outbox import after_commit

if TYPE_CHECKING:
    from ..wiring import Services

TOKEN_BYTES = 12  # 96 bits: 16 characters in the link, unguessable


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def checkin_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/c/{token}"


def issue(order: Order) -> str:
    """Inside the caller's transaction: a new check-in token for the order (replacing any earlier one); only its
    SHA-256 is kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    order.checkin_hash = token_hash(token)
    return token


@dataclass(frozen=True)
class CheckinPage:
    """What the page shows: the pickup as it stands now."""

    store_name: str
    handoff_mode: str  # car | door | both
    language: str  # the customer's
    order_numbers: tuple[str, ...]
    status: str | None  # None (not checked in) | on_the_way | waiting | claimed
    alerted: bool
    location: str | None
    spot: str | None
    vehicle: str | None
    eta_at: datetime | None
    wait_low: int | None
    wait_high: int | None
    place: int | None  # 1: next in line; None when not waiting
    paused: bool
    pause_message: str
    open_now: bool
    hours: str


def _order(session, token: str) -> Order:
    """The order the link is for: NotFound for a link that never was, Gone for one whose pickup is over."""
    if not token or len(token) > 64:
        raise NotFound("no such check-in link")
    order = session.scalars(select(Order).where(Order.checkin_hash == token_hash(token))).first()
    if order is None:
        raise NotFound("no such check-in link")
    if order.status not in OPEN_ORDER:
        raise Gone(f"order {order.number} is {order.status}")
    return order


def _place(session, store_id: int, h: Handoff) -> int | None:
    """1 + the handoffs at the store that arrived before this one and are not yet handed off."""
    if h.status not in AT_STORE or h.arrived_at is None:
        return None
    ahead = session.scalars(
        select(Handoff.id).where(
            Handoff.store_id == store_id,
            Handoff.status.in_(AT_STORE),
            Handoff.arrived_at < h.arrived_at,
            Handoff.id != h.id,
        )
    ).all()
    return len(ahead) + 1


def page(svc: Services, token: str) -> CheckinPage:
    now = svc.clock()
    with svc.db.read() as session:
        order = _order(session, token)
        store = session.get_one(Store, order.store_id)
        customer = session.get_one(Customer, order.customer_id)
        h = state.open_handoff(session, customer.id)
        orders = state.open_orders(session, customer.id)
        view = state.store_view(store, now)
        lang = state.reply_language(session, store, customer)
        return CheckinPage(
            store_name=store.name,
            handoff_mode=store.handoff_mode,
            language=lang,
            order_numbers=tuple(o.number for o in orders) or (order.number,),
            status=h.status if h else None,
            alerted=bool(h and h.alerted),
            location=h.location if h else None,
            spot=h.spot if h else None,
            vehicle=h.vehicle if h else None,
            eta_at=h.eta_at if h else None,
            wait_low=h.wait_low if h else None,
            wait_high=h.wait_high if h else None,
            place=_place(session, store.id, h) if h else None,
            paused=view.paused,
            pause_message=view.pause_message,
            open_now=view.open_now,
            hours=view.hours_fr if lang == "fr" else view.hours_en,
        )


def submit(svc: Services, token: str, form: dict[str, str], language: str) -> str:
    """The page's form, taken as the customer's text would be: the same decision, alerts, acknowledgement (texted,
    unless they opted out) and board. Returns the intent ("repeat": "I'm here" again with nothing new, so nothing
    done). Invalid (field "checkin") names what the form lacks."""
    now = svc.clock()

    def decide_and_apply():
        with svc.db.write() as session:
            order = _order(session, token)
            store = state.lock_store(session, order.store_id)
            checked = read_form(form, store.handoff_mode, language)
            if checked.meaning is None:
                raise Invalid("checkin", checked.problem or "action_missing")
            customer = session.get_one(Customer, order.customer_id)
            handoff = state.open_handoff(session, customer.id)
            if handoff is not None and repeats(checked.meaning, state.handoff_view(handoff)):
                return "repeat", None
            sender = Sender(
                address(customer.channel, customer.phone),
                address(customer.channel, store.sms_number),
                customer=customer,
            )
            decision = decide_for_customer(session, store, customer, checked.meaning, now, sender)
            applied = apply(
                session, store, decision.effects, now, sender=sender, handoff=decision.handoff, claim=svc.send_inline
            )
            return decision.intent, applied

    intent, applied = until_claim_holds(decide_and_apply, f"check-in of {token_hash(token)[:8]}")
    if applied is not None:
        after_commit(svc, applied)
    return intent
