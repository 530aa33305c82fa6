"""Operating figures read from the database: message counts by status, handoffs by status, waits."""

from __future__ import annotations

from sqlalchemy import func, select

from ..data.models import Handoff, Message, Store


def figures(db) -> dict:
    """Counts for /metrics. Read from the database at scrape time, so every web and worker
    process reports the same numbers without shared counters."""
    with db.read() as session:
        messages = session.execute(
            select(Message.direction, Message.status, func.count()).group_by(Message.direction, Message.status)
        ).all()
        handoffs = session.execute(select(Handoff.status, func.count()).group_by(Handoff.status)).all()
        stores = session.scalar(select(func.count()).select_from(Store))
        recent = session.execute(
            select(Handoff.arrived_at, Handoff.claimed_at)
            .where(Handoff.claimed_at.is_not(None), Handoff.arrived_at.is_not(None))
            .order_by(Handoff.id.desc())
            .limit(1000)
        ).all()
    return {
        "messages": [(d, s, n) for d, s, n in messages],
        "handoffs": [(s, n) for s, n in handoffs],
        "stores": stores,
        "claim_wait_seconds": [(claimed - arrived).total_seconds() for arrived, claimed in recent],
    }
