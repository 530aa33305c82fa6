"""The outbox: each queued text is sent at most once, retried on transient errors, recorded with its SID."""
from __future__ import annotations

import logging
import random

from sqlalchemy import select, update

from ..data.models import Customer, Message, Staff
from ..messaging.errors import PermanentSendError, TransientSendError
from ..messaging.senders import Outgoing
from ..phones import mask
from .apply import Applied

log = logging.getLogger(__name__)

# Texts that must reach someone who just opted out or whose number is flagged.
ALWAYS_SEND = {"opted_out"}


def after_commit(svc, applied: Applied) -> None:
    """Once the decision is committed: arm its timers, then send its texts (staff alerts first)."""
    for job, handoff_id, level, delay in applied.timers:
        try:
            svc.dispatcher.schedule(job, handoff_id, level, delay)
        except Exception:  # noqa: BLE001 - the sweeper re-arms timers from the database
            log.exception("could not schedule %s for handoff %s", job, handoff_id)
    if not applied.outbox:
        return
    with svc.db.read() as session:
        ids = [i for i, _ in sorted(session.execute(
            select(Message.id, Message.priority).where(Message.id.in_(applied.outbox))), key=lambda r: (-r[1], r[0]))]
    if svc.send_inline:
        for message_id in ids:
            deliver(svc, message_id)
    else:
        try:
            svc.dispatcher.deliver(ids)
        except Exception:  # noqa: BLE001 - queued rows stay in the outbox for the sweeper
            log.exception("could not enqueue delivery of %s", ids)


def deliver(svc, message_id: int) -> str:
    """Send one outbox row. Returns its new status. Safe to call twice: only a 'queued' row is sent."""
    now = svc.clock()
    with svc.db.write() as session:
        claimed = session.execute(
            update(Message).where(Message.id == message_id, Message.direction == "out", Message.status == "queued")
            .values(status="sending", attempts=Message.attempts + 1)
        ).rowcount
        msg = session.get(Message, message_id)
        if not claimed:
            return msg.status if msg else "missing"
        # Opt-out is checked at send time, not only when the text was decided.
        if msg.template not in ALWAYS_SEND and _recipient_blocked(session, msg):
            msg.status, msg.status_at = "skipped", now
            return "skipped"
        outgoing = Outgoing(to=msg.to_addr, from_=msg.from_addr, body=msg.body, key=f"arrivee-{msg.id}",
                            status_callback=svc.status_callback_url)
        attempts = msg.attempts
    try:
        sent = svc.sender.send(outgoing)
    except PermanentSendError as exc:
        _failed(svc, message_id, exc)
        return "failed"
    except TransientSendError as exc:
        return _retry_later(svc, message_id, attempts, exc)
    with svc.db.write() as session:
        msg = session.get(Message, message_id)
        # Twilio answers "queued" or "accepted"; ours stays "sent" until a status callback says more,
        # because "queued" here means "not yet handed to Twilio".
        status = "delivered" if sent.status == "delivered" else "sent"
        msg.twilio_sid, msg.status, msg.sent_at, msg.status_at = sent.sid, status, svc.clock(), svc.clock()
    log.info("sent message %s to %s", message_id, mask(msg.phone))
    return status


def _recipient_blocked(session, msg: Message) -> bool:
    if msg.customer_id is not None:
        c = session.get(Customer, msg.customer_id)
        return c is not None and (c.opted_out or c.unreachable)
    if msg.staff_id is not None:
        s = session.get(Staff, msg.staff_id)
        return s is not None and (s.opted_out or s.unreachable)
    return False


def _failed(svc, message_id: int, exc: PermanentSendError) -> None:
    with svc.db.write() as session:
        msg = session.get(Message, message_id)
        msg.status, msg.error_code, msg.error, msg.status_at = "failed", exc.code, str(exc)[:500], svc.clock()
        person = (session.get(Customer, msg.customer_id) if msg.customer_id
                  else session.get(Staff, msg.staff_id) if msg.staff_id else None)
        if person is not None and exc.opted_out:
            person.opted_out = True
        elif person is not None and exc.unreachable:
            person.unreachable = True
    log.warning("message %s failed permanently (code %s)", message_id, exc.code)


def backoff_seconds(attempt: int) -> float:
    """Exponential backoff with full jitter: about 2, 4, 8, 16… seconds, capped at five minutes."""
    return random.uniform(0.5, 1.0) * min(300.0, 2.0 ** attempt)


def _retry_later(svc, message_id: int, attempts: int, exc: TransientSendError) -> str:
    give_up = attempts >= svc.settings.send_max_attempts
    with svc.db.write() as session:
        msg = session.get(Message, message_id)
        msg.status = "failed" if give_up else "queued"
        msg.error_code, msg.error, msg.status_at = exc.code, str(exc)[:500], svc.clock()
    if give_up:
        log.error("message %s failed after %s attempts", message_id, attempts)
        return "failed"
    svc.dispatcher.retry_delivery(message_id, backoff_seconds(attempts))
    return "queued"
