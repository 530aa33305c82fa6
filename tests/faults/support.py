"""The fault tests' shop and ledger: data written straight to the database, counts read back from it."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import create_engine, select, text

from bot.data.db import Database
from bot.data.models import Customer, Handoff, Message, Order, Store
from bot.usecases.roster import add_staff
from bot.usecases.stores import create_store
from config.settings import normalise_database_url
from tests.support.live import LiveStack

STORE = "+15145550100"
JULIE, MARC, SOPHIE = "+15145550111", "+15145550115", "+15145550113"


class Shop:
    """One store, its staff and ready orders, written straight to the database (only what is under test goes
    through the processes), and the ledger read back from it."""

    def __init__(
        self, database_url: str, escalation_seconds: int = 3600, number: str = STORE, name: str = "Plein Air Laurier"
    ):
        self.url = normalise_database_url(database_url)
        self.db = Database(self.url)
        store = create_store(self.db, name, number, language="fr", escalation_seconds=3600)
        self.store_id = store.id
        if escalation_seconds != 3600:  # below the API's 30 s minimum: a test has no time for that
            with self.db.write() as session:
                session.get(Store, self.store_id).escalation_seconds = escalation_seconds
        self._orders = 0

    def staff(self, name: str, phone: str, role: str = "staff", on_duty: bool = True) -> int:
        return add_staff(self.db, self.store_id, name, phone, role=role, language="fr", on_duty=on_duty).id

    def customer(self, phone: str, name: str = "Marie Lavoie") -> str:
        """A customer with one ready order (no 'order ready' text: that is not what these tests count)."""
        self._orders += 1
        number = str(1000 + self._orders)
        now = datetime.now(UTC)
        with self.db.write() as session:
            customer = Customer(store_id=self.store_id, phone=phone, name=name, language="fr")
            session.add(customer)
            session.flush()
            session.add(
                Order(
                    store_id=self.store_id,
                    number=number,
                    customer_id=customer.id,
                    customer_name=name,
                    language="fr",
                    status="ready",
                    ready_at=now,
                )
            )
        return number

    # --- the ledger ----------------------------------------------------------------------------------------
    def rows(self, direction: str, **where) -> list[Message]:
        with self.db.read() as session:
            query = select(Message).where(Message.direction == direction).order_by(Message.id)
            for key, value in where.items():
                query = query.where(getattr(Message, key) == value)
            return list(session.scalars(query))

    def handoffs(self) -> list[Handoff]:
        with self.db.read() as session:
            return list(session.scalars(select(Handoff).order_by(Handoff.id)))

    def person(self, model, phone: str):
        with self.db.read() as session:
            return session.scalars(select(model).where(model.phone == phone)).one()

    def wait(self, check, timeout: float = 30.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}; "
                    f"outbound: {[(m.id, m.template, m.status, m.to_addr) for m in self.rows('out')]}"
                )
            time.sleep(0.1)

    def wait_processed(self, count: int, timeout: float = 30.0) -> list[Message]:
        return self.wait(
            lambda: (
                (rows := self.rows("in")) and len(rows) >= count and all(m.status == "processed" for m in rows) and rows
            ),
            timeout,
            f"{count} processed texts",
        )

    def wait_settled(self, timeout: float = 30.0) -> list[Message]:
        """Until no outbound row is still queued or sending."""
        return self.wait(
            lambda: (rows := self.rows("out")) and all(m.status not in ("queued", "sending") for m in rows) and rows,
            timeout,
            "every outbound text settled",
        )

    def ledger(self, twilio) -> dict:
        """Texts in (stored), processed, out (rows Twilio has), at Twilio, and duplicates: messages Twilio holds
        that no row claims (a second send of some row), plus rows sharing a SID."""
        inbound, outbound = self.rows("in"), self.rows("out")
        sids = [m.twilio_sid for m in outbound if m.twilio_sid]
        at_twilio = twilio.messages()
        unclaimed = [m for m in at_twilio if m["sid"] not in set(sids)]
        return {
            "in": len(inbound),
            "processed": sum(m.status == "processed" for m in inbound),
            "out": len(sids),
            "at_twilio": len(at_twilio),
            "duplicates": len(unclaimed) + (len(sids) - len(set(sids))),
        }

    @contextmanager
    def write_lock(self):
        """Hold the database's write lock (SQLite) or the store's row lock (PostgreSQL), as a long transaction
        elsewhere would: a worker deciding a text for this store waits on it."""
        if self.url.startswith("sqlite"):
            conn = sqlite3.connect(self.url.split("///", 1)[1], isolation_level=None, timeout=30)
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                conn.execute("ROLLBACK")
                conn.close()
            return
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                trans = conn.begin()
                conn.execute(text("SELECT id FROM stores WHERE id = :id FOR UPDATE"), {"id": self.store_id})
                try:
                    yield
                finally:
                    trans.rollback()
        finally:
            engine.dispose()

    def close(self) -> None:
        self.db.dispose()


def bodies(twilio, to: str) -> list[str]:
    return [m["body"] for m in twilio.messages(to=to)]


def inbound_list_length(redis_url: str, stack: LiveStack) -> int:
    from redis import Redis

    from bot.jobs.dispatch import INBOUND_LIST

    with Redis.from_url(redis_url) as r:
        return r.llen(f"{INBOUND_LIST}:{stack.env['QUEUE_NAME']}")
