"""Delivery status from Twilio's callbacks; a person whose number can never get a text is marked so; a staff alert
that never arrived is re-routed to a colleague."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError

from ..data.models import Customer, Handoff, Message, Staff
from ..messaging.errors import delivery_verdict
from .apply import STAFF_PRIORITY, Applied
from .outbox import after_commit

log = logging.getLogger(__name__)

# Statuses only move forward; a late "sent" callback must not undo "delivered".
RANK = {"queued": 0, "sending": 1, "accepted": 1, "scheduled": 1, "sent": 2, "delivered": 3, "read": 4,
        "undelivered": 3, "failed": 3}
FAILED = ("failed", "undelivered")
FINAL = ("delivered", "undelivered", "failed")
# Staff texts about a customer still waiting: if one does not arrive, a colleague gets it. Replies to a staff
# member's own command ("it's yours", "which one?") are theirs alone and are not passed on.
REROUTED = {"staff_arrival", "staff_not_ready", "staff_realert", "staff_escalation", "staff_reminder",
            "staff_update", "staff_cancel_request"}

# A callback can beat the sender's own write of the SID; it is retried a few times before it is dropped.
EARLY_CALLBACK_RETRIES = 5
# Twilio does not retry a status callback that failed: while the database is away it waits as a job instead.
DATABASE_AWAY_RETRY_SECONDS = 5.0


def record_status(svc, sid: str, status: str, error_code: int | None, attempt: int = 0) -> None:
    status = status.lower()
    if status not in RANK:
        return
    try:
        applied = _record(svc, sid, status, error_code, attempt)
    except (OperationalError, InterfaceError):
        log.warning("database unavailable; status %s of %s kept for later", status, sid)
        svc.dispatcher.status_later(sid, status, error_code, attempt, delay=DATABASE_AWAY_RETRY_SECONDS)
        return
    after_commit(svc, applied)


def _record(svc, sid: str, status: str, error_code: int | None, attempt: int) -> Applied:
    applied = Applied()
    with svc.db.write() as session:
        # Locked: two callbacks for one text (failed, then undelivered) must not re-route it twice.
        msg = session.scalars(select(Message).where(Message.twilio_sid == sid).with_for_update()).first()
        if msg is None:
            if attempt < EARLY_CALLBACK_RETRIES:
                svc.dispatcher.status_later(sid, status, error_code, attempt + 1, delay=2.0 * (attempt + 1))
            return applied
        if RANK.get(msg.status, 0) > RANK[status] or (msg.status in FINAL and RANK[msg.status] == RANK[status]):
            return applied  # late or repeated: the first final word stands
        newly_failed = status in FAILED and msg.status not in FAILED
        msg.status, msg.error_code, msg.status_at = status, error_code, svc.clock()
        if newly_failed:
            _mark_person(session, msg, delivery_verdict(error_code))
            applied.outbox += _reroute(session, msg, svc.clock())
            applied.store_id = msg.store_id
    return applied


def reroute_failed(svc, message_id: int) -> Applied:
    """After a send failed for good (a permanent error, or out of retries): pass a staff alert on."""
    applied = Applied()
    with svc.db.write() as session:
        msg = session.get(Message, message_id, with_for_update=True)
        if msg is not None and msg.status in FAILED:
            applied.outbox += _reroute(session, msg, svc.clock())
            applied.store_id = msg.store_id
    return applied


def _mark_person(session, msg: Message, verdict: str | None) -> None:
    if verdict is None:
        return
    person = (session.get(Customer, msg.customer_id) if msg.customer_id
              else session.get(Staff, msg.staff_id) if msg.staff_id else None)
    if person is None:
        return
    if verdict == "opted_out":
        person.opted_out = True
    else:
        person.unreachable = True
    log.warning("message %s: %s is %s (code %s)", msg.id, "customer" if msg.customer_id else "staff", verdict,
                msg.error_code)


def _reroute(session, failed: Message, now) -> list[int]:
    """Send the same alert to the next on-duty colleague who has not had it, while the customer still waits."""
    if failed.audience != "staff" or failed.staff_id is None or failed.template not in REROUTED:
        return []
    handoff = session.get(Handoff, failed.handoff_id) if failed.handoff_id else None
    if handoff is None or handoff.status != "waiting":
        return []
    already = set(session.scalars(select(Message.staff_id).where(
        Message.handoff_id == failed.handoff_id, Message.template == failed.template, Message.direction == "out")))
    team = session.scalars(select(Staff).where(Staff.store_id == failed.store_id, Staff.removed_at.is_(None))
                          .order_by(Staff.id)).all()
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
    log.info("staff alert %s re-routed to staff %s as message %s", failed.id, member.id, copy.id)
    return [(copy.id, STAFF_PRIORITY)]
