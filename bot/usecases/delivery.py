"""What becomes of an outgoing text's row once it has been tried, written to the message log: Twilio's word recorded
(the SID a send got, or found in Twilio's log; a status callback later), statuses that only move forward, the person
marked when their number can never get a text, and a copy for a colleague when a staff alert never arrived.

Writes only: nothing here sends or queues a text. bot/usecases/outbox.py sends, calls these, and sends what they
return (the copies), so this module needs nothing of it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, select, update
from sqlalchemy.orm import Session

from ..core.statuses import HandoffStatus
from ..data.db import rows_changed
from ..data.models import Customer, Handoff, Message, Staff
from ..messaging.errors import PermanentSendError, SendError, delivery_verdict
from ..phones import mask
from .apply import STAFF_PRIORITY, Applied
from .ports import Logged, Outgoing

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)

# Statuses only move forward; a late "sent" callback must not undo "delivered".
RANK = {
    "queued": 0,
    "sending": 1,
    "accepted": 1,
    "scheduled": 1,
    "sent": 2,
    "delivered": 3,
    "read": 4,
    "undelivered": 3,
    "failed": 3,
}
FAILED = ("failed", "undelivered")
FINAL = ("delivered", "undelivered", "failed")
# Staff texts about a customer still waiting: if one does not arrive, a colleague gets it. Replies to a staff
# member's own command ("it's yours", "which one?") are theirs alone and are not passed on.
REROUTED = {
    "staff_arrival",
    "staff_not_ready",
    "staff_realert",
    "staff_escalation",
    "staff_reminder",
    "staff_update",
    "staff_photo",
    "staff_cancel_request",
}

# A callback can beat the sender's own write of the SID; it is retried a few times before it is dropped.
EARLY_CALLBACK_RETRIES = 5


# --- after a send -------------------------------------------------------------------------------------


def find_in_log(svc: Services, outgoing: Outgoing, since: datetime) -> Logged | None:
    """The text in Twilio's log from this sender to this recipient, with this body, created since `since`, whose
    SID no other row has. None if Twilio never took it. Raises SendError when the log cannot be read."""
    body = outgoing.body.strip()
    matches = [
        m
        for m in svc.sender.recent(outgoing.to, outgoing.from_, since)
        if m.body.strip() == body and (m.created_at is None or m.created_at >= since)
    ]
    if not matches:
        return None
    with svc.db.read() as session:
        known = set(session.scalars(select(Message.twilio_sid).where(Message.twilio_sid.in_([m.sid for m in matches]))))
    unknown = [m for m in matches if m.sid not in known]
    return unknown[-1] if unknown else None  # newest first: the oldest unclaimed one is this row's first try


_RECORDS: dict[int, Any] = {}


def _record_statement(rows: int) -> Any:
    """One UPDATE that records `rows` sends (bind names id_i, sid_i, status_i, and now), returning the id and phone
    of each row it wrote: an arrival's two texts in one statement, not one each. Built once per row count."""
    statement = _RECORDS.get(rows)
    if statement is None:
        ids: list[Any] = [bindparam(f"id_{i}") for i in range(rows)]
        statement = _RECORDS[rows] = (
            update(Message)
            .where(Message.id.in_(ids), Message.twilio_sid.is_(None))
            .values(
                twilio_sid=case(*((Message.id == ids[i], bindparam(f"sid_{i}")) for i in range(rows))),
                status=case(*((Message.id == ids[i], bindparam(f"status_{i}")) for i in range(rows))),
                sent_at=bindparam("now"),
                status_at=bindparam("now"),
            )
            .returning(Message.id, Message.phone)
        )
    return statement


def record_sent(svc: Services, results: list[tuple[int, str, str | None, int | None]]) -> list[str]:
    """Twilio has each text (message id, its SID, Twilio's status, error code) under that SID: recorded in one
    transaction. Whatever became of a row meanwhile (given up, taken over), a row without a SID takes this one:
    Twilio's word is the truth about what was sent. Returns each row's new status: Twilio's own when it says the
    text failed (the caller applies that as a status callback)."""
    now = svc.clock()
    outcomes: list[tuple[str, str | None, str | None]] = []
    wanted = ["delivered" if twilio_status == "delivered" else "sent" for _id, _sid, twilio_status, _code in results]
    params: dict[str, Any] = {"now": now}
    for i, ((message_id, sid, _twilio_status, _code), status) in enumerate(zip(results, wanted)):
        params.update({f"id_{i}": message_id, f"sid_{i}": sid, f"status_{i}": status})
    with svc.db.write_connection() as connection:
        written: dict[int, str] = {
            row.id: row.phone for row in connection.execute(_record_statement(len(results)), params)
        }
        for (message_id, sid, _twilio_status, _code), status in zip(results, wanted):
            if message_id in written:
                outcomes.append((status, sid, written[message_id]))
            else:
                current = connection.execute(select(Message.twilio_sid).where(Message.id == message_id)).scalar()
                outcomes.append((status, current, None))
    statuses = []
    for (message_id, sid, twilio_status, _code), (status, current, phone) in zip(results, outcomes):
        same = current == sid
        if not same:
            log.error("message %s went out twice: %s and %s", message_id, current, sid)
        elif phone is not None:
            log.info("sent message %s to %s as %s", message_id, mask(phone), sid)
        statuses.append(twilio_status if same and twilio_status in FAILED else status)
    return statuses


def recipient_blocked(session: Session, msg: Message) -> bool:
    """The person this text is for has opted out or cannot be reached."""
    person = _person(session, msg)
    return person is not None and (person.opted_out or person.unreachable)


def failed(svc: Services, message_id: int, attempt: int, exc: PermanentSendError) -> str | None:
    """A send refused for good, on the row still held by `attempt`: the row failed and the person marked (opted
    out, unreachable) so nothing more is tried to that number. None when done; else the row's status, which
    someone else changed meanwhile."""
    with svc.db.write() as session:
        done = rows_changed(
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "sending", Message.attempts == attempt)
                .values(status="failed", error_code=exc.code, error=str(exc)[:500], status_at=svc.clock())
            )
        )
        if not done:
            return session.get_one(Message, message_id).status
        msg = session.get_one(Message, message_id)
        _mark_person(session, msg, "opted_out" if exc.opted_out else "unreachable" if exc.unreachable else None)
    return None


def retry_or_give_up(svc: Services, message_id: int, attempt: int, exc: SendError, give_up: bool) -> str | None:
    """A send that may work later, on the row still held by `attempt`: back to 'queued' for a retry, or 'failed'
    when `give_up`. None when done; else the row's status, which someone else changed meanwhile."""
    with svc.db.write() as session:
        done = rows_changed(
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "sending", Message.attempts == attempt)
                .values(
                    status="failed" if give_up else "queued",
                    error_code=exc.code,
                    error=str(exc)[:500],
                    status_at=svc.clock(),
                )
            )
        )
        if not done:
            return session.get_one(Message, message_id).status
    return None


# --- status callbacks and re-routing ---------------------------------------------------------------


def apply_status(svc: Services, sid: str, status: str, error_code: int | None, attempt: int) -> Applied:
    """One status callback (`status` lower case, one of RANK), inside one transaction; its texts (a re-routed
    alert) are the caller's to send. A SID not yet recorded is tried again later, up to EARLY_CALLBACK_RETRIES."""
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


def reroute_failed(svc: Services, message_id: int) -> Applied:
    """After a send failed for good (a permanent error, or out of retries): pass a staff alert on."""
    applied = Applied()
    with svc.db.write() as session:
        msg = session.get(Message, message_id, with_for_update=True)
        if msg is not None and msg.status in FAILED:
            applied.outbox += _reroute(session, msg, svc.clock())
            applied.store_id = msg.store_id
    return applied


def _person(session: Session, msg: Message) -> Customer | Staff | None:
    if msg.customer_id is not None:
        return session.get(Customer, msg.customer_id)
    if msg.staff_id is not None:
        return session.get(Staff, msg.staff_id)
    return None


def _mark_person(session: Session, msg: Message, verdict: str | None) -> None:
    """`verdict`: what a failure says of the person, "opted_out" or "unreachable"; None: nothing lasting."""
    if verdict is None:
        return
    person = _person(session, msg)
    if person is None:
        return
    if verdict == "opted_out":
        person.opted_out = True
    else:
        person.unreachable = True
    log.warning(
        "message %s: %s is %s (code %s)", msg.id, "customer" if msg.customer_id else "staff", verdict, msg.error_code
    )


def _reroute(session: Session, failed: Message, now: datetime) -> list[tuple[int, int]]:
    """Send the same alert to the next on-duty colleague who has not had it, while the customer still waits."""
    if failed.audience != "staff" or failed.staff_id is None or failed.template not in REROUTED:
        return []
    handoff = session.get(Handoff, failed.handoff_id) if failed.handoff_id else None
    if handoff is None or handoff.status != HandoffStatus.WAITING:
        return []
    already = set(
        session.scalars(
            select(Message.staff_id).where(
                Message.handoff_id == failed.handoff_id, Message.template == failed.template, Message.direction == "out"
            )
        )
    )
    team = session.scalars(
        select(Staff).where(Staff.store_id == failed.store_id, Staff.removed_at.is_(None)).order_by(Staff.id)
    ).all()
    candidates = [s for s in team if s.id not in already and not s.opted_out and not s.unreachable]
    on_duty = [s for s in candidates if s.on_duty] or [s for s in candidates if s.role in ("manager", "owner")]
    if not on_duty:
        log.warning("staff alert %s failed and nobody else can take it", failed.id)
        return []
    member = on_duty[0]
    store = member.store
    # The stored body is what the first colleague would have read; its details are the same for anyone.
    copy = Message(
        store_id=failed.store_id,
        direction="out",
        channel="sms",
        from_addr=store.sms_number,
        to_addr=member.phone,
        phone=member.phone,
        body=failed.body,
        status="queued",
        audience="staff",
        template=failed.template,
        staff_id=member.id,
        handoff_id=failed.handoff_id,
        priority=STAFF_PRIORITY,
        created_at=now,
        photo_id=failed.photo_id,
    )
    session.add(copy)
    session.flush()
    log.info("staff alert %s re-routed to staff %s as message %s", failed.id, member.id, copy.id)
    return [(copy.id, STAFF_PRIORITY)]
