"""Write transactions: SQLite writers of every thread and process queue on one lock (a sidecar flock) instead of
sleeping in SQLite's busy handler; the webhook's INSERT commits on a plain connection, on SQLite and PostgreSQL."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import String, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.data.db import Database, PreparedInsert, WriterLock, sqlite_file
from bot.data.models import Message
from bot.usecases.inbound import InboundText, StoreNumbers, receive_inbound, record_inbound
from bot.usecases.stores import create_store

STORE = "+15145550100"
NOW = datetime(2024, 5, 1, 16, 0, tzinfo=UTC)
fork = multiprocessing.get_context("fork")


def _text(i: int, body: str = "here") -> InboundText:
    return InboundText(f"SM{i:032x}", f"+1438{4000000 + i:07d}", STORE, body)


def _count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Message))


@pytest.fixture
def db(svc):
    create_store(svc.db, "Dépanneur Test", STORE)
    return svc.db


@pytest.fixture
def sqlite_db(db):
    if not db.is_sqlite:
        pytest.skip("the writer lock is for SQLite files")
    return db


def test_an_inbound_text_is_committed_on_a_plain_connection_and_its_id_returned(db):
    message_id = record_inbound(db, _text(1, "rendu place 4"), NOW)
    with db.read() as session:
        stored = session.get(Message, message_id)
    assert (stored.direction, stored.status, stored.body, stored.phone) == (
        "in",
        "received",
        "rendu place 4",
        "+14384000001",
    )
    assert stored.created_at == NOW and stored.store_id is not None and stored.attempts == 0


def test_a_redelivered_message_sid_hits_the_unique_index_and_leaves_one_row(db):
    numbers = StoreNumbers()
    record_inbound(db, _text(1), NOW, numbers)
    with pytest.raises(IntegrityError):
        record_inbound(db, _text(1), NOW, numbers)
    assert _count(db) == 1
    assert record_inbound(db, _text(2), NOW, numbers) is not None  # the connection is usable afterwards


def test_a_text_to_a_number_that_is_no_store_of_ours_is_stored_as_ignored(db):
    assert record_inbound(db, InboundText("SM" + "c" * 32, "+14384000001", "+15145559999", "hi"), NOW) is None
    with db.read() as session:
        assert session.scalars(select(Message.status)).all() == ["ignored"]


def test_a_failed_insert_is_rolled_back_reported_as_sqlalchemys_error_and_releases_the_lock(db):
    insert = PreparedInsert(
        Message.__table__,
        (
            "store_id",
            "direction",
            "channel",
            "from_addr",
            "to_addr",
            "body",
            "status",
            "attempts",
            "priority",
            "created_at",
        ),
    )
    values = {
        "store_id": 999,
        "direction": "in",
        "channel": "sms",
        "from_addr": "x",
        "to_addr": "y",
        "body": "z",
        "status": "ignored",
        "attempts": 0,
        "priority": 0,
        "created_at": NOW,
    }
    with pytest.raises(IntegrityError):  # there is no store 999: the foreign key
        db.insert(insert, values)
    assert _count(db) == 0
    record_inbound(db, _text(1), NOW)  # not left holding the lock, nor a transaction open
    assert _count(db) == 1


def test_a_prepared_insert_refuses_to_leave_a_defaulted_column_to_sqlalchemy(db):
    with pytest.raises(ValueError, match="defaulted column"):
        db.insert(
            PreparedInsert(Message.__table__, ("direction", "from_addr", "to_addr", "body", "status")),
            {"direction": "in", "from_addr": "x", "to_addr": "y", "body": "z", "status": "ignored"},
        )


def test_an_insert_stores_what_the_orm_would_have_stored(db):
    message_id = record_inbound(
        db, InboundText("SM" + "d" * 32, "whatsapp:+14384000001", "whatsapp:" + STORE, "l'auto grise, place 7 ✓"), NOW
    )
    with db.write() as session:
        orm = Message(
            store_id=None,
            direction="in",
            channel="whatsapp",
            from_addr="whatsapp:+14384000001",
            to_addr="whatsapp:" + STORE,
            phone="+14384000001",
            body="l'auto grise, place 7 ✓",
            twilio_sid="SM" + "e" * 32,
            status="received",
            created_at=NOW,
        )
        session.add(orm)
        session.flush()
        orm_id = orm.id
    columns = [c for c in Message.__table__.c if c.key not in ("id", "store_id", "twilio_sid")]
    with db.read() as session:
        fast, slow = (session.execute(select(*columns).where(Message.id == i)).one() for i in (message_id, orm_id))
        raw = (
            session.execute(select(Message.created_at.cast(String)).where(Message.id.in_([message_id, orm_id])))
            .scalars()
            .all()
        )
    assert fast == slow and fast.created_at == NOW
    assert raw[0] == raw[1]  # the same text in the database, not only the same value read back


def test_every_database_on_one_sqlite_file_shares_one_writer_lock_next_to_it(sqlite_db, settings):
    other = Database(settings.database_url)
    try:
        assert other._write_lock is sqlite_db._write_lock
        assert sqlite_db._write_lock.lock_path == sqlite_file(settings.database_url) + "-writer.lock"
    finally:
        other.dispose()


def test_an_in_memory_database_needs_no_lock_file():
    assert sqlite_file("sqlite://") is None and sqlite_file("sqlite:///:memory:") is None
    assert WriterLock.for_file(None).lock_path is None
    assert sqlite_file("postgresql://postgres@127.0.0.1/test") is None


def _try_flock(path: str, result) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result.put("got it")
    except BlockingIOError:
        result.put("blocked")
    finally:
        os.close(fd)


def test_another_process_cannot_take_the_writer_lock_while_a_transaction_holds_it(sqlite_db):
    result = fork.Queue()
    with sqlite_db.write():
        child = fork.Process(target=_try_flock, args=(sqlite_db._write_lock.lock_path, result))
        child.start()
        child.join(10)
        assert result.get(timeout=5) == "blocked"
    child = fork.Process(target=_try_flock, args=(sqlite_db._write_lock.lock_path, result))
    child.start()
    child.join(10)
    assert result.get(timeout=5) == "got it"


def _write_once_and_report(db: Database, result) -> None:
    db.engine.dispose(close=False)  # SQLite connections must not cross a fork; the lock object does
    record_inbound(db, _text(99), NOW)
    result.put(time.monotonic())


def test_a_forked_process_opens_its_own_lock_file_and_waits_for_the_parents_hold(sqlite_db):
    # The parent has opened the lock file and holds the lock when it forks (gunicorn's preload forks after the
    # app is built): the child must not share that lock through the inherited descriptor; its write waits
    # until the parent lets go. (Only the lock is held: an open SQLite transaction must never cross a fork.)
    result = fork.Queue()
    with sqlite_db._write_lock:
        child = fork.Process(target=_write_once_and_report, args=(sqlite_db, result))
        child.start()
        time.sleep(0.5)
        released = time.monotonic()
    child.join(30)
    assert child.exitcode == 0
    assert result.get(timeout=5) >= released
    assert _count(sqlite_db) == 1


def _write_many(url: str, start: int, n: int, result) -> None:
    db = Database(url)
    numbers = StoreNumbers()
    slowest = 0.0
    try:
        for i in range(start, start + n):
            t = time.monotonic()
            record_inbound(db, _text(i), NOW, numbers)
            slowest = max(slowest, time.monotonic() - t)
        result.put(("ok", slowest))
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        result.put(("failed", repr(exc)))
    finally:
        db.dispose()


def test_two_processes_with_threads_writing_at_once_all_succeed(sqlite_db, settings):
    result = fork.Queue()
    children = [fork.Process(target=_write_many, args=(settings.database_url, k * 1000, 150, result)) for k in (1, 2)]
    for child in children:
        child.start()
    threads = [
        threading.Thread(target=_write_many, args=(settings.database_url, k * 1000, 150, result)) for k in (3, 4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for child in children:
        child.join(60)
    outcomes = [result.get(timeout=5) for _ in range(4)]
    assert [status for status, _ in outcomes] == ["ok"] * 4, outcomes
    assert _count(sqlite_db) == 600


def test_the_writer_lock_is_reentrant_on_one_thread_and_released_by_the_outermost_hold(sqlite_db):
    lock = sqlite_db._write_lock
    result = fork.Queue()

    def other_process_gets_it() -> bool:
        child = fork.Process(target=_try_flock, args=(lock.lock_path, result))
        child.start()
        child.join(10)
        return result.get(timeout=5) == "got it"

    with lock:
        with lock:
            pass
        assert not other_process_gets_it()
    assert other_process_gets_it()


def test_a_lock_file_that_cannot_be_created_leaves_writers_to_busy_timeout(tmp_path):
    lock = WriterLock(str(tmp_path / "missing-dir" / "db.sqlite3"))
    with lock:
        with lock:
            pass
    assert lock.lock_path is None and lock._fd is None


def test_an_unreachable_database_raises_sqlalchemys_operational_error_which_the_webhook_spills_on():
    unreachable = Database("postgresql+psycopg://postgres@127.0.0.1:9/nowhere")  # nothing listens on port 9
    try:
        with pytest.raises(OperationalError):
            record_inbound(unreachable, _text(1), NOW, StoreNumbers())
        insert = PreparedInsert(
            Message.__table__,
            ("direction", "channel", "from_addr", "to_addr", "body", "status", "attempts", "priority", "created_at"),
        )
        with pytest.raises(OperationalError):
            unreachable.insert(
                insert,
                {
                    "direction": "in",
                    "channel": "sms",
                    "from_addr": "x",
                    "to_addr": "y",
                    "body": "z",
                    "status": "ignored",
                    "attempts": 0,
                    "priority": 0,
                    "created_at": NOW,
                },
            )
    finally:
        unreachable.dispose()


def _row(i: int) -> dict:
    return {
        "store_id": None,
        "direction": "in",
        "channel": "sms",
        "from_addr": f"+1438{4000000 + i:07d}",
        "to_addr": STORE,
        "phone": None,
        "body": "here",
        "twilio_sid": f"SM{i:032x}",
        "status": "ignored",
        "attempts": 0,
        "priority": 0,
        "created_at": NOW,
        "media": None,
    }


def test_rows_written_together_are_committed_together_with_their_ids_in_order(db):
    from bot.usecases.inbound import INSERT_INBOUND

    ids = db.insert_many(INSERT_INBOUND, [_row(i) for i in range(5)])
    with db.read() as session:
        stored = dict(session.execute(select(Message.id, Message.twilio_sid)).all())
    assert [stored[i] for i in ids] == [f"SM{i:032x}" for i in range(5)]


def test_a_duplicate_among_rows_written_together_writes_none_of_them(db):
    from bot.usecases.inbound import INSERT_INBOUND

    db.insert(INSERT_INBOUND, _row(3))
    with pytest.raises(IntegrityError):
        db.insert_many(INSERT_INBOUND, [_row(i) for i in range(5)])
    assert _count(db) == 1
    assert len(db.insert_many(INSERT_INBOUND, [_row(i) for i in (0, 1, 2)])) == 3  # the connection is fine after


def test_webhooks_at_once_through_the_intake_are_each_stored_once_and_signalled_once(svc, db):
    signalled: list[int] = []
    svc.dispatcher.process_inbound_many = signalled.extend  # the Redis list, as a Python one
    got: dict[str, int | None] = {}

    def webhook(n):
        for i in range(40):
            text = _text(n * 1000 + i)
            receive_inbound(svc, text)
            got[text.sid] = True

    threads = [threading.Thread(target=webhook, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with db.read() as session:
        stored = dict(session.execute(select(Message.twilio_sid, Message.id)).all())
    assert set(stored) == set(got) and len(stored) == 16 * 40
    assert sorted(signalled) == sorted(stored.values())


def test_rows_inserted_inside_a_sessions_transaction_get_their_ids_in_order_and_roll_back_with_it(db):
    from bot.usecases.inbound import INSERT_INBOUND

    with db.write() as session:
        ids = INSERT_INBOUND.insert_in(session.connection(), [_row(i) for i in range(4)])
        one = INSERT_INBOUND.insert_in(session.connection(), [_row(9)])
        stored = dict(session.execute(select(Message.id, Message.twilio_sid)).all())  # same transaction: seen
    assert [stored[i] for i in ids + one] == [f"SM{i:032x}" for i in (0, 1, 2, 3, 9)]
    with pytest.raises(RuntimeError):
        with db.write() as session:
            INSERT_INBOUND.insert_in(session.connection(), [_row(i) for i in range(10, 13)])
            raise RuntimeError("the decision failed after its texts were written")
    assert _count(db) == 5  # nothing of the failed transaction


def test_a_failed_insert_inside_a_session_is_sqlalchemys_error_and_the_session_rolls_back(db):
    from bot.usecases.inbound import INSERT_INBOUND

    with pytest.raises(IntegrityError) as raised:  # the same MessageSid twice: the unique index
        with db.write() as session:
            INSERT_INBOUND.insert_in(session.connection(), [_row(1)])
            INSERT_INBOUND.insert_in(session.connection(), [_row(1)])
    assert "parameters hidden" in str(raised.value)  # the parameters (phones, bodies) stay out of the message
    assert _count(db) == 0
    with db.write() as session:  # the pooled connection is usable again
        INSERT_INBOUND.insert_in(session.connection(), [_row(2)])
    assert _count(db) == 1


def test_a_connection_lost_during_an_insert_is_invalidated_as_sqlalchemy_would(db):
    if db.is_sqlite:
        pytest.skip("a SQLite file cannot drop its connection")
    from bot.usecases.inbound import INSERT_INBOUND

    with pytest.raises(OperationalError) as raised:
        with db.write() as session:
            connection = session.connection()
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with db.engine.connect() as other:
                other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
                other.commit()
            INSERT_INBOUND.insert_in(connection, [_row(3)])
    assert raised.value.connection_invalidated
    with db.write() as session:  # a fresh connection from the pool
        INSERT_INBOUND.insert_in(session.connection(), [_row(4)])
    assert _count(db) == 1
