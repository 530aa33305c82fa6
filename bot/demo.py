"""Demo data: a Québec store, its staff and a ready order, so a newcomer can try the whole conversation."""

from __future__ import annotations

import os
import sys

from sqlalchemy import select

from .core.statuses import OrderStatus
from .data.models import Order, Staff, Store
from .usecases import orders, roster, stores
from .wiring import Services, base_url

STORE_NUMBER = "+15145550100"
CUSTOMER = "+15145550123"


def python() -> str:
    """The interpreter running this, as a hint should name it: `.venv/bin/python` from the project root (the
    system's `python` may lack the project's packages, or be missing)."""
    here = os.path.relpath(sys.executable)
    return here if not here.startswith("..") else sys.executable


def load_demo(svc: Services, reset: bool = False) -> list[str]:
    """Load the demo store, or complete it; `reset`: first empty it back to its first state (orders 1234 ready and
    1235 pending, no pickups, nobody opted out, no texts), so the demo can be replayed."""
    with svc.db.read() as session:
        store = session.scalars(select(Store).where(Store.sms_number == STORE_NUMBER)).first()
    if store is None:
        store = stores.create_store(
            svc.db, "Plein Air Laurier", STORE_NUMBER, "America/Toronto", "fr", escalation_seconds=120
        )
    elif reset:
        stores.clear_store(svc.db, store.id)
    with svc.db.read() as session:
        staffed = session.scalars(select(Staff.id).where(Staff.store_id == store.id)).first() is not None
    if not staffed:
        roster.add_staff(svc.db, store.id, "Julie Tremblay", "+15145550111", "staff", "fr")
        roster.add_staff(svc.db, store.id, "Sam Wilson", "+15145550112", "staff", "en")
        roster.add_staff(svc.db, store.id, "Sophie Roy", "+15145550113", "owner", "fr", on_duty=False)
    with svc.db.read() as session:
        have = set(session.scalars(select(Order.number).where(Order.store_id == store.id)))
    if "1234" not in have:
        orders.create_order(svc, store.id, "1234", CUSTOMER, "Marie Lavoie", language="fr", status=OrderStatus.READY)
    if "1235" not in have:
        orders.create_order(
            svc, store.id, "1235", "+15145550124", "Alex Martin", language="en", status=OrderStatus.PENDING
        )
    return [
        f"demo store {store.id}: {store.name} at {STORE_NUMBER}",
        "staff: Julie Tremblay +15145550111 (fr), Sam Wilson +15145550112 (en); owner Sophie Roy +15145550113",
        f"order 1234 is READY for Marie Lavoie {CUSTOMER}; order 1235 is pending for Alex Martin +15145550124",
        f'try:  {python()} -m bot text --from {CUSTOMER} "chu rendue place 4"',
        f'      {python()} -m bot text --from +15145550111 "OK"',
        f'      {python()} -m bot text --from +15145550111 "FAIT"',
        f"replay from the start:  {python()} -m bot demo --reset",
        f"board: {base_url(svc.settings)}/board/{store.board_token}",
        f"simulator: {base_url(svc.settings)}/simulator",
    ]
