"""decide(): given what a text means and the state it lands in, the effects to apply. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from .handoff import AT_STORE, HandoffView, short_name, target_for_claim, target_for_done
from .understanding import Meaning
from .wait import Wait, wait_vars

# Effects name the handoff this same decision opens with this id (it has no database id yet).
NEW_HANDOFF = 0

# How long a customer who said "here" without a spot may stay silent before staff are alerted anyway.
SPOT_GRACE_SECONDS = 90


# --- the state a decision reads -------------------------------------------------------------


@dataclass(frozen=True)
class StoreView:
    id: int
    name: str
    language: str = "fr"
    handoff_mode: str = "both"  # car | door | both
    escalation_seconds: int = 300
    paused: bool = False
    pause_message: str = ""
    open_now: bool = True
    hours_en: str = ""  # opening hours as a customer reads them
    hours_fr: str = ""


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    status: str  # pending | ready | handed_off | cancelled
    customer_id: int
    handoff_id: int | None = None
    customer_name: str | None = None


@dataclass(frozen=True)
class CustomerView:
    id: int
    first_name: str | None = None
    label: str | None = None  # first name and last initial, as staff see it
    opted_out: bool = False
    awaiting: str | None = None
    pending: dict = field(default_factory=dict)
    orders: tuple[OrderView, ...] = ()  # open orders (pending or ready) not yet handed off
    handoff: HandoffView | None = None  # the open handoff, if any


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    role: str = "staff"  # staff | manager | owner
    on_duty: bool = True
    reachable: bool = True  # not opted out, not marked unreachable


# --- the effects a decision returns -----------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A text back to whoever sent the message (even an opted-out customer's STOP confirmation)."""

    key: str
    vars: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TextCustomer:
    """A text to the handoff's customer, in their language, on their channel."""

    customer_id: int
    key: str
    vars: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TextStaff:
    staff_ids: tuple[int, ...]
    key: str
    vars: dict = field(default_factory=dict)
    handoff_id: int | None = None  # NEW_HANDOFF: the one this decision opens; None: no handoff


@dataclass(frozen=True)
class OpenHandoff:
    order_ids: tuple[int, ...]
    status: str
    location: str = "car"
    spot: str | None = None
    vehicle: str | None = None
    note: str | None = None
    eta_minutes: int | None = None
    unverified_phone: bool = False
    alerted: bool = False
    arrived: bool = False
    wait_low: int | None = None  # the wait the customer is told, in minutes (bot/core/wait.py)
    wait_high: int | None = None


@dataclass(frozen=True)
class UpdateHandoff:
    handoff_id: int
    changes: dict
    arrived: bool = False  # stamp arrived_at now
    eta_minutes: int | None = None
    add_order_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class UpdateCustomer:
    changes: dict


@dataclass(frozen=True)
class UpdateStaff:
    changes: dict


@dataclass(frozen=True)
class LinkOrder:
    """Attach an order found by its number to the phone that texted (the number was not on file)."""

    order_id: int


@dataclass(frozen=True)
class ClaimHandoff:
    handoff_id: int
    staff_id: int


@dataclass(frozen=True)
class CompleteHandoff:
    handoff_id: int
    staff_id: int | None


@dataclass(frozen=True)
class Schedule:
    """A timed job: "escalate" (with its level) or "nudge" (alert even without a spot)."""

    job: str
    delay_seconds: int
    level: int = 0
    handoff_id: int = NEW_HANDOFF


Effect = (
    Reply
    | TextCustomer
    | TextStaff
    | OpenHandoff
    | UpdateHandoff
    | UpdateCustomer
    | UpdateStaff
    | LinkOrder
    | ClaimHandoff
    | CompleteHandoff
    | Schedule
)


# --- text variables ---------------------------------------------------------------------------


def order_list(numbers) -> str:
    return ", ".join(f"#{n.lstrip('#')}" for n in numbers)


def note_vars(note: str | None) -> dict:
    """A customer's words for staff, quoted as typed; French puts a non-breaking space before the colon."""
    if not note:
        return {"note": "", "note_fr": ""}
    return {"note": f' Note: "{note}"', "note_fr": f' Note\u00a0: "{note}"'}


def handoff_vars(h: HandoffView, now: datetime | None = None) -> dict:
    """The variables every handoff text may use, in both languages."""
    if h.location == "door":
        where_en, where_fr = "at the door", "à la porte"
    elif h.spot:
        where_en, where_fr = f"spot {h.spot}", f"place {h.spot}"
    else:
        where_en, where_fr = "spot not given yet", "place pas encore donnée"
    return {
        "customer": h.customer_label,
        "where_en": where_en,
        "where_fr": where_fr,
        "vehicle": f", {h.vehicle}" if h.vehicle else "",
        "orders": order_list(h.order_numbers),
        "ref": h.order_numbers[0].lstrip("#") if h.order_numbers else str(h.id),
        **note_vars(h.note),
        "unverified_en": " Phone not on file: check the name." if h.unverified_phone else "",
        "unverified_fr": " Numéro inconnu\u00a0: vérifiez le nom." if h.unverified_phone else "",
        "no_texts_en": " Opted out of texts: can't be texted back." if h.customer_opted_out else "",
        "no_texts_fr": " A refusé les textos\u00a0: impossible de lui répondre." if h.customer_opted_out else "",
        "staff": h.claimed_by_name or "",
        "minutes": h.waited_minutes(now) if now else 0,
    }


def checkin_vars(store: StoreView) -> dict:
    if store.handoff_mode == "door":
        return {"checkin_en": "reply HERE.", "checkin_fr": "répondez ARRIVÉ."}
    return {
        "checkin_en": "reply HERE and your spot number (e.g. HERE 4).",
        "checkin_fr": "répondez ARRIVÉ et votre numéro de place (ex. ARRIVÉ 4).",
    }


def _name(c: CustomerView) -> dict:
    return {"name": f" {c.first_name}" if c.first_name else ""}


# --- who gets staff texts ---------------------------------------------------------------------


def on_duty(staff: list[StaffView], exclude: int | None = None) -> tuple[int, ...]:
    """Staff on duty; when nobody is, managers and owners, so that no customer goes unseen."""
    ids = tuple(s.id for s in staff if s.on_duty and s.reachable and s.id != exclude)
    if ids or exclude is not None:
        return ids
    return managers(staff)


def managers(staff: list[StaffView]) -> tuple[int, ...]:
    return tuple(s.id for s in staff if s.role in ("manager", "owner") and s.reachable)


# --- customers --------------------------------------------------------------------------------


def decide_customer(
    m: Meaning,
    store: StoreView,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    found_order: OrderView | None = None,
    text: str = "",
    keyword_reply: dict | None = None,
    wait: Wait | None = None,
) -> list[Effect]:
    """`found_order`: the store's order whose number the text gave, looked up by the caller; `text`: as typed;
    `keyword_reply`: the owner's reply when the text is one of the store's keywords ({"text_en", "text_fr"});
    `wait`: the likely wait if this is an arrival (bot/core/wait.py), told with the acknowledgement."""
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
        if found_order is not None and found_order.status in ("pending", "ready") and found_order.handoff_id is None:
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
                "on_the_way",
                eta_minutes=details.get("eta"),
                vehicle=details.get("vehicle"),
                unverified_phone=unverified,
            ),
            Reply("on_the_way_ack", {**_name(c), **_eta(details.get("eta")), **checkin_vars(store)}),
        ]
    if intent == "arrived":
        return effects + _arrive(store, c, None, orders, details, staff, unverified, wait)
    if intent == "status":
        ready = any(o.status == "ready" for o in orders)
        key = "status_ready" if ready else "status_not_ready"
        return effects + [
            UpdateCustomer({"awaiting": None}),
            Reply(key, {"orders": order_list(numbers), **checkin_vars(store)}),
        ]
    if intent == "cancel":
        label = c.label or "?"
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


def _location(store: StoreView, details: dict) -> str:
    if store.handoff_mode == "door":
        return "door"
    if store.handoff_mode == "both" and details.get("door"):
        return "door"
    return "car"


def _arrive(
    store: StoreView,
    c: CustomerView,
    h: HandoffView | None,
    orders: list[OrderView],
    details: dict,
    staff: list[StaffView],
    unverified: bool,
    wait: Wait | None = None,
) -> list[Effect]:
    location = _location(store, details)
    spot = details.get("spot") if location == "car" else None
    ready = any(o.status == "ready" for o in orders)
    fields: dict[str, Any] = {
        "location": location,
        "spot": spot,
        "vehicle": details.get("vehicle"),
        "note": details.get("note"),
    }
    needs_spot = location == "car" and not spot and not c.opted_out  # no asking someone we cannot text
    alert = ready and not needs_spot
    told = wait if alert and wait is not None else None
    if told is not None:
        fields["wait_low"], fields["wait_high"] = told.low, told.high
    effects: list[Effect] = []
    if h is None:
        effects.append(
            OpenHandoff(
                tuple(o.id for o in orders),
                "waiting",
                unverified_phone=unverified,
                alerted=alert,
                arrived=True,
                **fields,
            )
        )
        ref = NEW_HANDOFF
    else:
        changes = {
            "status": "waiting",
            "alerted": alert,
            **{k: v for k, v in fields.items() if v is not None},
            "location": location,
        }
        if unverified:
            changes["unverified_phone"] = True
        effects.append(
            UpdateHandoff(
                h.id, changes, arrived=True, add_order_ids=tuple(o.id for o in orders if o.handoff_id is None)
            )
        )
        ref = h.id
    view = HandoffView(
        id=ref,
        status="waiting",
        customer_id=c.id,
        customer_label=_label(c, h),
        order_numbers=tuple(o.number for o in orders),
        location=location,
        spot=spot,
        vehicle=fields["vehicle"],
        note=fields["note"],
        unverified_phone=unverified or bool(h and h.unverified_phone),
        customer_opted_out=c.opted_out,
    )
    v = handoff_vars(view)
    if needs_spot:
        return effects + [
            UpdateCustomer({"awaiting": "spot", "pending": details}),
            Reply("ask_spot", _name(c)),
            Schedule("nudge", SPOT_GRACE_SECONDS, handoff_id=ref),
        ]
    effects.append(UpdateCustomer({"awaiting": None, "pending": None}))
    if alert:
        return effects + [
            Reply("arrival_ack", {**v, **_name(c), **wait_vars(told)}),
            TextStaff(on_duty(staff), "staff_arrival", v, handoff_id=ref),
            Schedule("escalate", store.escalation_seconds, level=1, handoff_id=ref),
        ]
    return effects + [
        Reply("not_ready", {**v, **_name(c)}),
        TextStaff(on_duty(staff), "staff_not_ready", v, handoff_id=ref),
    ]


def _label(c: CustomerView, h: HandoffView | None) -> str:
    if h is not None and h.customer_label != "?":
        return h.customer_label
    return c.label or c.first_name or "?"


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
    if h.status == "on_the_way":
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
            ready = any(o.status == "ready" for o in orders)
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
    who = (h.claimed_by_id,) if h.status == "claimed" and h.claimed_by_id else on_duty(staff)
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


# --- orders becoming ready --------------------------------------------------------------------


def decide_order_ready(
    store: StoreView,
    order: OrderView,
    c: CustomerView,
    staff: list[StaffView],
    now: datetime,
    link: str = "",
    wait: Wait | None = None,
) -> list[Effect]:
    """`link`: the order's one-tap check-in page, texted with "order ready"; `wait`: the likely wait of a customer
    already in the lot, told with their acknowledgement."""
    h = c.handoff
    if h is not None and h.status == "waiting" and not h.alerted:
        # They are already in the lot: the alert goes out the moment the order is ready.
        numbers = h.order_numbers if order.number in h.order_numbers else h.order_numbers + (order.number,)
        view = HandoffView(**{**h.__dict__, "order_numbers": numbers})
        v = handoff_vars(view, now)
        add = () if order.handoff_id == h.id else (order.id,)
        told = {"wait_low": wait.low, "wait_high": wait.high} if wait is not None and not c.opted_out else {}
        effects: list[Effect] = [
            UpdateHandoff(h.id, {"alerted": True, **told}, add_order_ids=add),
            TextStaff(on_duty(staff), "staff_arrival", v, handoff_id=h.id),
            Schedule("escalate", store.escalation_seconds, level=1, handoff_id=h.id),
        ]
        if not c.opted_out:
            effects.append(TextCustomer(c.id, "arrival_ack", {**v, **_name(c), **wait_vars(wait)}))
        return effects
    if h is not None and h.status in AT_STORE:
        return [UpdateHandoff(h.id, {}, add_order_ids=(order.id,) if order.handoff_id != h.id else ())]
    if c.opted_out:
        return []
    return [
        TextCustomer(
            c.id,
            "order_ready",
            {"orders": order_list([order.number]), "link": link, **checkin_vars(store), **_name(c)},
        )
    ]


# --- timers -----------------------------------------------------------------------------------


def decide_escalation(
    store: StoreView, h: HandoffView, level: int, staff: list[StaffView], now: datetime
) -> list[Effect]:
    """Idempotent: a timer that fires late, twice, or after a claim changes nothing."""
    if h.status != "waiting" or not h.alerted or h.escalation_level >= level:
        return []
    v = handoff_vars(h, now)
    if level == 1:
        return [
            UpdateHandoff(h.id, {"escalation_level": 1}),
            TextStaff(on_duty(staff), "staff_realert", v, handoff_id=h.id),
            Schedule("escalate", store.escalation_seconds, level=2, handoff_id=h.id),
        ]
    bosses = managers(staff) or on_duty(staff)
    return [UpdateHandoff(h.id, {"escalation_level": level}), TextStaff(bosses, "staff_escalation", v, handoff_id=h.id)]


def decide_nudge(store: StoreView, h: HandoffView, staff: list[StaffView], now: datetime) -> list[Effect]:
    """The customer said "here" but never gave a spot: alert staff anyway rather than lose them."""
    if h.status != "waiting" or h.alerted or not h.orders_ready:
        return []
    v = handoff_vars(h, now)
    return [
        UpdateHandoff(h.id, {"alerted": True}),
        TextStaff(on_duty(staff), "staff_arrival", v, handoff_id=h.id),
        Schedule("escalate", store.escalation_seconds, level=1, handoff_id=h.id),
    ]


# --- staff ------------------------------------------------------------------------------------


def decide_staff(
    m: Meaning, store: StoreView, me: StaffView, handoffs: list[HandoffView], staff: list[StaffView], now: datetime
) -> list[Effect]:
    if m.intent == "stop":
        return [UpdateStaff({"opted_out": True})]
    if m.intent == "start":
        return [UpdateStaff({"opted_out": False}), Reply("staff_help")]
    if m.intent == "list":
        return [_list(handoffs, now)]
    if m.intent in ("claim", "done"):
        return _claim_or_done(m, me, handoffs, staff, now)
    return [Reply("staff_help")]


def _list(handoffs: list[HandoffView], now: datetime) -> Reply:
    at_store = [h for h in handoffs if h.status in AT_STORE]
    if not at_store:
        return Reply("staff_list_empty")
    lines: dict[str, list[str]] = {"en": [], "fr": []}
    for h in at_store:
        v = handoff_vars(h, now)
        who = f" ({h.claimed_by_name})" if h.status == "claimed" else ""
        for lang, door in (("en", "door"), ("fr", "porte")):
            where = h.spot if h.location == "car" and h.spot else (door if h.location == "door" else "?")
            lines[lang].append(f"{v['orders']} {where} {h.customer_label} {v['minutes']} min{who}")
    return Reply("staff_list", {"lines": "; ".join(lines["en"]), "lines_fr": "; ".join(lines["fr"])})


def _claim_or_done(
    m: Meaning, me: StaffView, handoffs: list[HandoffView], staff: list[StaffView], now: datetime
) -> list[Effect]:
    claiming = m.intent == "claim"
    target = (
        target_for_claim(handoffs, m.order, m.spot) if claiming else target_for_done(handoffs, me.id, m.order, m.spot)
    )
    h = target.handoff
    if h is None:
        if len(target.choices) > 1:
            where = [(order_list(c.order_numbers), handoff_vars(c)) for c in target.choices]
            return [
                Reply(
                    "staff_which",
                    {
                        "choices": "; ".join(f"{orders} {v['where_en']}" for orders, v in where),
                        "choices_fr": "; ".join(f"{orders} {v['where_fr']}" for orders, v in where),
                        "command": "OK" if claiming else "DONE",
                        "command_fr": "OK" if claiming else "FAIT",
                    },
                )
            ]
        ref = m.order or m.spot
        if ref:
            return [Reply("staff_no_match", {"ref": ref})]
        return [Reply("staff_list_empty")]
    v = handoff_vars(h, now)
    if claiming:
        if h.status == "claimed":
            key = "staff_already_yours" if h.claimed_by_id == me.id else "staff_already_claimed"
            return [Reply(key, v)]
        mine = HandoffView(**{**h.__dict__, "status": "claimed", "claimed_by_id": me.id, "claimed_by_name": me.name})
        v = handoff_vars(mine, now)
        return [
            ClaimHandoff(h.id, me.id),
            Reply("staff_claimed_you", v),
            TextCustomer(h.customer_id, "claimed", {**v, "staff": me.name}),
            TextStaff(
                tuple(s for s in on_duty(staff, exclude=me.id)) if h.alerted else (),
                "staff_claimed_other",
                {**v, "staff": me.name},
                handoff_id=h.id,
            ),
        ]
    return [CompleteHandoff(h.id, me.id), Reply("staff_done", v), TextCustomer(h.customer_id, "handed_off", v)]
