"""Delivery status from Twilio's callbacks; a staff alert that never arrived is re-routed to a colleague."""
from __future__ import annotations

import logging

from sqlalchemy import select

from ..data.models import Message, Staff
from .apply import STAFF_PRIORITY, Applied
from .outbox import after_commit

log = logging.getLogger(__name__)

# Statuses only move forward; a late "sent" callback must not undo "delivered".
RANK = {"queued": 0, "sending": 1, "accepted": 1, "scheduled": 1, "sent": 2, "delivered": 3, "read": 4,
        "undelivered": 3, "failed": 3}
FAILED = ("failed", "undelivered")


# A callback can beat the sender's own write of the SID; it is retried a few times before it is dropped.
EARLY_CALLBACK_RETRIES = 5


def record_status(svc, sid: str, status: str, error_code: int | None, attempt: int = 0) -> None:
    status = status.lower()
    if status not in RANK:
        return
    applied = Applied()
    with svc.db.write() as session:
        msg = session.scalars(select(Message).where(Message.twilio_sid == sid)).first()
        if msg is None:
            if attempt < EARLY_CALLBACK_RETRIES:
                svc.dispatcher.status_later(sid, status, error_code, attempt + 1, delay=2.0 * (attempt + 1))
            return
        if RANK.get(msg.status, 0) > RANK[status]:
            return
        msg.status, msg.error_code, msg.status_at = status, error_code, svc.clock()
        if status in FAILED and msg.audience == "staff" and msg.staff_id is not None:
            applied.outbox += _reroute(session, msg, svc.clock())
    after_commit(svc, applied)


def _reroute(session, failed: Message, now) -> list[int]:
    """Send the same alert to the next on-duty colleague who has not had it."""
    already = set(session.scalars(select(Message.staff_id).where(
        Message.handoff_id == failed.handoff_id, Message.template == failed.template, Message.direction == "out")))
    team = session.scalars(select(Staff).where(Staff.store_id == failed.store_id).order_by(Staff.id)).all()
    candidates = [s for s in team if s.id not in already and not s.opted_out and not s.unreachable]
    on_duty = [s for s in candidates if s.on_duty] or [s for s in candidates if s.role in ("manager", "owner")]
    if not on_duty:
        log.warning("staff alert %s failed and nobody else can take it", failed.id)
        return []
    member = on_duty[0]
    store = member.store
    # The stored body is what the first colleague would have read; its details are the same for anyone.
    copy = Message(store_id=failed.store_id, direction="out", channel="sms", from_addr=store.sms_number,
                   to_addr=member.phone, phone=member.phone, body=failed.body, status="queued", audience="staff",
                   template=failed.template, staff_id=member.id, handoff_id=failed.handoff_id,
                   priority=STAFF_PRIORITY, created_at=now)
    session.add(copy)
    session.flush()
    return [copy.id]

