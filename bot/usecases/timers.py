"""Timed work: escalating unclaimed handoffs, alerting without a spot, and the sweeper that loses nothing."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from ..core.conversation import decide_escalation, decide_nudge
from ..data.models import Handoff, Message
from . import state
from .apply import apply
from .outbox import after_commit

log = logging.getLogger(__name__)


def escalate(svc, handoff_id: int, level: int) -> None:
    _timer(svc, handoff_id, lambda store_v, h, team, now: decide_escalation(store_v, h, level, team, now))


def nudge(svc, handoff_id: int) -> None:
    _timer(svc, handoff_id, decide_nudge)


def _timer(svc, handoff_id: int, decide) -> None:
    now = svc.clock()
    with svc.db.write() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None:
            return
        store = state.lock_store(session, handoff.store_id)
        session.refresh(handoff)
        effects = decide(state.store_view(store, now), state.handoff_view(handoff), state.staff_views(session, store.id),
                         now)
        applied = apply(session, store, effects, now, handoff=handoff)
    after_commit(svc, applied)


def sweep(svc) -> dict:
    """Re-enqueue what was stored but never processed or sent (Redis down, a worker killed), re-arm lost timers."""
    now = svc.clock()
    stale = now - timedelta(seconds=svc.settings.sweep_after_seconds)
    counts = {"inbound": 0, "outbound": 0, "timers": 0}
    with svc.db.read() as session:
        inbound = list(session.scalars(select(Message.id).where(
            Message.direction == "in", Message.status == "received", Message.created_at < stale)))
        outbound = list(session.scalars(select(Message.id).where(
            Message.direction == "out", Message.status == "queued", Message.created_at < stale)))
        overdue = []
        for h in session.scalars(select(Handoff).where(Handoff.status == "waiting", Handoff.alerted.is_(True),
                                                       Handoff.escalation_level < 2)):
            level = h.escalation_level + 1
            due = (h.alerted_at or h.arrived_at or now) + timedelta(seconds=h.store.escalation_seconds * level)
            if due + timedelta(seconds=svc.settings.sweep_after_seconds) < now:
                overdue.append((h.id, level))
    for message_id in inbound:
        svc.dispatcher.process_inbound(message_id)
    counts["inbound"] = len(inbound)
    if outbound:
        svc.dispatcher.deliver(outbound)
    counts["outbound"] = len(outbound)
    for handoff_id, level in overdue:
        escalate(svc, handoff_id, level)
    counts["timers"] = len(overdue)
    if any(counts.values()):
        log.warning("sweeper recovered %s", counts)
    return counts
