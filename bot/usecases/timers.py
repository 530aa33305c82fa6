"""Timed work: escalating unclaimed handoffs, alerting without a spot, and the sweeper that loses nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import InterfaceError, OperationalError

from ..core.conversation import CALL_LEVEL, SPOT_GRACE_SECONDS, decide_escalation, decide_nudge
from ..core.statuses import HandoffStatus, OrderStatus
from ..data.models import Call, Handoff, Message, Order, Store
from . import calls, order_events, state
from .apply import STAFF_PRIORITY, apply
from .inbound import process_inbound
from .outbox import after_commit, deliver, max_backoff_seconds, resolve_stuck
from .receiving import InboundText, record_inbound

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)

# One sweep does at most this much of each kind; the next sweep, seconds later, takes the rest.
BATCH = 500
# While Redis is away the sweeping worker does the work itself, in smaller bites so it keeps sweeping.
INLINE_BATCH = 50
TIMER_HORIZON = timedelta(minutes=10)


def escalate(svc: Services, handoff_id: int, level: int) -> None:
    _timer(svc, handoff_id, lambda store_v, h, team, now: decide_escalation(store_v, h, level, team, now))


def nudge(svc: Services, handoff_id: int) -> None:
    _timer(svc, handoff_id, decide_nudge)


def _timer(svc: Services, handoff_id: int, decide) -> None:
    now = svc.clock()
    with svc.db.write() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None:
            return
        store = state.lock_store(session, handoff.store_id)
        session.refresh(handoff)
        effects = decide(
            state.store_view(store, now), state.handoff_view(handoff), state.staff_views(session, store.id), now
        )
        applied = apply(session, store, effects, now, handoff=handoff)
    after_commit(svc, applied)


def stuck_after(settings) -> float:
    """How long a row may stay 'sending' before the sweeper asks Twilio about it: longer than any send call can
    take (a connect and a read, each up to the timeout), so a live worker is never second-guessed."""
    return settings.sweep_after_seconds + 2 * settings.twilio_timeout_seconds


def sweep(svc: Services) -> dict:
    """Find what was stored but never processed or sent, and the timers Redis lost, and set them going again.
    Every step is idempotent, so any number of workers may sweep at once; each kind is done oldest first."""
    counts = {"spilled": 0, "inbound": 0, "outbound": 0, "stuck": 0, "timers": 0, "order_events": 0}
    counts["spilled"] = recover_spilled(svc)
    now = svc.clock()
    counts["inbound"] = _inbound(svc, now)
    counts["outbound"] = _outbound(svc, now)
    counts["stuck"] = _stuck(svc, now)
    counts["timers"] = _timers(svc, now)
    counts["order_events"] = _order_events(svc, now)
    if any(counts.values()):
        log.warning("sweeper recovered %s", counts)
    return counts


def recover_spilled(svc: Services) -> int:
    """Store the texts the webhook kept in Redis while the database was away (oldest first), then process them.
    Each is removed from Redis only once stored, and stored once whatever happens (its MessageSid is unique)."""
    stored = 0
    while stored < BATCH:
        try:
            item = svc.dispatcher.oldest_spilled()
        except Exception:  # noqa: BLE001 - Redis is away: what it kept waits there for the next sweep
            break
        if item is None:
            break
        raw, text = item
        message_id = record_inbound(
            svc.db,
            InboundText(
                sid=text["sid"],
                from_addr=text["from"],
                to_addr=text["to"],
                body=text["body"],
                media=tuple((url, kind) for url, kind in text.get("media") or ()),
            ),
            datetime.fromisoformat(text["at"]),
        )
        try:
            svc.dispatcher.forget_spilled(raw)
        except Exception:  # noqa: BLE001 - stored once already; the next sweep stores it again, deduplicated
            break
        stored += 1
        if message_id is not None:
            try:
                svc.dispatcher.process_inbound(message_id)
            except Exception as exc:  # noqa: BLE001 - stored: the stale-text sweep below or the next one takes it
                log.warning("could not enqueue recovered message %s (%s)", message_id, exc)
    return stored


def _inbound(svc: Services, now: datetime) -> int:
    stale = now - timedelta(seconds=svc.settings.sweep_after_seconds)
    with svc.db.read() as session:
        ids = list(
            session.scalars(
                select(Message.id)
                .where(Message.direction == "in", Message.status == "received", Message.created_at < stale)
                .order_by(Message.id)
                .limit(BATCH)
            )
        )
    if not ids:
        return 0
    try:
        # Held back for a while once pushed, so a backlog being worked through is not pushed on every sweep.
        return svc.dispatcher.requeue_inbound(ids, hold_seconds=max(10.0, 2.0 * svc.settings.sweep_after_seconds))
    except Exception:  # noqa: BLE001 - Redis is away: this worker processes them itself
        log.warning("queue unavailable: processing %s stored texts directly", min(len(ids), INLINE_BATCH))
    done = 0
    for message_id in ids[:INLINE_BATCH]:
        try:
            process_inbound(svc, message_id)
            done += 1
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # noqa: BLE001 - one bad text must not stop the sweep; it stays 'received'
            log.exception("processing message %s from the sweeper failed", message_id)
    return done


def _order_events(svc: Services, now: datetime) -> int:
    """Order webhooks answered 200 but not applied (Redis lost the job, a worker died applying one): again."""
    ids = order_events.stuck_events(svc.db, now, svc.settings.sweep_after_seconds, limit=INLINE_BATCH)
    if not ids:
        return 0
    try:
        return svc.dispatcher.apply_order_events_again(
            ids, hold_seconds=max(10.0, 2.0 * svc.settings.sweep_after_seconds)
        )
    except Exception:  # noqa: BLE001 - Redis is away: this worker applies them itself
        log.warning("queue unavailable: applying %s order events directly", len(ids))
    done = 0
    for event_id in ids:
        try:
            order_events.apply_event(svc, event_id)
            done += 1
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # noqa: BLE001 - one bad event must not stop the sweep; it stays as it was
            log.exception("applying order event %s from the sweeper failed", event_id)
    return done


def _outbound(svc: Services, now: datetime) -> int:
    """'queued' rows whose hand-over was lost (Redis down, a worker killed before sending them), once their
    retry backoff, if any, has passed."""
    grace = timedelta(seconds=svc.settings.sweep_after_seconds)
    since = func.coalesce(Message.status_at, Message.created_at)
    with svc.db.read() as session:
        rows = session.execute(
            select(Message.id, Message.attempts, since, Message.priority)
            .where(Message.direction == "out", Message.status == "queued", since < now - grace)
            .order_by(Message.priority.desc(), Message.id)
            .limit(BATCH)
        ).all()
    # A retry is scheduled to the second, rounded up: a row is the sweeper's only once that second has passed too.
    due = [
        (i, p)
        for i, attempts, at, p in rows
        if _aware(at) + timedelta(seconds=max_backoff_seconds(attempts, svc.settings.send_backoff_seconds) + 1) + grace
        < now
    ]
    if not due:
        return 0
    urgent = [i for i, p in due if p >= STAFF_PRIORITY]
    normal = [i for i, p in due if p < STAFF_PRIORITY]
    hold = max(10.0, 2.0 * svc.settings.sweep_after_seconds)
    try:
        return svc.dispatcher.deliver_again(urgent, urgent=True, hold_seconds=hold) + svc.dispatcher.deliver_again(
            normal, urgent=False, hold_seconds=hold
        )
    except Exception:  # noqa: BLE001 - Redis is away: send them from here
        log.warning("queue unavailable: sending %s queued texts directly", min(len(due), INLINE_BATCH))
    for message_id, _p in due[:INLINE_BATCH]:
        deliver(svc, message_id)
    return min(len(due), INLINE_BATCH)


def _stuck(svc: Services, now: datetime) -> int:
    stuck_before = now - timedelta(seconds=stuck_after(svc.settings))
    since = func.coalesce(Message.status_at, Message.created_at)
    with svc.db.read() as session:
        ids = list(
            session.scalars(
                select(Message.id)
                .where(Message.direction == "out", Message.status == "sending", since < stuck_before)
                .order_by(Message.id)
                .limit(INLINE_BATCH)
            )
        )
    resolved = 0
    for message_id in ids:
        if resolve_stuck(svc, message_id, stuck_before) is not None:
            resolved += 1
    return resolved


def _timers(svc: Services, now: datetime) -> int:
    """Re-arm the escalation and spot timers Redis no longer holds (it restarted empty, or a schedule call failed),
    or fire them now if they are overdue. Firing is idempotent, so a timer that was only late does no harm."""
    wanted: list[tuple[str, int, int, datetime]] = []
    with svc.db.read() as session:
        for hid, level, alerted_at, arrived_at, created_at, delay in session.execute(
            select(
                Handoff.id,
                Handoff.escalation_level,
                Handoff.alerted_at,
                Handoff.arrived_at,
                Handoff.created_at,
                Store.escalation_seconds,
            )
            .join(Store, Store.id == Handoff.store_id)
            .where(Handoff.status == HandoffStatus.WAITING, Handoff.alerted.is_(True), Handoff.escalation_level < 2)
        ):
            # Level 2 is armed when level 1 fires; that time is not stored, so a lost level 2 is re-armed late
            # rather than early.
            wanted.append(
                (
                    "escalate",
                    hid,
                    level + 1,
                    _aware(alerted_at or arrived_at or created_at) + timedelta(seconds=delay * (level + 1)),
                )
            )
        # The call to the landline, armed when the last escalation fired: re-armed unless it was placed already.
        called = select(Call.handoff_id)
        for hid, alerted_at, arrived_at, created_at, delay in session.execute(
            select(Handoff.id, Handoff.alerted_at, Handoff.arrived_at, Handoff.created_at, Store.escalation_seconds)
            .join(Store, Store.id == Handoff.store_id)
            .where(
                Handoff.status == HandoffStatus.WAITING,
                Handoff.alerted.is_(True),
                Handoff.escalation_level >= 2,
                Store.landline.is_not(None),
                Handoff.id.not_in(called),
            )
        ):
            due = _aware(alerted_at or arrived_at or created_at) + timedelta(seconds=delay * CALL_LEVEL)
            wanted.append(("call", hid, 0, due))
        ready = select(Order.handoff_id).where(Order.status == OrderStatus.READY)
        for hid, arrived_at in session.execute(
            select(Handoff.id, Handoff.arrived_at).where(
                Handoff.status == HandoffStatus.WAITING,
                Handoff.alerted.is_(False),
                Handoff.arrived_at.is_not(None),
                Handoff.id.in_(ready),
            )
        ):
            wanted.append(("nudge", hid, 0, _aware(arrived_at) + timedelta(seconds=SPOT_GRACE_SECONDS)))
    # Timers further off are left to a later sweep, which comes round long before they are due: checking every
    # waiting handoff in Redis on every sweep would cost a look-up each.
    wanted = [w for w in wanted if w[3] <= now + TIMER_HORIZON]
    if not wanted:
        return 0
    try:
        armed = svc.dispatcher.timers_armed([(job, hid, level) for job, hid, level, _due in wanted])
    except Exception:  # noqa: BLE001 - Redis is away: fire what is due from here; the rest waits for it
        due_now = [w for w in wanted if w[3] <= now]
        for job, handoff_id, level, _due in due_now:
            _fire(svc, job, handoff_id, level)
        return len(due_now)
    count = 0
    for job, handoff_id, level, due in wanted:
        if (job, handoff_id, level) in armed:
            continue
        if due <= now:
            _fire(svc, job, handoff_id, level)
        else:
            svc.dispatcher.schedule(job, handoff_id, level, (due - now).total_seconds())
        count += 1
    return count


def _fire(svc: Services, job: str, handoff_id: int, level: int) -> None:
    if job == "escalate":
        escalate(svc, handoff_id, level)
    elif job == "call":
        calls.place(svc, handoff_id)
    else:
        nudge(svc, handoff_id)


def _aware(at: datetime) -> datetime:
    # SQLite hands back naive datetimes from an expression (coalesce) that bypasses the UTC column type.
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
