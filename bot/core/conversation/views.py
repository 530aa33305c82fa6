"""The state a decision reads: frozen views of the store, an order, the customer and the staff, filled
by bot/usecases/state.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..handoff import HandoffView


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
    has_landline: bool = False  # a phone to call when nobody takes a waiting customer (bot/core/calls.py)


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    status: str  # an OrderStatus (bot/core/statuses.py)
    customer_id: int
    handoff_id: int | None = None
    customer_name: str | None = None


@dataclass(frozen=True)
class CustomerView:
    id: int
    first_name: str | None = None
    label: str | None = None  # first name and last initial, as staff see it
    phone_label: str = "?"  # who they are to staff with no name on file: the masked phone (handoff.phone_label)
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
