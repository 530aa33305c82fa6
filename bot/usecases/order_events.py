"""Order events from a shop's own system, applied by a worker (`apply_event`) through the same use cases as the API
and the admin pages: orders.create_order, orders.mark_ready, orders.cancel_order. Each event is applied at most once
in effect: its key makes a repeat a no-op, an older Shopify state never overwrites a newer one, and every step is
idempotent, so a worker dying half-way and the sweep running it again changes nothing more. Receiving them is
shop_webhooks.py, connecting the shop shop_connections.py; their names are re-exported here.

Over 300 lines, kept whole: reading each kind of event into a plan and running it is one job, whose steps call one
another (an order arriving runs the events that were waiting for it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..core import shop_events
from ..core.shop_events import ReadyForPickup, ShopOrder, Unreadable
from ..core.statuses import OrderStatus
from ..data.models import Order, OrderEvent, Store
from ..phones import InvalidPhone, region_of, to_e164
from . import orders, state
from .errors import Conflict, Invalid, NotFound
from .ports import ShopLookupError
from .shop_connections import (
    SHOP_DOMAIN,
    Connection,
    Delivery,
    HeldOrder,
    connection,
    orders_without_phone,
    recent_deliveries,
    rotate_webhook_secret,
    secret_for,
    set_shopify_api,
    set_shopify_secret,
)
from .shop_webhooks import check_generic, event_status, receive

if TYPE_CHECKING:
    from ..wiring import Services


# The connection's and the webhook's names too: pages, views and tests take them from here, as before the split.
__all__ = [
    "DONE",
    "SEEN",
    "SHOP_DOMAIN",
    "SOURCES",
    "Connection",
    "Delivery",
    "HeldOrder",
    "Plan",
    "apply_event",
    "check_generic",
    "connection",
    "event_status",
    "orders_without_phone",
    "receive",
    "recent_deliveries",
    "rotate_webhook_secret",
    "secret_for",
    "set_shopify_api",
    "set_shopify_secret",
    "stuck_events",
]

log = logging.getLogger(__name__)

SOURCES = ("shopify", "generic")
# Events whose state counts when deciding whether a newer one was seen already (a cancellation waiting for its
# order included).
SEEN = ("applying", "applied", "ignored", "no_phone", "unmatched")
DONE = ("applied", "ignored", "stale", "no_phone", "unmatched", "failed")


# --- applying ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What an event asks of the order use cases, once read."""

    action: str  # create | ready | cancel | none
    number: str | None = None
    phone: str | None = None
    name: str | None = None
    language: str | None = None
    items: list | None = None
    ready: bool = False


def apply_event(svc: Services, event_id: int) -> str:
    """Applies one stored event; its final status. Idempotent: an event already done is left alone; one left
    'applying' by a worker that died is applied again, which the order use cases make harmless."""
    now = svc.clock()
    asked = _ask_shopify(svc, event_id)
    with svc.db.write() as session:
        event = session.get(OrderEvent, event_id)
        if event is None:
            return "gone"
        if event.status in DONE:
            return event.status
        store = state.lock_store(session, event.store_id)  # one store's events are decided one at a time
        outcome = _decide(session, store, event, asked)
        if isinstance(outcome, str):
            event.status, event.applied_at = outcome, now
            return outcome
        event.status = "applying"
        store_id, plan = store.id, outcome
    status, note = _run(svc, store_id, plan)
    with svc.db.write() as session:
        event = session.get_one(OrderEvent, event_id)
        event.status, event.note, event.applied_at = status, note, now
        external_id, source = event.external_id, event.source
    if plan.action == "create" and status == "applied":
        _waiting_for_order(svc, store_id, source, external_id)
    return status


@dataclass(frozen=True)
class Asked:
    """What Shopify's Admin API said of a "prepared for pickup" that names no order."""

    order_id: str | None = None
    problem: str | None = None


def _ask_shopify(svc: Services, event_id: int) -> Asked | None:
    """Before any lock is taken (a network call must not hold the store): for a "prepared for pickup" that names
    only its fulfillment order, ask Shopify which order it is, when the store gave us a way to. A transient failure
    raises, so the job is retried and the event stays 'received' for the sweep."""
    with svc.db.read() as session:
        row = session.execute(
            select(OrderEvent.status, OrderEvent.topic, OrderEvent.body, Store.shopify_domain, Store.shopify_token)
            .join(Store, Store.id == OrderEvent.store_id)
            .where(OrderEvent.id == event_id, OrderEvent.source == "shopify")
        ).first()
    if row is None or row.status in DONE or row.topic != shop_events.READY_TOPIC:
        return None
    try:
        ready = shop_events.read_shopify(row.topic, json.loads(row.body))
    except (ValueError, Unreadable):
        return None  # _decide says why
    if not isinstance(ready, ReadyForPickup) or ready.external_id or not ready.fulfillment_order_id:
        return None
    if not (row.shopify_domain and row.shopify_token):
        return None
    try:
        return Asked(order_id=svc.shopify.order_of(row.shopify_domain, row.shopify_token, ready.fulfillment_order_id))
    except ShopLookupError as exc:
        if exc.transient:
            raise
        return Asked(problem=str(exc)[:150])


def _decide(session, store: Store, event: OrderEvent, asked: Asked | None = None) -> Plan | str:
    """Inside the store lock: the event read, its facts noted on its row, and either a Plan or a final status."""
    try:
        payload = json.loads(event.body)
    except ValueError:
        event.note = "not JSON"
        return "failed"
    if event.source == "generic":
        try:
            return _generic(session, event, payload)
        except Invalid as exc:  # checked when received; only a body stored by an older version could fail here
            event.note = str(exc)[:200]
            return "failed"
    try:
        read = shop_events.read_shopify(event.topic, payload)
    except Unreadable as exc:
        event.note = str(exc)[:200]
        return "failed"
    if isinstance(read, ReadyForPickup):
        return _shopify_ready(session, event, read, asked)
    return _shopify_order(session, store, event, read)


def _shopify_order(session, store: Store, event: OrderEvent, order: ShopOrder) -> Plan | str:
    event.external_id, event.number, event.source_updated_at = order.external_id, order.number, order.updated_at
    event.customer_name = order.customer_name
    if _newer_seen(session, event):
        event.note = "a newer state of this order was applied already"
        return "stale"
    ours = _order_here(session, store.id, order.number)
    if order.cancelled or event.topic == "orders/cancelled":
        if ours is not None:
            return Plan("cancel", number=ours.number)
        if not order.pickup:
            event.note = "not an order here"
            return "ignored"
        # Its creation may still be on its way (or being applied by another worker): applied once the order is
        # here, and meanwhile it makes any older creation stale.
        event.note = "the order has not come in yet"
        return "unmatched"
    if ours is not None:
        return "applied"  # known here already: what changed in Shopify since (items, notes) is not ours to follow
    if not order.pickup:
        event.note = "not a pickup order (shipping or local delivery)"
        return "ignored"
    if order.number is None:
        event.note = "no order number"
        return "failed"
    phone = _first_phone(order.phones, store)
    if phone is None:
        event.note = "no usable phone number"
        return "no_phone"
    return Plan(
        "create",
        number=order.number,
        phone=phone,
        name=order.customer_name,
        language=order.language,
        items=list(order.items) or None,
    )


def _shopify_ready(session, event: OrderEvent, ready: ReadyForPickup, asked: Asked | None) -> Plan | str:
    event.external_id = ready.external_id or (asked.order_id if asked else None)
    if not ready.pickup:
        event.note = "not a pickup"
        return "ignored"
    if event.external_id is None:
        why = asked.problem if asked and asked.problem else "no Shopify API access to ask which order it is"
        event.note = f"fulfillment order {ready.fulfillment_order_id} names no order: {why}"[:200]
        return "unmatched"
    number = _number_of(session, event)
    if number is None:
        event.note = "the order has not come in yet"
        return "unmatched"  # applied once the order comes in (_waiting_for_order)
    event.number = number
    return Plan("ready", number=number)


def _generic(session, event: OrderEvent, payload: dict) -> Plan | str:
    order = payload.get("order") or {}
    number = orders.check_number(order.get("number"))
    event.external_id = event.number = number
    event.customer_name = order.get("customer_name") if isinstance(order.get("customer_name"), str) else None
    kind = payload.get("event")
    if kind == "created":
        return Plan(
            "create",
            number=number,
            phone=order.get("customer_phone"),
            name=order.get("customer_name"),
            language=order.get("language"),
            items=order.get("items"),
            ready=order.get("status") == OrderStatus.READY,
        )
    if _order_here(session, event.store_id, number) is None:
        event.note = "the order has not come in yet"
        return "unmatched"
    return Plan("ready" if kind == "ready" else "cancel", number=number)


def _run(svc: Services, store_id: int, plan: Plan) -> tuple[str, str | None]:
    """The order use case the plan names, outside the event's transaction (each takes the store lock itself); a
    refusal is the event's final state, said in its note."""
    try:
        if plan.action == "create":
            orders.create_order(
                svc,
                store_id,
                plan.number,
                plan.phone,
                plan.name,
                language=plan.language,
                items=plan.items,
                status=OrderStatus.READY if plan.ready else OrderStatus.PENDING,
            )
        elif plan.action == "ready":
            orders.mark_ready(svc, store_id, plan.number)
        elif plan.action == "cancel":
            orders.cancel_order(svc, store_id, plan.number)
    except Conflict as exc:
        # Created already (a repeat after a crash, or the API was first), or handed off: nothing more to do.
        return ("applied" if plan.action == "create" else "ignored"), str(exc)[:200]
    except Invalid as exc:
        return "failed", str(exc)[:200]
    except NotFound as exc:
        return "unmatched", str(exc)[:200]
    return "applied", None


def _waiting_for_order(svc: Services, store_id: int, source: str, external_id: str | None) -> None:
    """Ready and cancelled events that came before their order (deliveries come out of order, and two workers may
    apply a creation and its cancellation at once): applied now that it is here."""
    if external_id is None:
        return
    with svc.db.write() as session:
        waiting = list(
            session.scalars(
                select(OrderEvent).where(
                    OrderEvent.store_id == store_id,
                    OrderEvent.source == source,
                    OrderEvent.external_id == external_id,
                    OrderEvent.status == "unmatched",
                )
            )
        )
        for event in waiting:
            event.status = "received"
        ids = [e.id for e in waiting]
    for event_id in ids:
        apply_event(svc, event_id)


def _newer_seen(session, event: OrderEvent) -> bool:
    """Shopify delivers out of order: a state older than one already applied for the same order is dropped."""
    if event.source_updated_at is None:
        return False
    return (
        session.scalars(
            select(OrderEvent.id)
            .where(
                OrderEvent.store_id == event.store_id,
                OrderEvent.source == event.source,
                OrderEvent.external_id == event.external_id,
                OrderEvent.id != event.id,
                OrderEvent.status.in_(SEEN),
                OrderEvent.source_updated_at > event.source_updated_at,
            )
            .limit(1)
        ).first()
        is not None
    )


def _number_of(session, event: OrderEvent) -> str | None:
    """The number here of the shop's order `event.external_id`, from the order events that brought it in."""
    return session.scalars(
        select(OrderEvent.number)
        .join(Order, (Order.store_id == OrderEvent.store_id) & (Order.number == OrderEvent.number))
        .where(
            OrderEvent.store_id == event.store_id,
            OrderEvent.source == event.source,
            OrderEvent.external_id == event.external_id,
            OrderEvent.number.is_not(None),
        )
        .limit(1)
    ).first()


def _order_here(session, store_id: int, number: str | None) -> Order | None:
    if number is None:
        return None
    return session.scalars(select(Order).where(Order.store_id == store_id, Order.number == number)).first()


def _first_phone(candidates: tuple[str, ...], store: Store) -> str | None:
    """The first of the payload's phones that can be texted, in E.164 (bot/phones.py, the one normaliser)."""
    region = region_of(store.sms_number)
    for raw in candidates:
        try:
            return to_e164(raw, region)
        except InvalidPhone:
            continue
    return None


# --- the sweep ------------------------------------------------------------------------------------------------------


def stuck_events(db, now: datetime, after_seconds: float, limit: int = 100) -> list[int]:
    """Events stored but not applied after `after_seconds`: Redis lost their job, or a worker died applying them."""
    with db.read() as session:
        return list(
            session.scalars(
                select(OrderEvent.id)
                .where(
                    OrderEvent.status.in_(("received", "applying")),
                    OrderEvent.received_at < now - timedelta(seconds=after_seconds),
                )
                .order_by(OrderEvent.id)
                .limit(limit)
            )
        )
