"""The outbox: each queued text is sent once, paced per sending number (staff alerts first), retried on transient
errors after asking Twilio whether an earlier try went through, and recorded with its SID.

A row moves queued → sending → sent (then delivered/undelivered/failed by status callbacks), or to failed or
skipped. Every write after the claim is conditional on the attempt that claimed it, so a sweeper that took over a
stuck row and the worker that was slow on it cannot both act on it.
"""
from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, func, or_, select, update

from ..data.models import Customer, Message, Staff
from ..messaging.errors import PermanentSendError, SendError, TransientSendError
from ..messaging.senders import Logged, Outgoing
from ..phones import mask
from .apply import STAFF_PRIORITY, Applied, Claimed

log = logging.getLogger(__name__)

# Texts that must reach someone who just opted out or whose number is flagged.
ALWAYS_SEND = {"opted_out"}
# Twilio's clock and ours may differ a little: a text found in its log may be dated this much before our row.
CLOCK_SKEW = timedelta(seconds=60)
MAX_BACKOFF_SECONDS = 300.0
# How long a send may hold its worker's thread waiting for a slot under the rate limit (two slots at the default
# rate). Past it the text goes back in line, scheduled for about when its turn comes: that thread runs every store's
# deliveries and timers.
MAX_SLOT_WAIT_SECONDS = 0.25


def after_commit(svc, applied: Applied) -> None:
    """Once the decision is committed: wake live boards, send the texts claimed in it (staff alerts first), arm its
    timers, then send or hand over the rest. The timers come after the claimed texts because a staff phone is what
    a customer in the lot waits for; a worker that dies in between loses no timer (the sweeper re-arms them from
    the database)."""
    svc.notices.publish(applied.store_id)
    if applied.claimed:
        send_claimed(svc, applied.claimed)
    for job, handoff_id, level, delay in applied.timers:
        try:
            svc.dispatcher.schedule(job, handoff_id, level, delay)
        except Exception as exc:  # noqa: BLE001 - the sweeper re-arms timers from the database
            log.warning("could not schedule %s for handoff %s (%s); the sweeper will", job, handoff_id, exc)
    if not applied.outbox:
        return
    claimed = {c.id for c in applied.claimed}
    rows = sorted((r for r in applied.outbox if r[0] not in claimed), key=lambda r: (-r[1], r[0]))
    if svc.send_inline:
        for message_id, _priority in rows:
            deliver(svc, message_id)
    else:
        hand_over(svc, [i for i, p in rows if p >= STAFF_PRIORITY], urgent=True)
        hand_over(svc, [i for i, p in rows if p < STAFF_PRIORITY])


def hand_over(svc, message_ids: list[int], urgent: bool = False) -> bool:
    """Give texts to the workers. False when the queue is away: the rows stay queued and the sweeper sends them."""
    if not message_ids:
        return True
    try:
        svc.dispatcher.deliver(message_ids, urgent=urgent)
    except Exception as exc:  # noqa: BLE001 - any queue failure: the rows are safe in the database
        log.warning("could not enqueue delivery of %s (%s); the sweeper will send them", message_ids, exc)
        return False
    return True


def deliver(svc, message_id: int) -> str:
    """Send one outbox row; returns its new status. Safe to call any number of times: only a 'queued' row is
    claimed, and a row that was tried before is first looked for in Twilio's log."""
    with svc.db.read() as session:
        row = session.execute(select(Message.direction, Message.status, Message.from_addr, Message.priority)
                              .where(Message.id == message_id)).first()
    if row is None or row.direction != "out":
        return "missing"
    if row.status != "queued":
        return row.status
    urgent = row.priority >= STAFF_PRIORITY
    if svc.limiter is not None and not svc.limiter.acquire(row.from_addr, urgent=urgent,
                                                           max_wait=MAX_SLOT_WAIT_SECONDS):
        # No send slot soon: the number has a backlog. Back in line (the row is still 'queued') rather than holding
        # this worker's thread, whose other stores' deliveries and timers would wait behind this number's line.
        _later(svc, message_id, _turn_in(svc, message_id, row.from_addr, row.priority), urgent)
        return "queued"
    now = svc.clock()
    with svc.db.write() as session:
        claimed = session.execute(
            update(Message).where(Message.id == message_id, Message.direction == "out", Message.status == "queued")
            .values(status="sending", attempts=Message.attempts + 1, status_at=now)
        ).rowcount
        msg = session.get(Message, message_id)
        if not claimed:
            return msg.status if msg else "missing"
        # Opt-out is checked at send time, not only when the text was decided.
        if msg.template not in ALWAYS_SEND and _recipient_blocked(session, msg):
            msg.status, msg.status_at = "skipped", now
            return "skipped"
        outgoing = _outgoing(svc, msg)
        attempt, since = msg.attempts, msg.created_at - CLOCK_SKEW
    if attempt > 1:
        # An earlier try may have reached Twilio (a timeout, a dropped connection, a worker killed mid-call), and
        # the Messages API has no idempotency key: look in its log before sending again.
        try:
            found = find_in_log(svc, outgoing, since)
        except SendError as exc:
            return _retry_later(svc, message_id, attempt, exc, urgent)
        if found is not None:
            log.warning("message %s was already sent (%s); not sending it again", message_id, found.sid)
            return _record(svc, message_id, found.sid, found.status, found.error_code)
    try:
        sent = svc.sender.send(outgoing)
    except PermanentSendError as exc:
        return _failed(svc, message_id, attempt, exc)
    except TransientSendError as exc:
        return _retry_later(svc, message_id, attempt, exc, urgent)
    return _record(svc, message_id, sent.sid, sent.status)


# The texts waiting to go out from one number ahead of a given one: higher priority (staff alerts), or as high and
# older. Sent in that order, they are the line in front of it.
_AHEAD = select(func.count()).select_from(Message).where(
    Message.direction == "out", Message.status == "queued", Message.from_addr == bindparam("from_addr"),
    or_(Message.priority > bindparam("priority"),
        and_(Message.priority == bindparam("priority"), Message.id < bindparam("message_id"))))


def _turn_in(svc, message_id: int, from_addr: str, priority: int) -> float:
    """About how many seconds until a queued text's turn at its number's send rate: the texts ahead of it, one slot
    each, plus up to half a second so that texts put back together do not all wake at once."""
    with svc.db.read() as session:
        ahead = session.scalar(_AHEAD, {"from_addr": from_addr, "priority": priority, "message_id": message_id})
    return (ahead + 1) / svc.limiter.rate + random.random() / 2


def send_claimed(svc, rows: list[Claimed]) -> None:
    """Send the texts a decision claimed in its own transaction (staff alerts first), then record them all in one
    transaction. A crash before the record leaves them 'sending': the sweeper asks Twilio's log whether they went
    (resolve_stuck), as for any send cut short.

    The sweeper takes a 'sending' row over once it is SWEEP_AFTER_SECONDS + 2 × TWILIO_TIMEOUT_SECONDS old, so a
    claimed row is only sent while that leaves room for its call: with no send slot free at once it goes back in
    line, handed to the delivery lane (the ordinary path: a short wait for a slot, else a turn scheduled, then the
    claim) so that the thread deciding texts never waits on one; past SWEEP_AFTER_SECONDS its claim is renewed
    first, unless the sweeper has it already."""
    sent = []
    rows = sorted(rows, key=lambda r: (-r.priority, r.id))
    urgents = [row.priority >= STAFF_PRIORITY for row in rows]
    # Their send slots are taken together, in this order: one round trip to Redis for the arrival's texts.
    slots = (svc.limiter.take_now([(row.from_addr, urgent) for row, urgent in zip(rows, urgents)])
             if svc.limiter is not None else [True] * len(rows))
    for row, urgent, slot in zip(rows, urgents, slots):
        if not slot:
            # Back in line on the delivery lane. Waiting for the slot here would hold the drain thread: with one busy
            # number, every thread ended up waiting on it, and every other store's arrivals with them.
            if _unclaim(svc, row.id):
                hand_over(svc, [row.id], urgent=urgent)
            continue
        if svc.clock() - row.claimed_at >= timedelta(seconds=svc.settings.sweep_after_seconds) \
                and not _renew_claim(svc, row.id):
            continue  # the sweeper took it over: it is its to send
        outgoing = _outgoing(svc, row)
        try:
            result = svc.sender.send(outgoing)
        except PermanentSendError as exc:
            _failed(svc, row.id, 1, exc)
            continue
        except TransientSendError as exc:
            _retry_later(svc, row.id, 1, exc, urgent)
            continue
        sent.append((row.id, result.sid, result.status, None))
    if sent:
        _record_all(svc, sent)


def _unclaim(svc, message_id: int) -> bool:
    """The claimed row back to 'queued', as an unclaimed one would have stayed; False if it was taken over."""
    return _still_claimed(svc, message_id, status="queued", attempts=0, status_at=svc.clock())


def _renew_claim(svc, message_id: int) -> bool:
    """Restart the sweeper's clock on a claimed row still ours; False if the sweeper took it over meanwhile."""
    return _still_claimed(svc, message_id, status_at=svc.clock())


def _still_claimed(svc, message_id: int, **values) -> bool:
    """Write `values` to a row the deciding worker claimed (attempt 1, still 'sending'); False if it was not."""
    with svc.db.write() as session:
        return session.execute(update(Message).where(Message.id == message_id, Message.status == "sending",
                                                     Message.attempts == 1).values(**values)).rowcount == 1


def resolve_stuck(svc, message_id: int, stuck_before: datetime) -> str | None:
    """A row left 'sending' (its worker killed mid-call, or the call never answered): Twilio's log says whether it
    went. Sent: record it. Not sent: back to 'queued' and send it. None when the row was not stuck after all."""
    now = svc.clock()
    with svc.db.write() as session:
        # Taking it over bumps the attempt, so a slow worker still holding the old attempt can no longer write it.
        took = session.execute(
            update(Message).where(Message.id == message_id, Message.status == "sending",
                                  func.coalesce(Message.status_at, Message.created_at) < stuck_before)
            .values(attempts=Message.attempts + 1, status_at=now)
        ).rowcount
        if not took:
            return None
        msg = session.get(Message, message_id)
        outgoing = _outgoing(svc, msg)
        attempt, since, urgent = msg.attempts, msg.created_at - CLOCK_SKEW, msg.priority >= STAFF_PRIORITY
    try:
        found = find_in_log(svc, outgoing, since)
    except SendError as exc:
        return _retry_later(svc, message_id, attempt, exc, urgent)
    if found is not None:
        log.warning("stuck message %s had reached Twilio (%s)", message_id, found.sid)
        return _record(svc, message_id, found.sid, found.status, found.error_code)
    with svc.db.write() as session:
        back = session.execute(update(Message).where(Message.id == message_id, Message.status == "sending",
                                                     Message.attempts == attempt)
                               .values(status="queued", status_at=now)).rowcount
    if not back:
        return None
    log.warning("stuck message %s never reached Twilio; sending it", message_id)
    return deliver(svc, message_id)


def find_in_log(svc, outgoing: Outgoing, since: datetime) -> Logged | None:
    """The text in Twilio's log from this sender to this recipient, with this body, created since `since`, whose
    SID no other row has. None if Twilio never took it. Raises SendError when the log cannot be read."""
    body = outgoing.body.strip()
    matches = [m for m in svc.sender.recent(outgoing.to, outgoing.from_, since)
               if m.body.strip() == body and (m.created_at is None or m.created_at >= since)]
    if not matches:
        return None
    with svc.db.read() as session:
        known = set(session.scalars(select(Message.twilio_sid).where(
            Message.twilio_sid.in_([m.sid for m in matches]))))
    unknown = [m for m in matches if m.sid not in known]
    return unknown[-1] if unknown else None  # newest first: the oldest unclaimed one is this row's first try


def _outgoing(svc, msg: Message | Claimed) -> Outgoing:
    return Outgoing(to=msg.to_addr, from_=msg.from_addr, body=msg.body, key=f"arrivee-{msg.id}",
                    status_callback=svc.status_callback_url)


_RECORD = (update(Message).where(Message.id == bindparam("message_id"), Message.twilio_sid.is_(None))
           .values(twilio_sid=bindparam("sid"), status=bindparam("status"), sent_at=bindparam("now"),
                   status_at=bindparam("now")).returning(Message.phone))


def _record(svc, message_id: int, sid: str, twilio_status: str | None, error_code: int | None = None) -> str:
    return _record_all(svc, [(message_id, sid, twilio_status, error_code)])[0]


def _record_all(svc, results: list[tuple[int, str, str | None, int | None]]) -> list[str]:
    """Twilio has each text (message id, its SID, Twilio's status, error code) under that SID: recorded in one
    transaction. Whatever became of a row meanwhile (given up, taken over), a row without a SID takes this one:
    Twilio's word is the truth about what was sent. Returns each row's new status."""
    now = svc.clock()
    outcomes = []
    with svc.db.write_connection() as connection:
        for message_id, sid, twilio_status, _code in results:
            status = "delivered" if twilio_status == "delivered" else "sent"
            row = connection.execute(_RECORD, {"message_id": message_id, "sid": sid, "status": status,
                                               "now": now}).first()
            if row is None:
                current = connection.execute(select(Message.twilio_sid).where(Message.id == message_id)).scalar()
                outcomes.append((status, current, None))
            else:
                outcomes.append((status, sid, row.phone))
    statuses = []
    for (message_id, sid, twilio_status, error_code), (status, current, phone) in zip(results, outcomes):
        same = current == sid
        if not same:
            log.error("message %s went out twice: %s and %s", message_id, current, sid)
        elif phone is not None:
            log.info("sent message %s to %s", message_id, mask(phone))
        if same and twilio_status in ("failed", "undelivered"):
            from .delivery import record_status  # a late failure found in the log counts as its status callback

            record_status(svc, sid, twilio_status, error_code)
            status = twilio_status
        statuses.append(status)
    return statuses


def _recipient_blocked(session, msg: Message) -> bool:
    if msg.customer_id is not None:
        c = session.get(Customer, msg.customer_id)
        return c is not None and (c.opted_out or c.unreachable)
    if msg.staff_id is not None:
        s = session.get(Staff, msg.staff_id)
        return s is not None and (s.opted_out or s.unreachable)
    return False


def _failed(svc, message_id: int, attempt: int, exc: PermanentSendError) -> str:
    """Not retried. The person is marked (opted out, unreachable) so nothing more is tried to that number, and a
    staff alert goes to a colleague instead."""
    with svc.db.write() as session:
        done = session.execute(update(Message).where(Message.id == message_id, Message.status == "sending",
                                                     Message.attempts == attempt)
                               .values(status="failed", error_code=exc.code, error=str(exc)[:500],
                                       status_at=svc.clock())).rowcount
        if not done:
            return session.get(Message, message_id).status
        msg = session.get(Message, message_id)
        person = (session.get(Customer, msg.customer_id) if msg.customer_id
                  else session.get(Staff, msg.staff_id) if msg.staff_id else None)
        if person is not None and exc.opted_out:
            person.opted_out = True
        elif person is not None and exc.unreachable:
            person.unreachable = True
    log.warning("message %s failed permanently (code %s)", message_id, exc.code)
    _reroute(svc, message_id)
    return "failed"


def backoff_seconds(attempt: int, base: float = 2.0) -> float:
    """Exponential backoff with jitter: about base, 2×base, 4×base… seconds, capped at five minutes. The jitter
    (half to all of the step) spreads the retries of a burst that failed together."""
    return random.uniform(0.5, 1.0) * max_backoff_seconds(attempt, base)


def max_backoff_seconds(attempt: int, base: float = 2.0) -> float:
    if attempt <= 0:
        return 0.0
    return min(MAX_BACKOFF_SECONDS, base * 2.0 ** (attempt - 1))


def _retry_later(svc, message_id: int, attempt: int, exc: SendError, urgent: bool) -> str:
    give_up = attempt >= svc.settings.send_max_attempts
    with svc.db.write() as session:
        done = session.execute(update(Message).where(Message.id == message_id, Message.status == "sending",
                                                     Message.attempts == attempt)
                               .values(status="failed" if give_up else "queued", error_code=exc.code,
                                       error=str(exc)[:500], status_at=svc.clock())).rowcount
        if not done:
            return session.get(Message, message_id).status
    if give_up:
        log.error("message %s failed after %s attempts", message_id, attempt)
        _reroute(svc, message_id)
        return "failed"
    log.warning("message %s: %s; retrying", message_id, exc)
    _later(svc, message_id, backoff_seconds(attempt, svc.settings.send_backoff_seconds), urgent)
    return "queued"


def _later(svc, message_id: int, delay: float, urgent: bool) -> None:
    try:
        svc.dispatcher.retry_delivery(message_id, delay, urgent=urgent)
    except Exception as exc:  # noqa: BLE001 - the row is 'queued': the sweeper sends it once its backoff has passed
        log.warning("could not schedule the retry of message %s (%s); the sweeper will", message_id, exc)


def _reroute(svc, message_id: int) -> None:
    from .delivery import reroute_failed

    after_commit(svc, reroute_failed(svc, message_id))
