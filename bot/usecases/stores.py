"""A store and its settings (created, read, changed through any door), and its API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ..data.models import (
    ApiToken,
    AutoReply,
    Call,
    Customer,
    Handoff,
    KeywordReply,
    LoginLink,
    Message,
    Order,
    Photo,
    Staff,
    Store,
)
from . import fields, state
from .errors import Conflict, Invalid, NotFound

if TYPE_CHECKING:
    from ..wiring import Services

MAX_ID = 2**31 - 1  # the database's integer: a larger id can't exist (and SQLite can't even bind it)
PAUSE_MESSAGE_MAX = 300

# Every setting an owner may change after the store is made (PATCH /stores/{id}, the admin pages, PAUSE/RESUME).
SETTINGS = (
    "name",
    "language",
    "timezone",
    "hours",
    "escalation_seconds",
    "handoff_mode",
    "paused",
    "pause_message",
    "landline",
)


def check_settings(changes: dict) -> dict:
    """Every given setting checked and normalised, or Invalid naming the first bad one: nothing is applied
    until all of them are good."""
    unknown = sorted(set(changes) - set(SETTINGS))
    if unknown:
        raise Invalid(unknown[0], f"unknown setting; the settings are {', '.join(SETTINGS)}")
    checks = {
        "name": lambda v: fields.text_field(v, "name", 120),
        "language": fields.language,
        "timezone": fields.timezone,
        "hours": fields.hours,
        "escalation_seconds": fields.escalation_seconds,
        "handoff_mode": lambda v: fields.choice(v, "handoff_mode", fields.HANDOFF_MODES),
        "paused": lambda v: fields.boolean(v, "paused"),
        "pause_message": lambda v: fields.text_field(v, "pause_message", PAUSE_MESSAGE_MAX, required=False),
        "landline": fields.landline,
    }
    return {name: checks[name](value) for name, value in changes.items()}


def create_store(
    db,
    name,
    sms_number,
    timezone="America/Toronto",
    language="fr",
    escalation_seconds=300,
    hours=None,
    handoff_mode="both",
    paused=False,
    pause_message=None,
    landline=None,
) -> Store:
    number = fields.phone(sms_number, "sms_number", None if str(sms_number).startswith("+") else "CA")
    clean = check_settings(
        {
            "name": name,
            "timezone": timezone,
            "language": language,
            "escalation_seconds": escalation_seconds,
            "hours": hours,
            "handoff_mode": handoff_mode,
            "paused": paused,
            "pause_message": pause_message,
            "landline": landline,
        }
    )
    store = Store(sms_number=number, board_token=secrets.token_urlsafe(32), **clean)
    try:
        with db.write() as session:
            session.add(store)
    except IntegrityError:
        raise Conflict(f"a store already uses the number {number}") from None
    return store


def clear_store(db, store_id: int) -> None:
    """Empty a store back to a new one, keeping its id, number, name, settings and board link: its texts, pickups,
    orders, customers (with their opt-outs and languages), staff (with their sign-in links) and owner's wordings
    are deleted, and pickups are resumed. For replaying the demo; timers still armed for its pickups find nothing
    and do nothing."""
    get_store(db, store_id)
    with db.write() as session:
        staff = select(Staff.id).where(Staff.store_id == store_id).scalar_subquery()
        session.execute(delete(LoginLink).where(LoginLink.staff_id.in_(staff)))
        # Children first: texts name handoffs, customers and staff; orders name handoffs; handoffs name customers.
        for model in (Message, Photo, Call, Order, Handoff, Customer, Staff, AutoReply, KeywordReply):
            session.execute(delete(model).where(model.store_id == store_id))
        session.execute(update(Store).where(Store.id == store_id).values(paused=False, pause_message=None))


def get_store(db, store_id: int) -> Store:
    if not isinstance(store_id, int) or not 0 < store_id <= MAX_ID:
        raise NotFound(f"no store {store_id}")
    with db.read() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        return store


def change_store(store: Store, changes: dict) -> dict:
    """Inside the caller's transaction: apply checked settings; returns them as applied."""
    clean = check_settings(changes)
    for name, value in clean.items():
        setattr(store, name, value)
    return clean


def update_store(db, store_id: int, changes: dict) -> Store:
    """Change some of a store's settings at once: all of them, or (one bad value) none."""
    get_store(db, store_id)  # an id out of range is a 404 before any query
    clean = check_settings(changes)
    with db.write() as session:
        store = state.lock_store(session, store_id)
        change_store(store, clean)
    return store


def change_settings(svc: Services, store_id: int, changes: dict) -> Store:
    """update_store for the API and the admin pages: open boards are told at once (a pause shows on them), as
    they are after an owner's PAUSE by text."""
    store = update_store(svc.db, store_id, changes)
    svc.notices.publish(store_id)
    return store


# --- API tokens ---------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db, name: str, store_id: int | None = None) -> str:
    name = fields.text_field(name, "name", 120)
    if store_id is not None:
        get_store(db, store_id)
    token = "arv_" + secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(ApiToken(name=name, store_id=store_id, token_hash=hash_token(token)))
    return token


def store_tokens(db, store_id: int) -> list[ApiToken]:
    """The store's own tokens, live and revoked, newest first (tokens for every store are not listed here)."""
    with db.read() as session:
        return list(session.scalars(select(ApiToken).where(ApiToken.store_id == store_id).order_by(ApiToken.id.desc())))


def revoke_store_token(db, store_id: int, token_id: int, now: datetime) -> None:
    with db.write() as session:
        row = session.get(ApiToken, token_id)
        if row is None or row.store_id != store_id:
            raise NotFound(f"no token {token_id} in store {store_id}")
        if row.revoked_at is None:
            row.revoked_at = now


def revoke_token(db, name_or_token: str, now: datetime) -> int:
    """Revoke the token given itself ("arv_..."), or every live token of that name. Returns how many."""
    with db.write() as session:
        query = update(ApiToken).where(ApiToken.revoked_at.is_(None))
        if name_or_token.startswith("arv_"):
            query = query.where(ApiToken.token_hash == hash_token(name_or_token))
        else:
            query = query.where(ApiToken.name == name_or_token)
        return session.execute(query.values(revoked_at=now)).rowcount


def authenticate(db, token: str) -> ApiToken | None:
    # The lookup is by the token's SHA-256, never the token itself: the database holds no usable secret,
    # and what an index lookup's timing could reveal is about hashes, which gives an attacker nothing.
    # The final comparison is constant-time all the same.
    if len(token) > 200:
        return None
    digest = hash_token(token)
    with db.read() as session:
        row = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or row.revoked_at is not None or not secrets.compare_digest(row.token_hash, digest):
        return None
    return row
