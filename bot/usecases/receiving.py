"""A text arriving at the webhook: stored durably once (a re-delivery is recognised), then signalled to a
worker; the stores' own numbers are cached for it."""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

from ..data.inserts import PreparedInsert
from ..data.models import Message, Store
from ..phones import InvalidPhone, is_short_code, region_of, split_address, to_e164

if TYPE_CHECKING:
    from ..wiring import Services


log = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio's own limit for one message body


@dataclass(frozen=True)
class InboundText:
    sid: str
    from_addr: str
    to_addr: str
    body: str
    media: tuple[tuple[str, str], ...] = ()  # (Twilio's media URL, content type) of an MMS/WhatsApp message


def store_for_number(session, number: str) -> Store | None:
    return session.scalars(select(Store).where(Store.sms_number == number)).first()


class StoreNumbers:
    """The stores' own numbers, read at most once a minute per process: the webhook needs them for every
    text, and reading them for each would be a large part of its cost. A number not yet known (a store created
    since the last read) triggers a fresh read, so a new store is never missed."""

    def __init__(self, ttl_seconds: float = 60.0):
        self.ttl = ttl_seconds
        self._ids: dict[str, int] = {}
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def _refresh(self, db) -> None:
        with db.read() as session:
            self._ids = dict(session.execute(select(Store.sms_number, Store.id)).all())
        self._read_at = time.monotonic()

    def store_id(self, db, number: str) -> int | None:
        """The store whose number this is; reads the database (`db`, a Database) only when the answer is not
        known or is more than `ttl` old."""
        with self._lock:
            if number not in self._ids or time.monotonic() - self._read_at > self.ttl:
                self._refresh(db)
            return self._ids.get(number)

    def is_store(self, number: str) -> bool:
        return number in self._ids

    def forget(self) -> None:
        """The next lookup reads the numbers afresh."""
        with self._lock:
            self._read_at = float("-inf")


_SID_STORED = select(Message.id).where(Message.twilio_sid == bindparam("sid"))


def _stored_already(db, sid: str) -> bool:
    with db.read() as session:
        return session.execute(_SID_STORED, {"sid": sid}).first() is not None


# Compiled once: building `insert(Message).values(...)` for every text (construction, coercion, cache key),
# then SQLAlchemy's per-statement work, were most of the webhook's cost (bot/data/inserts.py, Database.insert).
INSERT_INBOUND = PreparedInsert(
    cast(Table, Message.__table__),
    (
        "store_id",
        "direction",
        "channel",
        "from_addr",
        "to_addr",
        "phone",
        "body",
        "twilio_sid",
        "status",
        "attempts",
        "priority",
        "created_at",
        "media",
    ),
)


@functools.lru_cache(maxsize=256)
def _store_side(to_raw: str) -> tuple[str | None, str]:
    """The number a text was sent to, as E.164 (None if it is not one), and its region (the default for the
    sender's number). Twilio only ever sends our own few numbers here, so parsing each once per process saves
    two of the three phone parses of every webhook."""
    try:
        to_number = to_e164(to_raw, None if to_raw.startswith("+") else "CA")
    except InvalidPhone:
        return None, "CA"
    return to_number, region_of(to_number)


def inbound_row(db, text: InboundText, now: datetime, numbers: StoreNumbers) -> dict:
    """The messages row for a text as it came in: 'received' (to process), or 'ignored' (kept, never answered)."""
    channel, to_raw = split_address(text.to_addr)
    _, from_raw = split_address(text.from_addr)
    to_number, region = _store_side(to_raw)
    store_id = numbers.store_id(db, to_number) if to_number else None
    try:
        phone = to_e164(from_raw, region if store_id else "CA")  # Twilio's E.164 comes back as it is, unparsed
    except InvalidPhone:
        phone = None
    status = "received" if store_id is not None and phone is not None and not is_short_code(from_raw) else "ignored"
    if status == "received" and phone is not None and numbers.is_store(phone):
        status = "ignored"  # a store's own number (one store texting another): never answer a bot of ours
    return {
        "store_id": store_id,
        "direction": "in",
        "channel": channel,
        "from_addr": text.from_addr[:40],
        "to_addr": text.to_addr[:40],
        "phone": phone,
        "body": text.body[:MAX_BODY],
        "twilio_sid": text.sid,
        "status": status,
        "attempts": 0,
        "priority": 0,
        "created_at": now,
        "media": [{"url": url, "type": kind} for url, kind in text.media] or None,
    }


def record_inbound(db, text: InboundText, now: datetime, numbers: StoreNumbers | None = None) -> int | None:
    """Store the text once, committed before this returns (so before the webhook answers); a re-delivered
    MessageSid hits the unique index and raises IntegrityError. Returns the id of a text to process, or None for
    one stored as ignored."""
    row = inbound_row(db, text, now, numbers or StoreNumbers())
    # One INSERT, its own write transaction: the ORM's session and unit of work (and SQLAlchemy's statement
    # machinery) cost more than the statement on this hot path.
    message_id = db.insert(INSERT_INBOUND, row)
    return message_id if row["status"] == "received" else None


def receive_inbound(svc: Services, text: InboundText) -> None:
    """The webhook's use case: store durably, then signal a worker, both through the intake, where texts arriving
    together share a transaction and a signal (bot/web/intake.py). Redis being down loses nothing; the database
    being down neither, while Redis is up (the text waits there). With both down it raises: the webhook answers
    500, and whether Twilio tries again is up to the webhook's settings (docs/reliability.md)."""
    try:
        try:
            _take_in(svc, text)
        except IntegrityError:
            if _stored_already(svc.db, text.sid):
                return  # the same MessageSid arrived twice at once; the first one is stored
            # Not a duplicate: a store gone since the numbers were cached (its id no longer satisfies the foreign
            # key). Read the numbers afresh and store the text once more; anything else fails the request.
            svc.store_numbers.forget()
            _take_in(svc, text)
    except (OperationalError, InterfaceError):
        svc.dispatcher.spill_inbound(
            text.sid, text.from_addr, text.to_addr, text.body, svc.clock(), [list(m) for m in text.media] or None
        )
        log.warning("database unavailable: text %s kept in Redis until a worker can store it", text.sid)


def _take_in(svc: Services, text: InboundText) -> None:
    """Stored and committed when this returns; signalled too, unless it is stored as ignored (or Redis is away:
    then the sweeper signals it)."""
    row = inbound_row(svc.db, text, svc.clock(), svc.store_numbers)
    svc.intake.store(row, signal=row["status"] == "received")
