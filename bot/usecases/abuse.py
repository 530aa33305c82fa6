"""Counting for the abuse rules (bot/core/abuse.py): the message log is the counter.

Counting rows that are written anyway needs no extra store, holds across any number of web and worker
processes, survives a Redis restart, and moves with the (fake) clock in tests. Every count but one is
on the (store_id, phone) index; the per-store count runs only for an unknown number still under its own
limit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from ..core import abuse as rules
from ..data.models import Message

LOOP_NOTE = rules.Verdict(False, "loop").note


def limits(settings) -> rules.Limits:
    return rules.Limits(
        per_number_hour=settings.unknown_replies_per_number_hour,
        per_store_hour=settings.unknown_replies_per_store_hour,
        loop_texts_per_minute=settings.loop_texts_per_minute,
        loop_pause_seconds=settings.loop_pause_seconds,
    )


def check(session, settings, msg: Message, known: bool, now: datetime, command: bool = False) -> rules.Verdict:
    """The verdict on the texts `msg` may cause; `command`: a command from someone on the roster (judged by
    rules.judge_command). Records a loop burst on `msg` (inside the caller's transaction) so that the pause lasts
    even once the burst is over."""
    lim = limits(settings)
    traffic = _traffic(session, msg, now, lim, per_store=False)
    if command:
        if rules.needs_repeat_count(traffic, now, lim):
            traffic = replace(traffic, repeats=_repeats(session, msg, now, lim))
        verdict = rules.judge_command(traffic, now, lim)
    else:
        if rules.needs_store_count(traffic, known, now, lim):
            traffic = _traffic(session, msg, now, lim, per_store=True)
        verdict = rules.judge(traffic, known, now, lim)
    if not verdict.texts_allowed:
        msg.error = verdict.note
    return verdict


_CAME_IN = Message.direction == "in"
_NO_ORDER_REPLY = and_(Message.direction == "out", Message.template.in_(rules.NO_ORDER_REPLIES))
# The three counts on one sender in one pass over its recent rows (the (store_id, phone) index); built once.
_SENDER_TRAFFIC = select(
    func.count(
        case(
            (
                and_(
                    _CAME_IN, Message.created_at > bindparam("minute_ago"), Message.created_at <= bindparam("sent_at")
                ),
                1,
            )
        )
    ),
    func.max(
        case(
            (
                and_(
                    _CAME_IN,
                    Message.error == LOOP_NOTE,
                    Message.id != bindparam("message_id"),
                    Message.created_at >= bindparam("pause_ago"),
                ),
                Message.created_at,
            )
        )
    ),
    func.count(case((and_(_NO_ORDER_REPLY, Message.created_at > bindparam("hour_ago")), 1))),
).where(
    Message.store_id == bindparam("store_id"),
    Message.phone == bindparam("phone"),
    Message.created_at >= bindparam("since"),
)
_STORE_REPLIES = (
    select(func.count())
    .select_from(Message)
    .where(
        Message.store_id == bindparam("store_id"),
        _NO_ORDER_REPLY,
        Message.audience == "customer",
        Message.created_at > bindparam("hour_ago"),
    )
)


# An earlier text from the sender, word for word the same, sent in the last minute or silenced by the loop rule within
# the pause: an auto-responder's fixed reply coming round again (on the (store_id, phone) index; built once).
_EARLIER_SAME = aliased(Message)
_REPEATS = select(
    exists().where(
        _EARLIER_SAME.store_id == bindparam("store_id"),
        _EARLIER_SAME.phone == bindparam("phone"),
        _EARLIER_SAME.direction == "in",
        _EARLIER_SAME.id != bindparam("message_id"),
        _EARLIER_SAME.body == bindparam("body"),
        _EARLIER_SAME.created_at >= bindparam("pause_ago"),
        _EARLIER_SAME.created_at <= bindparam("sent_at"),
        or_(
            _EARLIER_SAME.created_at > bindparam("minute_ago"),
            _EARLIER_SAME.error.in_([rules.Verdict(False, reason).note for reason in rules.LOOP_REASONS]),
        ),
    )
)


def _repeats(session, msg: Message, now: datetime, lim: rules.Limits) -> bool:
    sent_at = msg.created_at or now
    found = session.connection().scalar(
        _REPEATS,
        {
            "store_id": msg.store_id,
            "phone": msg.phone,
            "message_id": msg.id,
            "body": msg.body,
            "sent_at": sent_at,
            "minute_ago": sent_at - timedelta(seconds=60),
            "pause_ago": sent_at - timedelta(seconds=max(lim.loop_pause_seconds, 60)),
        },
    )
    return bool(found)


def _traffic(session, msg: Message, now: datetime, lim: rules.Limits, per_store: bool) -> rules.Traffic:
    sent_at = msg.created_at or now  # bursts are judged by when the texts came in, not when processed
    minute_ago = sent_at - timedelta(seconds=60)
    pause_ago = sent_at - timedelta(seconds=lim.loop_pause_seconds)
    hour_ago = now - timedelta(hours=1)
    # On the session's connection: counts load no objects, so the ORM's execution layer would only add its cost. The
    # callers judge a text before applying its decision (no autoflush), so nothing pending is missed.
    connection = session.connection()
    texts, last_burst, to_number = connection.execute(
        _SENDER_TRAFFIC,
        {
            "store_id": msg.store_id,
            "phone": msg.phone,
            "message_id": msg.id,
            "sent_at": sent_at,
            "minute_ago": minute_ago,
            "pause_ago": pause_ago,
            "hour_ago": hour_ago,
            "since": min(minute_ago, pause_ago, hour_ago),
        },
    ).one()
    to_anyone = None
    if per_store:
        to_anyone = connection.scalar(_STORE_REPLIES, {"store_id": msg.store_id, "hour_ago": hour_ago})
    return rules.Traffic(
        texts_last_minute=texts or 0,
        last_burst_at=_aware(last_burst),
        replies_to_number_last_hour=to_number or 0,
        replies_to_unknown_last_hour=to_anyone,
    )


def _aware(value: datetime | None) -> datetime | None:
    """func.max() bypasses the column type, so SQLite hands back a naive (UTC) datetime or even a string."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
