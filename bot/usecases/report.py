"""The store's day in figures (the owner's STATUS text and the admin day report): read from the handoffs."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core.handoff import AT_STORE
from ..core.report import DayFigures, Timing, Waiting, day_figures
from ..data.models import Handoff, Store


def local_day(store: Store, now: datetime, day: date | None = None) -> tuple[datetime, datetime]:
    """The store's local day (today unless `day` is given) as a UTC [start, end)."""
    tz = ZoneInfo(store.timezone)
    day = day or now.astimezone(tz).date()
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def done_in(session: Session, store_id: int, start: datetime, end: datetime) -> list[Handoff]:
    """The store's handoffs handed off in [start, end), with their orders, customer and claimer loaded."""
    return list(session.scalars(
        select(Handoff).where(Handoff.store_id == store_id, Handoff.status == "done", Handoff.done_at >= start,
                              Handoff.done_at < end)
        .order_by(Handoff.done_at)
        .options(selectinload(Handoff.orders), selectinload(Handoff.customer), selectinload(Handoff.claimed_by))))


def figures_in(session: Session, store: Store, now: datetime, day: date | None = None) -> DayFigures:
    """Inside the caller's transaction."""
    start, end = local_day(store, now, day)
    done = session.execute(select(Handoff.arrived_at, Handoff.claimed_at, Handoff.done_at).where(
        Handoff.store_id == store.id, Handoff.status == "done", Handoff.done_at >= start,
        Handoff.done_at < end)).all()
    waiting = []
    if day is None or start <= now < end:
        rows = session.execute(select(Handoff.location, Handoff.spot, Handoff.arrived_at).where(
            Handoff.store_id == store.id, Handoff.status.in_(AT_STORE)).order_by(Handoff.arrived_at, Handoff.id))
        waiting = [Waiting("door" if location == "door" else (spot or "?"), arrived_at)
                   for location, spot, arrived_at in rows]
    return day_figures([Timing(a, c, d) for a, c, d in done], waiting, store.timezone)


def day_figures_of(db, store_id: int, now: datetime, day: date | None = None) -> DayFigures:
    with db.read() as session:
        store = session.get(Store, store_id)
        return figures_in(session, store, now, day)
