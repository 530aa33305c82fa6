"""Feeds the honest wait (bot/core/wait.py) from the database: the store's handoffs today, the queue at the store,
the staff on duty. Read inside the caller's transaction, only for an arrival.

Both are read in one statement (one round trip), of plain columns and counts, on the session's connection rather
than through the Session: the ORM's execution layer (autoflush, compile state, result wrapping) is a good part of
such a statement's cost and gives it nothing, as it loads no objects and reads only other customers' handoffs, which
the decision in progress does not change before it reads them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, case, func, select, true, type_coerce
from sqlalchemy.orm import Session

from ..core.handoff import AT_STORE
from ..core.statuses import HandoffStatus
from ..core.wait import RECENT, Past, Wait, estimate
from ..data.models import Handoff, Staff, Store, UTCDateTime
from .report import local_day

# Built once (state.py says why). The last handoffs of the day, newest first: the estimate needs RECENT of them,
# or of those within the last hour; twice that covers both.
_TODAY = (
    select(Handoff.arrived_at, Handoff.claimed_at, Handoff.done_at)
    .where(
        Handoff.store_id == bindparam("store_id"),
        Handoff.status == HandoffStatus.DONE,
        Handoff.done_at >= bindparam("start"),
        Handoff.arrived_at.is_not(None),
    )
    .order_by(Handoff.done_at.desc())
    .limit(RECENT * 3)
    .subquery("today")
)
# How many are ahead, and since when the longest-waiting of them that nobody has taken has been there.
_AHEAD = (
    select(
        func.count(Handoff.id).label("ahead"),
        type_coerce(func.min(case((Handoff.claimed_at.is_(None), Handoff.arrived_at))), UTCDateTime).label(
            "unclaimed_since"
        ),
    )
    .where(
        Handoff.store_id == bindparam("store_id"),
        Handoff.status.in_(AT_STORE),
        Handoff.customer_id != bindparam("customer_id"),
        Handoff.arrived_at.is_not(None),
        Handoff.arrived_at <= bindparam("now"),
    )
    .subquery("ahead")
)
# Both in one statement: the one row of counts beside each of today's handoffs (or beside nothing, early in the day).
_WAIT = (
    select(_AHEAD.c.ahead, _AHEAD.c.unclaimed_since, _TODAY.c.arrived_at, _TODAY.c.claimed_at, _TODAY.c.done_at)
    .select_from(_AHEAD.outerjoin(_TODAY, true()))
    .order_by(_TODAY.c.done_at.desc())
)


def likely_wait(session: Session, store: Store, customer_id: int, now: datetime, members: list[Staff]) -> Wait | None:
    """The wait to tell a customer arriving now: the store's day so far, who is ahead, who is on duty."""
    start, _end = local_day(store, now)
    rows = (
        session.connection()
        .execute(_WAIT, {"store_id": store.id, "customer_id": customer_id, "now": now, "start": start})
        .all()
    )
    ahead, unclaimed_since = rows[0].ahead, rows[0].unclaimed_since
    past = [Past(r.arrived_at, r.claimed_at, r.done_at) for r in rows if r.done_at is not None]
    on_duty = sum(1 for s in members if s.on_duty and s.removed_at is None) or 1
    return estimate(past, now, ahead=ahead, on_duty=on_duty, unclaimed_since=unclaimed_since)
