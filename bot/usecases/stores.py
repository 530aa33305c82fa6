"""Setting up a store: the store itself, its staff, its text overrides, and API tokens."""
from __future__ import annotations

import hashlib
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.texts import TEMPLATES, placeholders
from ..data.models import ApiToken, AutoReply, Staff, Store
from ..phones import InvalidPhone, region_of, to_e164
from .errors import Conflict, Invalid, NotFound

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _language(value, field="language") -> str:
    if value not in ("en", "fr"):
        raise Invalid(field, "must be 'en' or 'fr'")
    return value


def _phone(value, field: str, region: str | None) -> str:
    if not isinstance(value, str):
        raise Invalid(field, "must be a phone number as a string")
    try:
        return to_e164(value, region)
    except InvalidPhone as exc:
        raise Invalid(field, str(exc)) from None


def _hours(value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(DAYS):
        raise Invalid("hours", f"must be an object with keys among {', '.join(DAYS)}")
    from datetime import time
    for day, span in value.items():
        if span is None:
            continue
        try:
            start, end = span
            if time.fromisoformat(start) >= time.fromisoformat(end):
                raise ValueError
        except (TypeError, ValueError):
            raise Invalid(f"hours.{day}", 'must be ["HH:MM", "HH:MM"] with the opening before the closing, or null')
    return value


def create_store(db, name, sms_number, timezone="America/Toronto", language="fr", escalation_seconds=300,
                 hours=None, handoff_mode="both") -> Store:
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        raise Invalid("name", "must be a non-empty string of at most 120 characters")
    number = _phone(sms_number, "sms_number", None if str(sms_number).startswith("+") else "CA")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise Invalid("timezone", f"{timezone!r} is not an IANA time zone such as America/Toronto") from None
    _language(language)
    if not isinstance(escalation_seconds, int) or isinstance(escalation_seconds, bool) or not 30 <= escalation_seconds <= 3600:
        raise Invalid("escalation_seconds", "must be a whole number of seconds from 30 to 3600")
    if handoff_mode not in ("car", "door", "both"):
        raise Invalid("handoff_mode", "must be 'car', 'door' or 'both'")
    store = Store(name=name.strip(), sms_number=number, timezone=timezone, language=language,
                  escalation_seconds=escalation_seconds, hours=_hours(hours), handoff_mode=handoff_mode,
                  board_token=secrets.token_urlsafe(32))
    try:
        with db.write() as session:
            session.add(store)
    except IntegrityError:
        raise Conflict(f"a store already uses the number {number}") from None
    return store


def get_store(db, store_id: int) -> Store:
    with db.read() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        return store


def add_staff(db, store_id: int, name, phone, role="staff", language=None, on_duty=True) -> Staff:
    store = get_store(db, store_id)
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        raise Invalid("name", "must be a non-empty string of at most 120 characters")
    if role not in ("staff", "manager", "owner"):
        raise Invalid("role", "must be 'staff', 'manager' or 'owner'")
    if not isinstance(on_duty, bool):
        raise Invalid("on_duty", "must be true or false")
    member = Staff(store_id=store.id, name=name.strip(), phone=_phone(phone, "phone", region_of(store.sms_number)),
                   role=role, language=_language(language or store.language), on_duty=on_duty)
    try:
        with db.write() as session:
            session.add(member)
    except IntegrityError:
        raise Conflict(f"{member.phone} is already on this store's staff") from None
    return member


def set_auto_reply(db, store_id: int, key: str, en, fr) -> AutoReply:
    get_store(db, store_id)
    if key not in TEMPLATES:
        raise Invalid("key", f"unknown text {key!r}")
    for lang, value in (("en", en), ("fr", fr)):
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > 480:
            raise Invalid(lang, "must be a non-empty string of at most 480 characters, or null for the default")
        unknown = placeholders(value) - placeholders(TEMPLATES[key][lang]) - {"store", "name"}
        if unknown:
            raise Invalid(lang, f"unknown placeholder(s): {', '.join(sorted(unknown))}")
    with db.write() as session:
        row = session.scalars(select(AutoReply).where(AutoReply.store_id == store_id, AutoReply.key == key)).first()
        if row is None:
            row = AutoReply(store_id=store_id, key=key)
            session.add(row)
        row.en, row.fr = en, fr
    return row


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db, name: str, store_id: int | None = None) -> str:
    if store_id is not None:
        get_store(db, store_id)
    token = "arv_" + secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(ApiToken(name=name, store_id=store_id, token_hash=hash_token(token)))
    return token


def authenticate(db, token: str) -> ApiToken | None:
    # The lookup is by a hash of the token, so timing reveals nothing about stored secrets.
    digest = hash_token(token)
    with db.read() as session:
        row = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or row.revoked_at is not None or not secrets.compare_digest(row.token_hash, digest):
        return None
    return row
