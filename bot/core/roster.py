"""Decisions about the roster: a staff member taken off it (or going off duty) leaves no customer behind."""

from __future__ import annotations

from datetime import datetime

from .conversation import (
    Effect,
    Schedule,
    StaffView,
    StoreView,
    TextCustomer,
    TextStaff,
    UpdateHandoff,
    handoff_vars,
    on_duty,
)
from .handoff import HandoffView
from .statuses import HandoffStatus


def decide_release(
    store: StoreView, member_id: int, handoffs: list[HandoffView], staff: list[StaffView], now: datetime
) -> list[Effect]:
    """The handoffs `member_id` had taken and not closed go back to waiting, and the rest of the team is alerted
    as for a new arrival (`staff` is the roster without the member). The customer, who was told that member was
    coming out, is told someone else will (unless they opted out of texts)."""
    effects: list[Effect] = []
    for h in handoffs:
        if h.status != HandoffStatus.CLAIMED or h.claimed_by_id != member_id:
            continue
        back = HandoffView(
            **{**h.__dict__, "status": HandoffStatus.WAITING, "claimed_by_id": None, "claimed_by_name": None}
        )
        effects += [
            UpdateHandoff(
                h.id,
                {
                    "status": HandoffStatus.WAITING,
                    "claimed_by_id": None,
                    "claimed_at": None,
                    "escalation_level": 0,
                    "alerted": True,
                },
            ),
            TextStaff(on_duty(staff), "staff_arrival", handoff_vars(back, now), handoff_id=h.id),
            Schedule("escalate", store.escalation_seconds, level=1, handoff_id=h.id),
        ]
        if not h.customer_opted_out:
            effects.append(TextCustomer(h.customer_id, "claimed_reassigned", handoff_vars(back, now)))
    return effects
