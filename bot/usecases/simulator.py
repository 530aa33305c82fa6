"""The phone simulator's reads (the stores to text, who is who, and the message log, per store), also used by the
`text` command to say where a text goes and what came of it."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from ..data.models import Customer, Message, Order, Staff, Store
from ..phones import InvalidPhone, region_of, to_e164
from .errors import Invalid, NotFound

MESSAGES_SHOWN = 500


def stores(db) -> list[dict]:
    with db.read() as session:
        # The simulator only exists without real texting (console transport), so it may link the board.
        return [
            {
                "id": s.id,
                "name": s.name,
                "sms_number": s.sms_number,
                "language": s.language,
                "board_path": f"/board/{s.board_token}",
            }
            for s in session.scalars(select(Store).order_by(Store.id))
        ]


def pick_store(db, store_id: int | None, preferred_number: str | None = None) -> dict | None:
    """The store asked for; else the one at `preferred_number` (the demo's); else the first; None without stores."""
    known = stores(db)
    if store_id is not None:
        found = next((s for s in known if s["id"] == store_id), None)
        if found is None:
            raise NotFound(f"no store {store_id}")
        return found
    return next((s for s in known if s["sms_number"] == preferred_number), known[0] if known else None)


def store_at(db, number: str | None) -> dict:
    """The store texted at `number` (as typed: "514-555-0100" will do), or the first store when None."""
    known = stores(db)
    if number is None:
        if not known:
            raise NotFound("no store yet: load the demo (`.venv/bin/python -m bot demo`) or create one through the API")
        return known[0]
    try:
        wanted = to_e164(number, None if str(number).startswith("+") else "CA")
    except InvalidPhone as exc:
        raise Invalid("to", f"{number!r} is not a phone number ({exc})") from None
    found = next((s for s in known if s["sms_number"] == wanted), None)
    if found is None:
        numbers = ", ".join(s["sms_number"] for s in known) or "none yet"
        raise NotFound(f"{wanted} is no store's number (stores: {numbers})")
    return found


def outcome(db, sid: str) -> tuple[str | None, list[dict]]:
    """What came of the text with this MessageSid: its status (None: not stored) and, once processed, the texts its
    decision wrote, to anyone. A decision writes its texts in the transaction that marks the text processed, with
    that same time, so they are the store's outgoing texts stamped at that instant after it."""
    with db.read() as session:
        msg = session.scalars(select(Message).where(Message.twilio_sid == sid)).first()
        if msg is None or msg.status != "processed":
            return (msg.status if msg else None), []
        rows = session.scalars(
            select(Message)
            .where(
                Message.store_id == msg.store_id,
                Message.direction == "out",
                Message.id > msg.id,
                Message.created_at == msg.processed_at,
            )
            .order_by(Message.id)
        )
        return msg.status, [
            {"to": m.to_addr, "body": m.body, "status": m.status, "photo": m.photo_id is not None} for m in rows
        ]


def phone_number(raw, store: dict) -> str:
    """A number typed into the simulator, as Twilio would give it (E.164)."""
    try:
        return to_e164(raw, region_of(store["sms_number"]))
    except InvalidPhone as exc:
        raise Invalid("from", str(exc)) from None


def people(db, store_id: int) -> list[dict]:
    """Staff, then customers with a name: the simulator's quick picks and bubble labels."""
    with db.read() as session:
        staff = [
            {"phone": s.phone, "name": s.name, "role": s.role, "language": s.language}
            for s in session.scalars(
                select(Staff).where(Staff.store_id == store_id, Staff.removed_at.is_(None)).order_by(Staff.id)
            )
        ]
        named = {}
        rows = session.execute(
            select(Customer.phone, Customer.name, Order.customer_name, Order.language)
            .join(Order, Order.customer_id == Customer.id, isouter=True)
            .where(Customer.store_id == store_id)
            .order_by(Customer.id, Order.id)
        )
        for phone, name, order_name, language in rows:
            label = name or order_name
            if label and phone not in named:
                named[phone] = {"phone": phone, "name": label, "role": "customer", "language": language}
    staff_phones = {s["phone"] for s in staff}
    return staff + [c for p, c in named.items() if p not in staff_phones]


def message_log(db, store_id: int) -> list[dict]:
    """The store's latest texts both ways, oldest first."""
    with db.read() as session:
        rows = list(
            session.scalars(
                select(Message).where(Message.store_id == store_id).order_by(Message.id.desc()).limit(MESSAGES_SHOWN)
            )
        )
    rows.reverse()
    return [
        {
            "id": m.id,
            "direction": m.direction,
            "phone": m.phone,
            "channel": m.channel,
            "body": m.body,
            "status": m.status,
            "template": m.template,
            "at": m.created_at.isoformat() if m.created_at else None,
        }
        for m in rows
    ]


def log_version(db, store_id: int) -> str:
    """Cheap enough to poll: the count, the newest id, and the latest status change of the store's texts."""
    with db.read() as session:
        count, newest, changed, processed = session.execute(
            select(
                func.count(Message.id),
                func.max(Message.id),
                func.max(Message.status_at),
                func.max(Message.processed_at),
            ).where(Message.store_id == store_id)
        ).one()
    return hashlib.sha256(f"{count}:{newest}:{changed}:{processed}".encode()).hexdigest()[:16]
