"""Setting up a store: the store itself, its staff, its text overrides, and API tokens."""
from __future__ import annotations

import hashlib
import re
import secrets
import string
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ..core.texts import ONE_SEGMENT, TEMPLATES, placeholders, segments
from ..data.models import ApiToken, AutoReply, Customer, Handoff, Message, Order, Staff, Store
from ..phones import InvalidPhone, region_of, to_e164
from .errors import Conflict, Invalid, NotFound

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_ID = 2**31 - 1  # the database's integer: a larger id can't exist (and SQLite can't even bind it)

# Control characters have no place in a name or a text (a NUL byte can't even be stored in PostgreSQL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HHMM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")


def text_field(value, field: str, max_length: int, required: bool = True) -> str | None:
    """A string of at most `max_length` characters without control characters, stripped; None when
    optional and absent (null or blank)."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Invalid(field, "must be a string")
    if _CONTROL.search(value):
        raise Invalid(field, "must not contain control characters")
    value = value.strip()
    if not value:
        if required:
            raise Invalid(field, "must not be empty")
        return None
    if len(value) > max_length:
        raise Invalid(field, f"must be at most {max_length} characters")
    return value


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
    for day, span in value.items():
        if span is None:
            continue
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(t, str) and _HHMM.fullmatch(t)
                                                                  for t in span) and span[0] < span[1]):
            raise Invalid(f"hours.{day}", 'must be ["HH:MM", "HH:MM"] with the opening before the closing, or null')
    return value


def create_store(db, name, sms_number, timezone="America/Toronto", language="fr", escalation_seconds=300,
                 hours=None, handoff_mode="both") -> Store:
    name = text_field(name, "name", 120)
    number = _phone(sms_number, "sms_number", None if str(sms_number).startswith("+") else "CA")
    _timezone(timezone)
    _language(language)
    if not isinstance(escalation_seconds, int) or isinstance(escalation_seconds, bool) or not 30 <= escalation_seconds <= 3600:
        raise Invalid("escalation_seconds", "must be a whole number of seconds from 30 to 3600")
    if handoff_mode not in ("car", "door", "both"):
        raise Invalid("handoff_mode", "must be 'car', 'door' or 'both'")
    store = Store(name=name, sms_number=number, timezone=timezone, language=language,
                  escalation_seconds=escalation_seconds, hours=_hours(hours), handoff_mode=handoff_mode,
                  board_token=secrets.token_urlsafe(32))
    try:
        with db.write() as session:
            session.add(store)
    except IntegrityError:
        raise Conflict(f"a store already uses the number {number}") from None
    return store


def clear_store(db, store_id: int) -> None:
    """Empty a store back to a new one, keeping its id, number, name, settings and board link: its texts, pickups,
    orders, customers (with their opt-outs and languages), staff and owner's wording are deleted, and pickups are
    resumed. For replaying the demo; timers still armed for its pickups find nothing and do nothing."""
    get_store(db, store_id)
    with db.write() as session:
        # Children first: texts name handoffs, customers and staff; orders name handoffs; handoffs name customers.
        for model in (Message, Order, Handoff, Customer, Staff, AutoReply):
            session.execute(delete(model).where(model.store_id == store_id))
        session.execute(update(Store).where(Store.id == store_id).values(paused=False, pause_message=None))


def _timezone(value) -> str:
    bad = Invalid("timezone", f"{str(value)[:80]!r} is not an IANA time zone such as America/Toronto")
    if not isinstance(value, str) or not value or len(value) > 64 or _CONTROL.search(value):
        raise bad
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):  # OSError: a name too long for a path
        raise bad from None
    return value


def get_store(db, store_id: int) -> Store:
    if not isinstance(store_id, int) or not 0 < store_id <= MAX_ID:
        raise NotFound(f"no store {store_id}")
    with db.read() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        return store


def add_staff(db, store_id: int, name, phone, role="staff", language=None, on_duty=True) -> Staff:
    store = get_store(db, store_id)
    name = text_field(name, "name", 120)
    if role not in ("staff", "manager", "owner"):
        raise Invalid("role", "must be 'staff', 'manager' or 'owner'")
    if not isinstance(on_duty, bool):
        raise Invalid("on_duty", "must be true or false")
    member = Staff(store_id=store.id, name=name, phone=_phone(phone, "phone", region_of(store.sms_number)),
                   role=role, language=store.language if language is None else _language(language),
                   on_duty=on_duty)
    try:
        with db.write() as session:
            session.add(member)
    except IntegrityError:
        raise Conflict(f"{member.phone} is already on this store's staff") from None
    return member


def set_auto_reply(db, store_id: int, key: str, en, fr) -> AutoReply:
    get_store(db, store_id)
    if key not in TEMPLATES:
        raise Invalid("key", f"unknown text {key[:40]!r}")
    for lang, value in (("en", en), ("fr", fr)):
        if value is not None:
            _check_template(key, lang, value)
    with db.write() as session:
        row = session.scalars(select(AutoReply).where(AutoReply.store_id == store_id, AutoReply.key == key)).first()
        if row is None:
            row = AutoReply(store_id=store_id, key=key)
            session.add(row)
        row.en, row.fr = en, fr
    return row


def _check_template(key: str, lang: str, value) -> None:
    """An owner's text must render: plain {name} placeholders among those the default text uses."""
    if not isinstance(value, str) or not value.strip() or len(value) > 480:
        raise Invalid(lang, "must be a non-empty string of at most 480 characters, or null for the default")
    if "\x00" in value:
        raise Invalid(lang, "must not contain NUL characters")
    try:
        fields = list(string.Formatter().parse(value))
    except ValueError:
        raise Invalid(lang, "has an unmatched { or }: write {{ and }} for braces") from None
    allowed = placeholders(TEMPLATES[key][lang]) | {"store", "name"}
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not name or spec or conversion or not name.isidentifier():
            raise Invalid(lang, "placeholders are plain names in braces, such as {store}")
        if name not in allowed:
            raise Invalid(lang, f"unknown placeholder {{{name}}}; this text may use "
                          + ", ".join(f"{{{n}}}" for n in sorted(allowed)))
    if key in ONE_SEGMENT and segments(value.replace("{store}", "").replace("{name}", "")) > 1:
        raise Invalid(lang, "must fit one SMS: 160 characters, or 70 with an emoji or a non-GSM character")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db, name: str, store_id: int | None = None) -> str:
    name = text_field(name, "name", 120)
    if store_id is not None:
        get_store(db, store_id)
    token = "arv_" + secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(ApiToken(name=name, store_id=store_id, token_hash=hash_token(token)))
    return token


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
