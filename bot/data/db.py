"""Engine and session setup: SQLite in WAL mode with immediate write transactions, or PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, CursorResult, Engine, Result
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from .inserts import PreparedInsert, driver_error
from .writer_lock import WriterLock

# PreparedInsert and WriterLock are re-exported: importers (tests included) take them from here.
__all__ = ["Database", "PreparedInsert", "WriterLock", "make_engine", "rows_changed", "sqlite_file"]


def make_engine(url: str, threads: int = 10) -> Engine:
    """`threads`: how many threads of this process may hold a connection at once. The pool keeps that many open
    once they have been needed (at least 5), and opens no more. Keeping fewer than the threads would make a busy
    worker open and close PostgreSQL connections (a server process each) many times a second, at more CPU than
    the decisions' own queries."""
    keep, overflow = max(5, threads), 0
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a failed statement's error must not carry message bodies into the logs.
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_size=keep,
            max_overflow=overflow,
            hide_parameters=True,
        )
        _tune_sqlite(engine)
        return engine
    # connect_timeout: a database that drops packets must fail fast, so the webhook can fall back to Redis.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=keep,
        max_overflow=overflow,
        hide_parameters=True,
        connect_args={"connect_timeout": 5},
    )


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
        # The fallback for writers that do not go through Database.write() (and for a lock file that
        # cannot be opened): SQLite's own busy handler.
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


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed. Session.execute is typed as returning a Result, which has no
    rowcount; for those statements it is a CursorResult, which has."""
    return cast("CursorResult[Any]", result).rowcount


def _rollback(connection) -> None:
    try:
        connection.rollback()
    except Exception:  # noqa: BLE001 - a dead connection: the original error is the one to report
        pass


def sqlite_file(url: str) -> str | None:
    """The database file of a SQLite URL, or None for an in-memory (or URI-style) database."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    path = path.split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return os.path.abspath(path)


class Database:
    """The engine plus two session factories: plain reads, and serialised write units of work."""

    def __init__(self, url: str, threads: int = 10):
        self.url = url
        self.engine = make_engine(url, threads)
        self.is_sqlite = url.startswith("sqlite")
        self._write_engine = self.engine.execution_options(write=True)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self._write_engine, expire_on_commit=False)
        # SQLite has one writer at a time: writers of every thread and process queue on this lock
        # (see WriterLock) rather than in SQLite's busy handler. PostgreSQL needs none.
        self._write_lock = WriterLock.for_file(sqlite_file(url)) if self.is_sqlite else None

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

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """One transaction on a Core connection, for writes that load no objects: committed when the block ends,
        rolled back on any exception, without a Session's unit of work, identity map and transaction bookkeeping,
        which cost as much as the statements themselves (bench/profile.py)."""
        with self._write_lock or nullcontext():
            with self._write_engine.begin() as connection:
                yield connection

    def insert(self, statement: PreparedInsert, values: Mapping[str, Any]) -> int:
        """One row, committed before this returns, on the driver's own connection: for the webhook, where
        SQLAlchemy's per-statement work (connection and transaction objects, events, parameter processing) costs
        more than the statement itself. Errors are SQLAlchemy's (IntegrityError for a duplicate, ...), as from
        any other query. Returns the new row's id.

        On SQLite one row is INSERTed on its own, in autocommit (see _tune_sqlite): one statement is one atomic
        transaction, committed when it completes, so BEGIN IMMEDIATE and COMMIT would only add two more calls
        into SQLite, each of which lets go of the GIL and may wait milliseconds for it back while this process
        holds the writer lock, which every other writer (process) is queued on. The connection is taken from
        the pool, and given back, outside that lock for the same reason."""
        return self.insert_many(statement, [values])[0]

    def insert_many(self, statement: PreparedInsert, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Rows in one statement (a multi-row INSERT, one call into the driver and one round trip however many
        rows), so in one transaction: all committed before this returns, or none (any error rolls them all back).
        Returns the new ids in the order of `rows`.

        RETURNING promises no order, but ids are handed out as the VALUES rows are inserted, first to last (SQLite:
        the table's largest rowid plus one, and this connection is the only writer; PostgreSQL: the id sequence,
        which only grows), so the ids sorted are the rows' ids in order."""
        dialect = self.engine.dialect
        sql, params, returning = statement.for_rows(dialect, rows)
        try:
            connection = self.engine.raw_connection()  # from the pool
        except dialect.loaded_dbapi.Error as exc:  # cannot connect: the OperationalError the webhook spills on
            raise DBAPIError.instance(
                None,
                None,
                exc,
                dialect.loaded_dbapi.Error,
                hide_parameters=True,
                connection_invalidated=dialect.is_disconnect(exc, None, None),
                dialect=dialect,
            ) from exc
        try:
            cursor = connection.cursor()
            try:
                if self.is_sqlite:
                    with self._write_lock:
                        # In autocommit (see _tune_sqlite) one statement is one transaction, committed when it
                        # completes: no BEGIN or COMMIT to call, each of which would let go of the GIL.
                        cursor.execute(sql, params)
                        ids = [row[0] for row in cursor.fetchall()] if returning else [cursor.lastrowid]
                        connection.commit()  # a no-op in autocommit
                else:
                    cursor.execute(sql, params)  # psycopg opens the transaction itself
                    ids = [row[0] for row in cursor.fetchall()]
                    connection.commit()
                return statement.in_row_order(rows, ids)
            except BaseException as exc:
                _rollback(connection)
                if isinstance(exc, dialect.loaded_dbapi.Error):
                    raise driver_error(
                        exc, dialect, sql, params, connection.dbapi_connection, cursor, connection.invalidate
                    ) from exc
                raise
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool

    def dispose(self) -> None:
        self.engine.dispose()

    def create_all(self) -> None:
        from .models import Base

        Base.metadata.create_all(self.engine)
