"""The staff board's reads (who is coming, waiting, taken, done today) as plain dicts, and its link."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.handoff import OPEN, phone_label
from ..core.statuses import HandoffStatus, OrderStatus
from ..data.models import Handoff, Staff, Store
from . import photos, state

DONE_SHOWN = 10


def new_token() -> str:
    return secrets.token_urlsafe(32)


def store_for_token(db, token: str) -> dict | None:
    """The store a board link opens, or None: an unknown or rotated token opens nothing."""
    if not token or len(token) > 64:
        return None
    with db.read() as session:
        store = session.scalars(select(Store).where(Store.board_token == token)).first()
        # The lookup is by equality in SQL; compare again in constant time before trusting it.
        if store is None or not secrets.compare_digest(store.board_token, token):
            return None
        return {
            "id": store.id,
            "name": store.name,
            "language": store.language,
            "sms_number": store.sms_number,
            "escalation_seconds": store.escalation_seconds,
            "handoff_mode": store.handoff_mode,
            "paused": store.paused,
        }


def rotate_token(db, store_id: int) -> str:
    """A new board link for the store; the old one stops working at once."""
    token = new_token()
    with db.write() as session:
        store = state.store_in(session, store_id)
        store.board_token = token
    return token


def roster(db, store_id: int) -> list[dict]:
    with db.read() as session:
        rows = session.scalars(
            select(Staff).where(Staff.store_id == store_id, Staff.removed_at.is_(None)).order_by(Staff.name, Staff.id)
        )
        return [_member(s) for s in rows]


def staff_member(db, store_id: int, staff_id) -> dict | None:
    if not isinstance(staff_id, int):
        return None
    with db.read() as session:
        member = session.get(Staff, staff_id)
        on_roster = member is not None and member.store_id == store_id and member.removed_at is None
        return _member(member) if on_roster else None


def _member(s: Staff) -> dict:
    return {"id": s.id, "name": s.name, "role": s.role, "language": s.language, "on_duty": s.on_duty}


def urgency(waited_seconds: float, escalation_seconds: int) -> str:
    """Amber from half the store's escalation delay, red once it has passed (staff get re-alerted then)."""
    if waited_seconds >= escalation_seconds:
        return "red"
    if waited_seconds >= escalation_seconds / 2:
        return "amber"
    return "ok"


def board_state(db, store_id: int, now: datetime, secret: str | None = None) -> dict:
    """Everything the board shows, at `now`. `version` changes only when something other than time does. With the
    site's `secret`, a card whose customer sent a picture of their car links to it (`photo`)."""
    with db.read() as session:
        store = state.store_in(session, store_id)
        loaded = (selectinload(Handoff.orders), selectinload(Handoff.customer), selectinload(Handoff.claimed_by))
        open_rows = list(
            session.scalars(
                select(Handoff)
                .options(*loaded)
                .where(Handoff.store_id == store_id, Handoff.status.in_(OPEN))
                .order_by(Handoff.arrived_at, Handoff.eta_at, Handoff.id)
            )
        )
        since = _start_of_day(now, store.timezone)
        done_rows = list(
            session.scalars(
                select(Handoff)
                .options(*loaded)
                .where(Handoff.store_id == store_id, Handoff.status == HandoffStatus.DONE, Handoff.done_at >= since)
                .order_by(Handoff.done_at.desc(), Handoff.id.desc())
                .limit(DONE_SHOWN)
            )
        )
        handoffs = [_handoff(h, now, store.escalation_seconds) for h in open_rows]
        done = [_handoff(h, now, store.escalation_seconds) for h in done_rows]
        if secret is not None:
            links = photos.paths(session, secret, [h.photo_id for h in open_rows + done_rows if h.photo_id])
            for card, row in zip(handoffs + done, open_rows + done_rows):
                card["photo"] = links.get(row.photo_id) if row.photo_id else None
        board = {
            "store": {
                "id": store.id,
                "name": store.name,
                "sms_number": store.sms_number,
                "escalation_seconds": store.escalation_seconds,
                "handoff_mode": store.handoff_mode,
                "paused": store.paused,
                "pause_message": store.pause_message,
            },
            "on_the_way": [h for h in handoffs if h["status"] == HandoffStatus.ON_THE_WAY],
            "waiting": [h for h in handoffs if h["status"] == HandoffStatus.WAITING],
            "claimed": [h for h in handoffs if h["status"] == HandoffStatus.CLAIMED],
            "done": done,
        }
    board["version"] = _version(board)
    board["now"] = now.isoformat()
    return board


def board_version(db, store_id: int, now: datetime, secret: str | None = None) -> str:
    return board_state(db, store_id, now, secret)["version"]


# Fields that move with the clock alone; they are left out of the version so a still board stays still.
_TICKING = ("waited_seconds", "eta_seconds", "urgency")


def _version(board: dict) -> str:
    stable = {
        k: ([{f: v for f, v in h.items() if f not in _TICKING} for h in rows] if isinstance(rows, list) else rows)
        for k, rows in board.items()
    }
    return hashlib.sha256(json.dumps(stable, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _handoff(h: Handoff, now: datetime, escalation_seconds: int) -> dict:
    orders = list(h.orders)
    # No name on file: the masked phone, as in their alerts (never the whole number on a shared screen).
    label = state.short_name(state.customer_name(h.customer, orders)) or phone_label(h.customer.phone)
    waited = (now - h.arrived_at).total_seconds() if h.arrived_at else None
    end = h.done_at if h.status == HandoffStatus.DONE and h.arrived_at else None
    return {
        "id": h.id,
        "status": h.status,
        "customer": label,
        "location": h.location,
        "spot": h.spot,
        "vehicle": h.vehicle,
        "note": h.note,
        "orders": [
            {"number": o.number, "ready": o.status in (OrderStatus.READY, OrderStatus.HANDED_OFF)} for o in orders
        ],
        "orders_ready": any(o.status in (OrderStatus.READY, OrderStatus.HANDED_OFF) for o in orders),
        "unverified_phone": h.unverified_phone,
        "customer_opted_out": h.customer.opted_out,  # texted STOP: staff cannot text them back
        "claimed_by": h.claimed_by.name if h.claimed_by else None,
        "claimed_by_id": h.claimed_by_id,
        "eta_at": _iso(h.eta_at),
        "arrived_at": _iso(h.arrived_at),
        "claimed_at": _iso(h.claimed_at),
        "done_at": _iso(h.done_at),
        # A done handoff shows how long the customer waited in all; an open one, how long so far.
        "waited_seconds": int((end - h.arrived_at).total_seconds())
        if end
        else (max(0, int(waited)) if waited is not None else None),
        "eta_seconds": int((h.eta_at - now).total_seconds())
        if h.eta_at and h.status == HandoffStatus.ON_THE_WAY
        else None,
        "urgency": urgency(waited, escalation_seconds)
        if waited is not None and h.status == HandoffStatus.WAITING
        else "ok",
        # The wait the customer was told at arrival (bot/core/wait.py), in minutes: the board shows the same figure.
        "wait_low": h.wait_low,
        "wait_high": h.wait_high,
    }


def _start_of_day(now: datetime, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
