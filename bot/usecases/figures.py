"""Operating figures read from the database: message counts by status, handoffs by status, waits; and what waits
in line (database rows and the workers' Redis queues)."""

from __future__ import annotations

from datetime import datetime

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


# What waits in the database: texts received but not yet processed, texts decided but not yet handed to Twilio.
_WAITING = {"inbound": ("in", "received"), "outbox": ("out", "queued")}


def backlog(db, lanes: list[tuple[str, int, datetime | None]], now: datetime) -> list[tuple[str, int, float]]:
    """(queue, depth, age in seconds of the oldest waiting item) for /metrics: the database's waiting rows, and
    `lanes` (the dispatcher's Redis queues: name, depth, oldest enqueued at)."""
    found: list[tuple[str, int, float]] = []
    with db.read() as session:
        for name, (direction, status) in _WAITING.items():
            depth, oldest = session.execute(
                select(func.count(), func.min(Message.created_at)).where(
                    Message.direction == direction, Message.status == status
                )
            ).one()
            found.append((name, depth or 0, _age(oldest, now)))
    found.extend((name, depth, _age(oldest, now)) for name, depth, oldest in lanes)
    return found


def _age(oldest: datetime | None, now: datetime) -> float:
    return max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
