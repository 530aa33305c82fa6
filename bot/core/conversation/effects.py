"""The effects a decision returns, each applied by one applier in bot/usecases/apply.py."""

from __future__ import annotations

from dataclasses import dataclass, field

# Effects name the handoff this same decision opens with this id (it has no database id yet).
NEW_HANDOFF = 0


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
class AttachPhoto:
    """The picture(s) the customer's message carries go on the handoff (staff alerts then carry it as MMS)."""

    handoff_id: int = NEW_HANDOFF


@dataclass(frozen=True)
class Schedule:
    """A timed job: "escalate" (with its level), "nudge" (alert even without a spot) or "call" (the landline)."""

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
    | AttachPhoto
    | Schedule
)
