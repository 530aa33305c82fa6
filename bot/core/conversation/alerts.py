"""Timers firing: re-alerts and escalation to managers (then, with a landline, the call), and the nudge when no spot
was ever given."""

from __future__ import annotations

from datetime import datetime

from ..handoff import HandoffView
from ..statuses import HandoffStatus
from .effects import Effect, Schedule, TextStaff, UpdateHandoff
from .recipients import managers, on_duty
from .variables import handoff_vars
from .views import StaffView, StoreView

# The step after the last text escalation: the call to the store's landline (bot/core/calls.py).
CALL_LEVEL = 3


def decide_escalation(
    store: StoreView, h: HandoffView, level: int, staff: list[StaffView], now: datetime
) -> list[Effect]:
    """Idempotent: a timer that fires late, twice, or after a claim changes nothing."""
    if h.status != HandoffStatus.WAITING or not h.alerted or h.escalation_level >= level:
        return []
    v = handoff_vars(h, now)
    if level == 1:
        return [
            UpdateHandoff(h.id, {"escalation_level": 1}),
            TextStaff(on_duty(staff), "staff_realert", v, handoff_id=h.id),
            Schedule("escalate", store.escalation_seconds, level=2, handoff_id=h.id),
        ]
    bosses = managers(staff) or on_duty(staff)
    effects: list[Effect] = [
        UpdateHandoff(h.id, {"escalation_level": level}),
        TextStaff(bosses, "staff_escalation", v, handoff_id=h.id),
    ]
    if store.has_landline:
        # The last text went unanswered: one escalation delay more, and the store's phone rings.
        effects.append(Schedule("call", store.escalation_seconds, level=CALL_LEVEL, handoff_id=h.id))
    return effects


def decide_nudge(store: StoreView, h: HandoffView, staff: list[StaffView], now: datetime) -> list[Effect]:
    """The customer said "here" but never gave a spot: alert staff anyway rather than lose them."""
    if h.status != HandoffStatus.WAITING or h.alerted or not h.orders_ready:
        return []
    v = handoff_vars(h, now)
    return [
        UpdateHandoff(h.id, {"alerted": True}),
        TextStaff(on_duty(staff), "staff_arrival", v, handoff_id=h.id),
        Schedule("escalate", store.escalation_seconds, level=1, handoff_id=h.id),
    ]
