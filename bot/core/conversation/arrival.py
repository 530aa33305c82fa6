"""A customer arriving: the pickup opened or updated, staff alerted when the order is ready, or the spot
asked for."""

from __future__ import annotations

from typing import Any

from ..handoff import HandoffView
from ..statuses import HandoffStatus, OrderStatus
from ..wait import Wait, wait_vars
from .effects import NEW_HANDOFF, Effect, OpenHandoff, Reply, Schedule, TextStaff, UpdateCustomer, UpdateHandoff
from .recipients import on_duty
from .variables import _name, handoff_vars
from .views import CustomerView, OrderView, StaffView, StoreView

# How long a customer who said "here" without a spot may stay silent before staff are alerted anyway.
SPOT_GRACE_SECONDS = 90


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
    ready = any(o.status == OrderStatus.READY for o in orders)
    fields: dict[str, Any] = {
        "location": location,
        "spot": spot,
        "vehicle": details.get("vehicle"),
        "note": details.get("note"),
    }
    # No asking someone we cannot text; nor someone whose photo of the car already shows staff where it is.
    has_photo = h is not None and h.has_photo or bool(details.get("photo"))
    needs_spot = location == "car" and not spot and not c.opted_out and not has_photo
    alert = ready and not needs_spot
    told = wait if alert and wait is not None else None
    if told is not None:
        fields["wait_low"], fields["wait_high"] = told.low, told.high
    effects: list[Effect] = []
    if h is None:
        effects.append(
            OpenHandoff(
                tuple(o.id for o in orders),
                HandoffStatus.WAITING,
                unverified_phone=unverified,
                alerted=alert,
                arrived=True,
                **fields,
            )
        )
        ref = NEW_HANDOFF
    else:
        changes = {
            "status": HandoffStatus.WAITING,
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
        status=HandoffStatus.WAITING,
        customer_id=c.id,
        customer_label=_label(c, h),
        order_numbers=tuple(o.number for o in orders),
        location=location,
        spot=spot,
        vehicle=fields["vehicle"],
        note=fields["note"],
        unverified_phone=unverified or bool(h and h.unverified_phone),
        customer_opted_out=c.opted_out,
        has_photo=has_photo,
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
    """Their name as staff see it; with none on file, the masked phone."""
    return c.label or c.first_name or (h.customer_label if h is not None else c.phone_label)
