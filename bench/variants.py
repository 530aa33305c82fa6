"""Candidate fixes, prototyped as monkeypatches so that they can be measured without editing product code.

    BENCH_PATCHES=quiet-twilio-log,no-env-proxies python -m bench.variants worker   # a patched `python worker.py`
    gunicorn ... "bench.variants:webhook_app()"                                      # a patched web app

Each patch is the smallest change that shows the effect of one recommendation in docs/performance.md;
none of them is used by the product.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time

DESCRIPTIONS = {
    "quiet-twilio-log": "twilio.http_client logger at WARNING (the SDK logs ~12 INFO lines per REST call)",
    "no-env-proxies": "requests session of the Twilio client with trust_env=False (no proxy/env scan per call)",
    "separate-rq-redis": "the RQ worker gets its own Redis client (RQ raises the pool's socket_timeout, "
                         "the drain thread shares it)",
    "store-cache": "webhook: store id by number cached per process for 60 s",
    "insert-first": "webhook: INSERT and let the unique MessageSid reject a re-delivery (no SELECT first)",
    "no-access-log": "gunicorn access log off",
    "drain-threads-4": "worker: 4 inbound drain threads instead of 1 (texts are sent inline, one REST call at a time)",
    "sqlite-write-lock": "SQLite: write transactions queue on a per-process lock instead of SQLite's sleeping busy handler",
    "lean-insert": "webhook: one Core INSERT (no ORM unit of work, no SELECT first), store numbers cached per process for 60 s",
}


def _quiet_twilio_log() -> None:
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)


def _no_env_proxies() -> None:
    from bot.messaging import senders

    original = senders.TwilioSender.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        session = getattr(self.client.http_client, "session", None)
        if session is not None:
            session.trust_env = False

    senders.TwilioSender.__init__ = init


def _separate_rq_redis() -> None:
    import worker as worker_module
    from bot.wiring import make_redis
    from config.settings import load_settings

    name = "Worker" if hasattr(worker_module, "Worker") else "SimpleWorker"
    base = getattr(worker_module, name)

    class OwnConnectionWorker(base):
        def __init__(self, queues, connection=None, **kwargs):
            super().__init__(queues, connection=make_redis(load_settings()), **kwargs)

    setattr(worker_module, name, OwnConnectionWorker)


def _store_cache() -> None:
    from bot.usecases import inbound

    original = inbound.store_for_number
    cache: dict[str, tuple[float, object]] = {}
    lock = threading.Lock()

    class CachedStore:
        def __init__(self, store):
            self.id, self.sms_number = store.id, store.sms_number

    def store_for_number(session, number):
        now = time.monotonic()
        with lock:
            hit = cache.get(number)
        if hit and now - hit[0] < 60:
            return hit[1]
        store = original(session, number)
        value = CachedStore(store) if store is not None else None
        with lock:
            cache[number] = (now, value)
        return value

    inbound.store_for_number = store_for_number


def _insert_first() -> None:
    from bot.data.models import Message
    from bot.phones import InvalidPhone, is_short_code, region_of, split_address, to_e164
    from bot.usecases import inbound

    def record_inbound(db, text, now):
        channel, to_raw = split_address(text.to_addr)
        _, from_raw = split_address(text.from_addr)
        with db.write() as session:
            try:
                to_number = to_e164(to_raw, None if to_raw.startswith("+") else "CA")
            except InvalidPhone:
                to_number = None
            store = inbound.store_for_number(session, to_number) if to_number else None
            try:
                phone = to_e164(from_raw, region_of(store.sms_number) if store else "CA")
            except InvalidPhone:
                phone = None
            status = ("received" if store is not None and phone is not None and not is_short_code(from_raw)
                      else "ignored")
            msg = Message(store_id=store.id if store else None, direction="in", channel=channel,
                          from_addr=text.from_addr[:40], to_addr=text.to_addr[:40], phone=phone,
                          body=text.body[:inbound.MAX_BODY], twilio_sid=text.sid, status=status, created_at=now)
            session.add(msg)
        return msg.id if status == "received" else None  # a duplicate raises IntegrityError: receive_inbound returns

    inbound.record_inbound = record_inbound


def _drain_threads(n: int):
    def patch() -> None:
        from bot.jobs import drain

        original = drain.start

        def start(*args, **kwargs):
            kwargs["threads"] = max(kwargs.get("threads", 1), n)
            return original(*args, **kwargs)

        drain.start = start
    return patch


def _sqlite_write_lock() -> None:
    from contextlib import contextmanager

    from bot.data import db as dbmod

    lock = threading.Lock()
    original = dbmod.Database.write

    @contextmanager
    def write(self):
        if not self.is_sqlite:
            with original(self) as session:
                yield session
            return
        with lock:
            with original(self) as session:
                yield session

    dbmod.Database.write = write


def _lean_insert() -> None:
    from sqlalchemy import insert, select

    from bot.data.models import Message, Store
    from bot.phones import InvalidPhone, is_short_code, region_of, split_address, to_e164
    from bot.usecases import inbound

    cache = {"at": -1e9, "numbers": {}}

    def store_for(conn, number):
        """All stores' numbers, read once a minute: a handful of rows, needed for every text."""
        if time.monotonic() - cache["at"] > 60:
            cache["numbers"] = {n: (i, n) for i, n in conn.execute(select(Store.id, Store.sms_number))}
            cache["at"] = time.monotonic()
        return cache["numbers"].get(number)

    def record_inbound(db, text, now):
        channel, to_raw = split_address(text.to_addr)
        _, from_raw = split_address(text.from_addr)
        try:
            to_number = to_e164(to_raw, None if to_raw.startswith("+") else "CA")
        except InvalidPhone:
            to_number = None
        with db.engine.execution_options(write=True).begin() as conn:
            store = store_for(conn, to_number) if to_number else None
            try:
                phone = to_e164(from_raw, region_of(store[1]) if store else "CA")
            except InvalidPhone:
                phone = None
            status = ("received" if store is not None and phone is not None and not is_short_code(from_raw)
                      else "ignored")
            if status == "received" and store_for(conn, phone) is not None:
                status = "ignored"
            new_id = conn.execute(insert(Message).values(
                store_id=store[0] if store else None, direction="in", channel=channel,
                from_addr=text.from_addr[:40], to_addr=text.to_addr[:40], phone=phone,
                body=text.body[:inbound.MAX_BODY], twilio_sid=text.sid, status=status, created_at=now,
                attempts=0, priority=0)).inserted_primary_key[0]
        return new_id if status == "received" else None

    inbound.record_inbound = record_inbound


PATCHES = {
    "quiet-twilio-log": _quiet_twilio_log,
    "no-env-proxies": _no_env_proxies,
    "separate-rq-redis": _separate_rq_redis,
    "store-cache": _store_cache,
    "insert-first": _insert_first,
    "no-access-log": lambda: None,  # a gunicorn option (--access-logfile), applied by bench.stack.Web
    "drain-threads-4": _drain_threads(4),
    "sqlite-write-lock": _sqlite_write_lock,
    "lean-insert": _lean_insert,
}


def apply(names: str | None = None) -> list[str]:
    names = [n for n in (names if names is not None else os.environ.get("BENCH_PATCHES", "")).split(",") if n]
    for name in names:
        PATCHES[name]()
    return names


def webhook_app():
    """gunicorn entry point: the product's app with BENCH_PATCHES applied."""
    apply()
    from bot import create_app

    return create_app()


def main(argv: list[str]) -> int:
    if argv[:1] != ["worker"]:
        print(__doc__, file=sys.stderr)
        return 2
    sys.path.insert(0, os.getcwd())
    import worker

    apply()
    return worker.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
