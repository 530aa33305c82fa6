"""The store's day in figures (the owner's STATUS text and the admin day report): read from the handoffs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core.handoff import AT_STORE, DAYS, short_name
from ..core.report import DayFigures, Timing, Waiting, day_figures, handoffs_csv, hours_shown
from ..core.statuses import HandoffStatus
from ..data.models import Handoff, Store
from .state import customer_name, store_in


def local_day(store: Store, now: datetime, day: date | None = None) -> tuple[datetime, datetime]:
    """The store's local day (today unless `day` is given) as a UTC [start, end)."""
    tz = ZoneInfo(store.timezone)
    day = day or now.astimezone(tz).date()
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def done_in(session: Session, store_id: int, start: datetime, end: datetime) -> list[Handoff]:
    """The store's handoffs handed off in [start, end), with their orders, customer and claimer loaded."""
    return list(
        session.scalars(
            select(Handoff)
            .where(
                Handoff.store_id == store_id,
                Handoff.status == HandoffStatus.DONE,
                Handoff.done_at >= start,
                Handoff.done_at < end,
            )
            .order_by(Handoff.done_at)
            .options(selectinload(Handoff.orders), selectinload(Handoff.customer), selectinload(Handoff.claimed_by))
        )
    )


def timing(h: Handoff) -> Timing:
    orders = list(h.orders)
    return Timing(
        h.arrived_at,
        h.claimed_at,
        h.done_at,
        h.status,
        orders=tuple(o.number for o in orders),
        customer=short_name(customer_name(h.customer, orders)),
        where="door" if h.location == "door" else h.spot,
        claimed_by=h.claimed_by.name if h.claimed_by else None,
    )


def figures_in(session: Session, store: Store, now: datetime, day: date | None = None) -> DayFigures:
    """Inside the caller's transaction. The owner's STATUS text, the admin pages' figures and the day report's
    charts and CSV all come from here, so they show the same numbers."""
    start, end = local_day(store, now, day)
    waiting = []
    if start <= now < end:
        rows = session.execute(
            select(Handoff.location, Handoff.spot, Handoff.arrived_at, Handoff.photo_id)
            .where(Handoff.store_id == store.id, Handoff.status.in_(AT_STORE))
            .order_by(Handoff.arrived_at, Handoff.id)
        )
        waiting = [
            Waiting("door" if location == "door" else (spot or None), arrived_at, photo_id is not None)
            for location, spot, arrived_at, photo_id in rows
        ]
    return day_figures([timing(h) for h in done_in(session, store.id, start, end)], waiting, store.timezone)


def day_figures_of(db, store_id: int, now: datetime, day: date | None = None) -> DayFigures:
    with db.read() as session:
        store = session.get(Store, store_id)
        return figures_in(session, store, now, day)


@dataclass(frozen=True)
class DayReport:
    day: date  # the store's local day
    today: date
    figures: DayFigures
    hours: list[int]  # the local hours its per-hour chart spans


def day_report(db, store_id: int, now: datetime, day: date | None = None) -> DayReport:
    """A day's figures (today's by default, in the store's time zone) and what its charts need."""
    with db.read() as session:
        store = store_in(session, store_id)
        today = now.astimezone(ZoneInfo(store.timezone)).date()
        day = day or today
        figures = figures_in(session, store, now, day)
        opening = (store.hours or {}).get(DAYS[day.weekday()])
    return DayReport(day, today, figures, hours_shown(figures.per_hour, tuple(opening) if opening else None))


def day_csv(db, store_id: int, now: datetime, day: date | None = None, delimiter: str = ",") -> tuple[date, str]:
    """The day (today's by default, in the store's time zone) and its handoffs as CSV, one a row (bot/core/report.py's
    handoffs_csv)."""
    with db.read() as session:
        store = store_in(session, store_id)
        day = day or now.astimezone(ZoneInfo(store.timezone)).date()
        return day, handoffs_csv(figures_in(session, store, now, day), store.timezone, delimiter)
