"""A customer's text, decided: opt-out and keywords, order numbers, on the way, status, cancel, and what
they say once their pickup is open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ..handoff import AT_STORE, HandoffView, short_name
from ..statuses import OPEN_ORDER, HandoffStatus, OrderStatus
from ..understanding import Meaning
from ..wait import Wait
from .arrival import _arrive, _location
from .effects import (
    NEW_HANDOFF,
    AttachPhoto,
    Effect,
    LinkOrder,
    OpenHandoff,
    Reply,
    TextCustomer,
    TextStaff,
    UpdateCustomer,
    UpdateHandoff,
)
from .recipients import on_duty
from .variables import _name, checkin_vars, handoff_vars, note_vars, order_list
from .views import CustomerView, OrderView, StaffView, StoreView


def decide_customer(
    m: Meaning,
    store: StoreView,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    found_order: OrderView | None = None,
    text: str = "",
    keyword_reply: dict | None = None,
    photo: bool = False,
    wait: Wait | None = None,
) -> list[Effect]:
    """`found_order`: the store's order whose number the text gave, looked up by the caller; `text`: as typed;
    `keyword_reply`: the owner's reply when the text is one of the store's keywords ({"text_en", "text_fr"});
    `photo`: the message carries a picture (MMS/WhatsApp), which goes on the handoff; `wait`: the likely wait if
    this is an arrival (bot/core/wait.py), told with the acknowledgement."""
    if photo:

        def decide(meaning: Meaning, seen: CustomerView) -> list[Effect]:
            return decide_customer(meaning, store, seen, staff, now, found_order, text, keyword_reply, wait=wait)

        return with_photo(m, c, staff, now, text, decide)
    if not c.opted_out:
        return _customer(m, store, c, staff, now, found_order, text, keyword_reply, wait)
    if m.intent == "start":
        return [UpdateCustomer({"opted_out": False}), Reply("opted_in")]
    if m.intent in ("stop", "help"):
        return []
    # Opting out ends texts, not service: an opted-out customer who says they are here is still handed their
    # order. Staff get every alert as for anyone (saying this customer cannot be texted back); nothing more is
    # ever sent to the number itself until START.
    return [
        e
        for e in _customer(m, store, c, staff, now, found_order, text, keyword_reply, wait)
        if not isinstance(e, (Reply, TextCustomer))
    ]


def with_photo(
    m: Meaning,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    text: str,
    decide: Callable[[Meaning, CustomerView], list[Effect]],
) -> list[Effect]:
    """A message with a picture. Alone (no words), from a customer with a ready order, on the way, or asked for their
    spot, it says "I'm here": the picture shows staff the car, so nobody waits for a spot number. With words, they
    are understood as usual (`decide`: decide_customer on the rest of the message). Either way the picture goes on
    the handoff, before any staff text, so the alerts carry it; a picture sent while already waiting reaches the
    staff concerned on its own."""
    h = c.handoff
    alone = m.intent == "other" and not text.strip()
    checking_in = h is None or h.status == "on_the_way" or c.awaiting == "spot"
    if alone and checking_in and (h is not None or any(o.status == "ready" for o in c.orders)):
        m = m._replace(intent="arrived")
    # What the decision sees: the picture as part of what they said ("pending" is merged into the details of the
    # check-in), and on their handoff.
    seen = replace(
        c, pending={**(c.pending or {}), "photo": True}, handoff=replace(h, has_photo=True) if h is not None else None
    )
    effects = [_unmarked(e) for e in decide(m, seen)]
    at = next((i for i, e in enumerate(effects) if isinstance(e, (OpenHandoff, UpdateHandoff))), None)
    if at is not None:
        first = effects[at]
        ref = first.handoff_id if isinstance(first, UpdateHandoff) else NEW_HANDOFF
        return effects[: at + 1] + [AttachPhoto(ref)] + effects[at + 1 :]
    if h is None:
        return effects  # no pickup to attach it to (no order, paused, after hours)
    if alone and h.status in AT_STORE and h.alerted:
        who = (h.claimed_by_id,) if h.status == "claimed" and h.claimed_by_id else on_duty(staff)
        v = handoff_vars(replace(h, has_photo=True), now)
        return [AttachPhoto(h.id), *effects, TextStaff(who, "staff_photo", v, handoff_id=h.id)]
    return [AttachPhoto(h.id), *effects]


def _unmarked(e: Effect) -> Effect:
    """The picture is this message's, not something to remember for their next text (it is on no handoff yet)."""
    if isinstance(e, UpdateCustomer) and isinstance(e.changes.get("pending"), dict) and "photo" in e.changes["pending"]:
        pending = {k: v for k, v in e.changes["pending"].items() if k != "photo"}
        return UpdateCustomer({**e.changes, "pending": pending or None})
    return e


def _customer(
    m: Meaning,
    store: StoreView,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    found_order: OrderView | None,
    text: str,
    keyword_reply: dict | None,
    wait: Wait | None = None,
) -> list[Effect]:
    effects: list[Effect] = []
    if m.intent == "stop":
        return [UpdateCustomer({"opted_out": True, "awaiting": None, "pending": None}), Reply("opted_out")]
    if m.intent == "start":
        return [Reply("opted_in")]
    if m.intent == "help":
        return [Reply("help")]
    if keyword_reply is not None and m.intent == "other":
        # A keyword can't be anything the bot understands (bot/core/keywords.py): this shadows nothing.
        return [Reply("keyword_reply", keyword_reply)]

    h = c.handoff
    if h is not None:
        return effects + _with_open_handoff(m, store, c, h, staff, now, text, wait)

    orders = list(c.orders)
    unverified = False
    # An order number links that order to this phone only in a text about picking it up, or as the answer
    # to "what's your order number?": a stray "DONE 1234" (a customer copying a staff command, a staff member
    # of another store) must not take order 1234 away from the phone it belongs to.
    if m.order is not None and (c.awaiting == "order" or m.intent in ("arrived", "on_the_way", "status")):
        if found_order is not None and found_order.status in OPEN_ORDER and found_order.handoff_id is None:
            if found_order.customer_id != c.id:
                effects.append(LinkOrder(found_order.id))
                unverified = True
                if c.label is None and found_order.customer_name:
                    c = replace(
                        c, label=short_name(found_order.customer_name), first_name=found_order.customer_name.split()[0]
                    )
            if all(o.id != found_order.id for o in orders):
                orders.append(found_order)
        elif not orders or c.awaiting == "order":
            return [
                UpdateCustomer({"awaiting": "order", "pending": _details(m, c)}),
                Reply("order_not_found", {"order": m.order}),
            ]

    if not orders:
        # Paused or closed, no order number would get them served: say so before asking for one.
        if m.intent in ("arrived", "on_the_way") and c.awaiting != "order":
            if store.paused:
                return [Reply("paused", {"message": store.pause_message})]
            if not store.open_now:
                return [Reply("after_hours", {"hours_en": store.hours_en, "hours_fr": store.hours_fr})]
        if m.intent in ("arrived", "on_the_way", "status", "cancel") or c.awaiting == "order":
            return [UpdateCustomer({"awaiting": "order", "pending": _details(m, c)}), Reply("ask_order")]
        return []  # small talk from a number with no order gets no reply (and costs nothing)

    details = _details(m, c)
    intent = details.get("intent", m.intent) if c.awaiting == "order" else m.intent
    if intent in ("arrived", "on_the_way") and store.paused:
        return effects + [Reply("paused", {"message": store.pause_message})]
    if intent in ("arrived", "on_the_way") and not store.open_now:
        return effects + [Reply("after_hours", {"hours_en": store.hours_en, "hours_fr": store.hours_fr})]

    numbers = [o.number for o in orders]
    if intent == "on_the_way":
        return effects + [
            UpdateCustomer({"awaiting": None, "pending": None}),
            OpenHandoff(
                tuple(o.id for o in orders),
                HandoffStatus.ON_THE_WAY,
                eta_minutes=details.get("eta"),
                vehicle=details.get("vehicle"),
                unverified_phone=unverified,
            ),
            Reply("on_the_way_ack", {**_name(c), **_eta(details.get("eta")), **checkin_vars(store)}),
        ]
    if intent == "arrived":
        return effects + _arrive(store, c, None, orders, details, staff, unverified, wait)
    if intent == "status":
        ready = any(o.status == OrderStatus.READY for o in orders)
        key = "status_ready" if ready else "status_not_ready"
        return effects + [
            UpdateCustomer({"awaiting": None}),
            Reply(key, {"orders": order_list(numbers), **checkin_vars(store)}),
        ]
    if intent == "cancel":
        label = c.label or c.phone_label
        return effects + [
            Reply("cancel_request", {"orders": order_list(numbers)}),
            TextStaff(on_duty(staff), "staff_cancel_request", {"customer": label, "orders": order_list(numbers)}),
        ]
    return effects


def _details(m: Meaning, c: CustomerView) -> dict:
    """What this text says about the pickup, merged over what an earlier text said while we asked."""
    merged = dict(c.pending or {})
    for key, value in (
        ("spot", m.spot),
        ("vehicle", m.vehicle),
        ("note", m.note),
        ("eta", m.eta_minutes),
        ("order", m.order),
    ):
        if value is not None:
            merged[key] = value
    if m.door:
        merged["door"] = True
    if m.intent in ("arrived", "on_the_way", "status", "cancel") and not (
        c.awaiting == "order" and merged.get("intent") in ("arrived", "on_the_way")
    ):
        merged["intent"] = m.intent
    return merged


def _eta(minutes: int | None) -> dict:
    if not minutes:
        return {"eta_en": " soon", "eta_fr": ""}
    return {"eta_en": f" in about {minutes} min", "eta_fr": f", dans environ {minutes} min"}


def _with_open_handoff(
    m: Meaning,
    store: StoreView,
    c: CustomerView,
    h: HandoffView,
    staff: list[StaffView],
    now: datetime,
    text: str,
    wait: Wait | None = None,
) -> list[Effect]:
    orders = list(c.orders)
    if c.awaiting == "spot" and (m.spot or m.door or m.intent == "arrived"):
        return _arrive(store, c, h, orders, _details(m, c), staff, False, wait)
    if h.status == HandoffStatus.ON_THE_WAY:
        # Said "on my way" before the owner paused pickups or the store closed: arriving now is an arrival like
        # any other.
        if m.intent == "arrived" and store.paused:
            return [Reply("paused", {"message": store.pause_message})]
        if m.intent == "arrived" and not store.open_now:
            return [Reply("after_hours", {"hours_en": store.hours_en, "hours_fr": store.hours_fr})]
        if m.intent == "arrived":
            return _arrive(store, c, h, orders, _details(m, c), staff, False, wait)
        if m.intent == "on_the_way":
            return [
                UpdateHandoff(h.id, {}, eta_minutes=m.eta_minutes),
                Reply("on_the_way_ack", {**_name(c), **_eta(m.eta_minutes), **checkin_vars(store)}),
            ]
        if m.intent == "status":
            ready = any(o.status == OrderStatus.READY for o in orders)
            return [
                Reply(
                    "status_ready" if ready else "status_not_ready",
                    {"orders": order_list(h.order_numbers), **checkin_vars(store)},
                )
            ]
        if m.intent == "cancel":
            return _cancel(c, h, staff)
        return []

    # Waiting or claimed: the customer is in the lot.
    who = (h.claimed_by_id,) if h.status == HandoffStatus.CLAIMED and h.claimed_by_id else on_duty(staff)
    if m.intent == "cancel":
        return _cancel(c, h, staff)
    if m.intent == "arrived" and (m.spot and m.spot != h.spot or m.vehicle and m.vehicle != h.vehicle or m.door):
        location = _location(store, {"door": m.door}) if m.door else h.location
        changes = {"spot": m.spot or h.spot, "vehicle": m.vehicle or h.vehicle, "location": location}
        if m.note:
            changes["note"] = m.note
        updated = HandoffView(**{**h.__dict__, **changes})
        v = handoff_vars(updated, now)
        effects: list[Effect] = [UpdateHandoff(h.id, changes), Reply("arrival_ack", {**v, **_name(c)})]
        if h.alerted:
            effects.append(TextStaff(who, "staff_update", v, handoff_id=h.id))
        return effects
    if m.intent in ("status", "arrived", "on_the_way"):
        v = handoff_vars(h, now)
        if m.note:
            v.update(note_vars(m.note))
        return [Reply("still_waiting", _name(c)), TextStaff(who, "staff_reminder", v, handoff_id=h.id)]
    note = (m.note or text).strip()
    if note and h.alerted:
        # Whatever else they say in the lot ("trunk's open", "I have a dog") reaches staff verbatim.
        v = handoff_vars(HandoffView(**{**h.__dict__, "note": note}), now)
        return [UpdateHandoff(h.id, {"note": note}), TextStaff(who, "staff_update", v, handoff_id=h.id)]
    return []


def _cancel(c: CustomerView, h: HandoffView, staff: list[StaffView]) -> list[Effect]:
    v = {"customer": h.customer_label, "orders": order_list(h.order_numbers)}
    return [Reply("cancel_request", v), TextStaff(on_duty(staff), "staff_cancel_request", v, handoff_id=h.id)]
