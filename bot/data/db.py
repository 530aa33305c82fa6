"""Engine and session setup: SQLite in WAL mode with immediate write transactions, or PostgreSQL."""
from __future__ import annotations

import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a failed statement's error must not carry message bodies into the logs.
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               hide_parameters=True)
        _tune_sqlite(engine)
        return engine
    # connect_timeout: a database that drops packets must fail fast, so the webhook can fall back to Redis.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True,
                         connect_args={"connect_timeout": 5})


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy issue BEGIN itself, so a write transaction can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets the web answer while the worker writes; NORMAL is durable across process
        # crashes (only an OS crash can lose the last commits), which is the trade we name in the docs.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):
        # A deferred transaction that later writes can fail with "database is locked" without
        # waiting; writers declare themselves so they queue on busy_timeout instead.
        if conn.get_execution_options().get("write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """The engine plus two session factories: plain reads, and serialised write units of work."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(write=True), expire_on_commit=False)
        # SQLite has one writer at a time. Threads of one process (gthread workers, the worker's drain
        # and RQ threads) queue on this lock instead of in SQLite's busy handler, which sleeps in steps
        # of up to 100 ms and so turned a few ms of contention into p99s of hundreds of ms.
        self._write_lock = threading.RLock() if self.is_sqlite else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self._write_lock or nullcontext():
            with self._writes() as session:
                with session.begin():
                    yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def create_all(self) -> None:
        from .models import Base

        Base.metadata.create_all(self.engine)
