"""The outbox: each queued text is sent once, paced per sending number (staff alerts first), retried on transient
errors after asking Twilio whether an earlier try went through, and recorded with its SID; and Twilio's later word
on each text (its status callbacks).

A row moves queued → sending → sent (then delivered/undelivered/failed by status callbacks), or to failed or
skipped. Every write after the claim is conditional on the attempt that claimed it, so a sweeper that took over a
stuck row and the worker that was slow on it cannot both act on it. What each outcome writes is in
bot/usecases/delivery.py; this module sends, and sends again what those writes call for (a re-routed alert).

Over 300 lines, kept whole: sending, retrying and re-routing call one another (a failed send re-routes an alert, a
re-routed alert is sent), so a split would bring back an import circle.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.exc import InterfaceError, OperationalError

from .. import telemetry
from ..data.db import rows_changed
from ..data.models import Message
from ..logs import current_trace
from ..messaging.errors import CredentialsRefused, PermanentSendError, SendError, TransientSendError
from . import delivery, photos
from .apply import STAFF_PRIORITY, Applied, Claimed
from .ports import Outgoing

if TYPE_CHECKING:
    from ..wiring import Services

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
# Twilio does not retry a status callback that failed: while the database is away it waits as a job instead.
DATABASE_AWAY_RETRY_SECONDS = 5.0


def after_commit(svc: Services, applied: Applied) -> None:
    """Once the decision is committed: wake live boards, send the texts claimed in it (staff alerts first), arm its
    timers, then send or hand over the rest. The timers come after the claimed texts because a staff phone is what
    a customer in the lot waits for; a worker that dies in between loses no timer (the sweeper re-arms them from
    the database)."""
    svc.notices.publish(applied.store_id)
    for what, seconds in applied.timings:
        svc.telemetry.observe(telemetry.ARRIVAL_TO_CLAIM if what == "claim" else telemetry.ARRIVAL_TO_HANDOFF, seconds)
    if applied.claimed:
        send_claimed(svc, applied.claimed, applied.received_at if applied.arrived else None)
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


def hand_over(svc: Services, message_ids: list[int], urgent: bool = False) -> bool:
    """Give texts to the workers. False when the queue is away: the rows stay queued and the sweeper sends them."""
    if not message_ids:
        return True
    try:
        svc.dispatcher.deliver(message_ids, urgent=urgent)
    except Exception as exc:  # noqa: BLE001 - any queue failure: the rows are safe in the database
        log.warning("could not enqueue delivery of %s (%s); the sweeper will send them", message_ids, exc)
        return False
    return True


def deliver(svc: Services, message_id: int) -> str:
    """Send one outbox row; returns its new status. Safe to call any number of times: only a 'queued' row is
    claimed, and a row that was tried before is first looked for in Twilio's log."""
    with svc.db.read() as session:
        row = session.execute(
            select(Message.direction, Message.status, Message.from_addr, Message.priority).where(
                Message.id == message_id
            )
        ).first()
    if row is None or row.direction != "out":
        return "missing"
    if row.status != "queued":
        return row.status
    urgent = row.priority >= STAFF_PRIORITY
    if svc.limiter is not None and not svc.limiter.acquire(
        row.from_addr, urgent=urgent, max_wait=MAX_SLOT_WAIT_SECONDS
    ):
        # No send slot soon: the number has a backlog. Back in line (the row is still 'queued') rather than holding
        # this worker's thread, whose other stores' deliveries and timers would wait behind this number's line.
        svc.telemetry.count(telemetry.SENDS_HELD)
        _later(svc, message_id, _turn_in(svc, message_id, row.from_addr, row.priority, svc.limiter.rate), urgent)
        return "queued"
    now = svc.clock()
    with svc.db.write() as session:
        claimed = rows_changed(
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.direction == "out", Message.status == "queued")
                .values(status="sending", attempts=Message.attempts + 1, status_at=now)
            )
        )
        msg = session.get(Message, message_id)
        if not claimed or msg is None:
            return msg.status if msg else "missing"
        # Opt-out is checked at send time, not only when the text was decided.
        if msg.template not in ALWAYS_SEND and delivery.recipient_blocked(session, msg):
            msg.status, msg.status_at = "skipped", now
            return "skipped"
        outgoing = _outgoing(svc, msg)
        attempt, since = msg.attempts, msg.created_at - CLOCK_SKEW
    if attempt > 1:
        # An earlier try may have reached Twilio (a timeout, a dropped connection, a worker killed mid-call).
        settled = _settled_by_log(svc, message_id, attempt, outgoing, since, urgent)
        if settled is not None:
            return settled
    try:
        sent = svc.sender.send(outgoing)
    except PermanentSendError as exc:
        return _failed(svc, message_id, attempt, exc)
    except TransientSendError as exc:
        return _retry_later(svc, message_id, attempt, exc, urgent)
    return _record(svc, message_id, sent.sid, sent.status)


# The texts waiting to go out from one number ahead of a given one: higher priority (staff alerts), or as high and
# older. Sent in that order, they are the line in front of it.
_AHEAD = (
    select(func.count())
    .select_from(Message)
    .where(
        Message.direction == "out",
        Message.status == "queued",
        Message.from_addr == bindparam("from_addr"),
        or_(
            Message.priority > bindparam("priority"),
            and_(Message.priority == bindparam("priority"), Message.id < bindparam("message_id")),
        ),
    )
)


def _turn_in(svc: Services, message_id: int, from_addr: str, priority: int, rate: float) -> float:
    """About how many seconds until a queued text's turn at its number's send `rate`: the texts ahead of it, one
    slot each, plus up to half a second so that texts put back together do not all wake at once."""
    with svc.db.read() as session:
        ahead = session.scalar(_AHEAD, {"from_addr": from_addr, "priority": priority, "message_id": message_id})
    return ((ahead or 0) + 1) / rate + random.random() / 2


def send_claimed(svc: Services, rows: list[Claimed], arrived: datetime | None = None) -> None:
    """Send the texts a decision claimed in its own transaction (staff alerts first), then record them all in one
    transaction. A crash before the record leaves them 'sending': the sweeper asks Twilio's log whether they went
    (resolve_stuck), as for any send cut short.

    The sweeper takes a 'sending' row over once it is SWEEP_AFTER_SECONDS + 2 × TWILIO_TIMEOUT_SECONDS old, so a
    claimed row is only sent while that leaves room for its call: with no send slot free at once it goes back in
    line, handed to the delivery lane (the ordinary path: a short wait for a slot, else a turn scheduled, then the
    claim) so that the thread deciding texts never waits on one; past SWEEP_AFTER_SECONDS its claim is renewed
    first, unless the sweeper has it already. `arrived`: when the arrival text these answer was received, timed to
    the first staff alert Twilio takes."""
    sent: list[tuple[int, str, str | None, int | None]] = []
    rows = sorted(rows, key=lambda r: (-r.priority, r.id))
    urgents = [row.priority >= STAFF_PRIORITY for row in rows]
    # Their send slots are taken together, in this order: one round trip to Redis for the arrival's texts.
    slots = (
        svc.limiter.take_now([(row.from_addr, urgent) for row, urgent in zip(rows, urgents)])
        if svc.limiter is not None
        else [True] * len(rows)
    )
    for row, urgent, slot in zip(rows, urgents, slots):
        if not slot:
            # Back in line on the delivery lane. Waiting for the slot here would hold the drain thread: with one busy
            # number, every thread ended up waiting on it, and every other store's arrivals with them.
            svc.telemetry.count(telemetry.SENDS_HELD)
            if _unclaim(svc, row.id):
                hand_over(svc, [row.id], urgent=urgent)
            continue
        if svc.clock() - row.claimed_at >= timedelta(seconds=svc.settings.sweep_after_seconds) and not _renew_claim(
            svc, row.id
        ):
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
        if urgent and arrived is not None:
            svc.telemetry.observe(telemetry.ARRIVAL_TO_ALERT, max(0.0, (svc.clock() - arrived).total_seconds()))
            arrived = None  # the first alert only
    if sent:
        _record_all(svc, sent)


def _unclaim(svc: Services, message_id: int) -> bool:
    """The claimed row back to 'queued', as an unclaimed one would have stayed; False if it was taken over."""
    return _still_claimed(svc, message_id, status="queued", attempts=0, status_at=svc.clock())


def _renew_claim(svc: Services, message_id: int) -> bool:
    """Restart the sweeper's clock on a claimed row still ours; False if the sweeper took it over meanwhile."""
    return _still_claimed(svc, message_id, status_at=svc.clock())


def _still_claimed(svc: Services, message_id: int, **values: object) -> bool:
    """Write `values` to a row the deciding worker claimed (attempt 1, still 'sending'); False if it was not."""
    with svc.db.write() as session:
        return (
            rows_changed(
                session.execute(
                    update(Message)
                    .where(Message.id == message_id, Message.status == "sending", Message.attempts == 1)
                    .values(**values)
                )
            )
            == 1
        )


def resolve_stuck(svc: Services, message_id: int, stuck_before: datetime) -> str | None:
    """A row left 'sending' (its worker killed mid-call, or the call never answered): Twilio's log says whether it
    went. Sent: record it. Not sent: back to 'queued' and send it. None when the row was not stuck after all."""
    now = svc.clock()
    with svc.db.write() as session:
        # Taking it over bumps the attempt, so a slow worker still holding the old attempt can no longer write it.
        took = rows_changed(
            session.execute(
                update(Message)
                .where(
                    Message.id == message_id,
                    Message.status == "sending",
                    func.coalesce(Message.status_at, Message.created_at) < stuck_before,
                )
                .values(attempts=Message.attempts + 1, status_at=now)
            )
        )
        if not took:
            return None
        msg = session.get_one(Message, message_id)
        outgoing = _outgoing(svc, msg)
        attempt, since, urgent = msg.attempts, msg.created_at - CLOCK_SKEW, msg.priority >= STAFF_PRIORITY
    settled = _settled_by_log(svc, message_id, attempt, outgoing, since, urgent)
    if settled is not None:
        return settled
    with svc.db.write() as session:
        back = rows_changed(
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "sending", Message.attempts == attempt)
                .values(status="queued", status_at=now)
            )
        )
    if not back:
        return None
    log.warning("stuck message %s never reached Twilio; sending it", message_id)
    return deliver(svc, message_id)


def _settled_by_log(
    svc: Services, message_id: int, attempt: int, outgoing: Outgoing, since: datetime, urgent: bool
) -> str | None:
    """Before a row held by `attempt` is sent again: Twilio's Messages API has no idempotency key, so its log says
    whether an earlier try went through. Found there: recorded as sent, and its new status returned. The log
    unreadable: retried later rather than risk sending twice, and its new status returned. None: Twilio never had
    it, so it is to be sent."""
    try:
        found = delivery.find_in_log(svc, outgoing, since)
    except SendError as exc:
        return _retry_later(svc, message_id, attempt, exc, urgent)
    if found is None:
        return None
    log.warning("message %s had already reached Twilio (%s); not sending it again", message_id, found.sid)
    return _record(svc, message_id, found.sid, found.status, found.error_code)


def record_status(svc: Services, sid: str, status: str, error_code: int | None, attempt: int = 0) -> None:
    """A delivery status from Twilio (its status callback, or its log): applied, and a failed staff alert sent on
    to a colleague (bot/usecases/delivery.py)."""
    status = status.lower()
    if status not in delivery.RANK:
        return
    if error_code is not None and attempt == 0:
        svc.telemetry.count(telemetry.TWILIO_ERRORS, (str(error_code), "delivery"))
    try:
        applied = delivery.apply_status(svc, sid, status, error_code, attempt)
    except (OperationalError, InterfaceError):
        log.warning("database unavailable; status %s of %s kept for later", status, sid)
        svc.dispatcher.status_later(sid, status, error_code, attempt, delay=DATABASE_AWAY_RETRY_SECONDS)
        return
    after_commit(svc, applied)


def _outgoing(svc: Services, msg: Message | Claimed) -> Outgoing:
    # An alert with the customer's photo goes as MMS: Twilio fetches the picture from our signed link (the photo
    # may have been deleted since the text was written: then it goes as a plain text).
    media = tuple(photos.links(svc, [msg.photo_id]).values()) if msg.photo_id else ()
    callback, trace = svc.status_callback_url, current_trace()
    if callback and trace:
        callback += f"?trace={trace}"  # Twilio calls it as given: its status lines carry the inbound text's id
    return Outgoing(
        to=msg.to_addr,
        from_=msg.from_addr,
        body=msg.body,
        key=f"arrivee-{msg.id}",
        status_callback=callback,
        media_urls=media,
    )


def _send_error(svc: Services, message_id: int, exc: SendError) -> None:
    """Every Twilio error counted by code; refused credentials said loudly: no text goes out until they are fixed."""
    svc.telemetry.count(telemetry.TWILIO_ERRORS, (str(exc.code or exc.status or "none"), "send"))
    if isinstance(exc, CredentialsRefused):
        svc.telemetry.count(telemetry.TWILIO_AUTH_FAILURES)
        log.error(
            "Twilio refused our credentials (HTTP %s, code %s) sending message %s: no text goes out until "
            "TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are fixed (run `python -m bot doctor`)",
            exc.status,
            exc.code,
            message_id,
        )


def _record(svc: Services, message_id: int, sid: str, twilio_status: str | None, error_code: int | None = None) -> str:
    return _record_all(svc, [(message_id, sid, twilio_status, error_code)])[0]


def _record_all(svc: Services, results: list[tuple[int, str, str | None, int | None]]) -> list[str]:
    """Record what Twilio took (message id, SID, Twilio's status, error code) in one transaction; a failure it
    already reports counts as that text's status callback. Returns each row's new status."""
    statuses = delivery.record_sent(svc, results)
    for (_message_id, sid, _twilio_status, error_code), status in zip(results, statuses):
        if status in delivery.FAILED:
            record_status(svc, sid, status, error_code)
    return statuses


def _failed(svc: Services, message_id: int, attempt: int, exc: PermanentSendError) -> str:
    """Not retried. The person is marked (opted out, unreachable) so nothing more is tried to that number, and a
    staff alert goes to a colleague instead."""
    _send_error(svc, message_id, exc)
    current = delivery.failed(svc, message_id, attempt, exc)
    if current is not None:
        return current
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


def _retry_later(svc: Services, message_id: int, attempt: int, exc: SendError, urgent: bool) -> str:
    _send_error(svc, message_id, exc)
    give_up = attempt >= svc.settings.send_max_attempts
    current = delivery.retry_or_give_up(svc, message_id, attempt, exc, give_up)
    if current is not None:
        return current
    if give_up:
        log.error("message %s failed after %s attempts", message_id, attempt)
        _reroute(svc, message_id)
        return "failed"
    log.warning("message %s: %s; retrying", message_id, exc)
    _later(svc, message_id, backoff_seconds(attempt, svc.settings.send_backoff_seconds), urgent)
    return "queued"


def _later(svc: Services, message_id: int, delay: float, urgent: bool) -> None:
    try:
        svc.dispatcher.retry_delivery(message_id, delay, urgent=urgent)
    except Exception as exc:  # noqa: BLE001 - the row is 'queued': the sweeper sends it once its backoff has passed
        log.warning("could not schedule the retry of message %s (%s); the sweeper will", message_id, exc)


def _reroute(svc: Services, message_id: int) -> None:
    after_commit(svc, delivery.reroute_failed(svc, message_id))
