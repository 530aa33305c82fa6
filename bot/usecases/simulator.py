"""The phone simulator's reads: the stores to text, who is who, and the message log, per store."""
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
        return [{"id": s.id, "name": s.name, "sms_number": s.sms_number, "language": s.language,
                 "board_path": f"/board/{s.board_token}"} for s in session.scalars(select(Store).order_by(Store.id))]


def pick_store(db, store_id: int | None, preferred_number: str | None = None) -> dict | None:
    """The store asked for; else the one at `preferred_number` (the demo's); else the first; None without stores."""
    known = stores(db)
    if store_id is not None:
        found = next((s for s in known if s["id"] == store_id), None)
        if found is None:
            raise NotFound(f"no store {store_id}")
        return found
    return next((s for s in known if s["sms_number"] == preferred_number), known[0] if known else None)


def phone_number(raw, store: dict) -> str:
    """A number typed into the simulator, as Twilio would give it (E.164)."""
    try:
        return to_e164(raw, region_of(store["sms_number"]))
    except InvalidPhone as exc:
        raise Invalid("from", str(exc)) from None


def people(db, store_id: int) -> list[dict]:
    """Staff, then customers with a name: the simulator's quick picks and bubble labels."""
    with db.read() as session:
        staff = [{"phone": s.phone, "name": s.name, "role": s.role, "language": s.language}
                 for s in session.scalars(select(Staff).where(Staff.store_id == store_id, Staff.removed_at.is_(None)).order_by(Staff.id))]
        named = {}
        rows = session.execute(select(Customer.phone, Customer.name, Order.customer_name, Order.language)
                               .join(Order, Order.customer_id == Customer.id, isouter=True)
                               .where(Customer.store_id == store_id).order_by(Customer.id, Order.id))
        for phone, name, order_name, language in rows:
            label = name or order_name
            if label and phone not in named:
                named[phone] = {"phone": phone, "name": label, "role": "customer", "language": language}
    staff_phones = {s["phone"] for s in staff}
    return staff + [c for p, c in named.items() if p not in staff_phones]


def message_log(db, store_id: int) -> list[dict]:
    """The store's latest texts both ways, oldest first."""
    with db.read() as session:
        rows = list(session.scalars(select(Message).where(Message.store_id == store_id)
                                    .order_by(Message.id.desc()).limit(MESSAGES_SHOWN)))
    rows.reverse()
    return [{"id": m.id, "direction": m.direction, "phone": m.phone, "channel": m.channel, "body": m.body,
             "status": m.status, "template": m.template, "at": m.created_at.isoformat() if m.created_at else None}
            for m in rows]


def log_version(db, store_id: int) -> str:
    """Cheap enough to poll: the count, the newest id, and the latest status change of the store's texts."""
    with db.read() as session:
        count, newest, changed, processed = session.execute(
            select(func.count(Message.id), func.max(Message.id), func.max(Message.status_at),
                   func.max(Message.processed_at)).where(Message.store_id == store_id)).one()
    return hashlib.sha256(f"{count}:{newest}:{changed}:{processed}".encode()).hexdigest()[:16]
