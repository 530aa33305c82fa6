"""Feeds the honest wait (bot/core/wait.py) from the database: the store's handoffs today, the queue at the store,
the staff on duty. Read inside the caller's transaction, only for an arrival.

The reads are plain columns and counts, run on the session's connection rather than through the Session: the ORM's
execution layer (autoflush, compile state, result wrapping) is a good part of such a statement's cost and gives them
nothing, as they load no objects and read only other customers' handoffs, which the decision in progress does not
change before it reads them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, case, func, select, type_coerce
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
)
# How many are ahead, and since when the longest-waiting of them that nobody has taken has been there.
_AHEAD = select(
    func.count(Handoff.id),
    type_coerce(func.min(case((Handoff.claimed_at.is_(None), Handoff.arrived_at))), UTCDateTime),
).where(
    Handoff.store_id == bindparam("store_id"),
    Handoff.status.in_(AT_STORE),
    Handoff.customer_id != bindparam("customer_id"),
    Handoff.arrived_at.is_not(None),
    Handoff.arrived_at <= bindparam("now"),
)


def past_today(session: Session, store: Store, now: datetime) -> list[Past]:
    start, _end = local_day(store, now)
    rows = session.connection().execute(_TODAY, {"store_id": store.id, "start": start}).all()
    return [Past(arrived, claimed, done) for arrived, claimed, done in rows]


def likely_wait(session: Session, store: Store, customer_id: int, now: datetime, members: list[Staff]) -> Wait | None:
    """The wait to tell a customer arriving now: the store's day so far, who is ahead, who is on duty."""
    ahead, unclaimed_since = (
        session.connection().execute(_AHEAD, {"store_id": store.id, "customer_id": customer_id, "now": now}).one()
    )
    on_duty = sum(1 for s in members if s.on_duty and s.removed_at is None) or 1
    return estimate(past_today(session, store, now), now, ahead=ahead, on_duty=on_duty, unclaimed_since=unclaimed_since)
