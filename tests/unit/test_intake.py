"""The webhook's intake: texts arriving together share one transaction and one signal; each webhook returns only
once its own text is written, with its own id or its own error, and none is left waiting."""

from __future__ import annotations

import itertools
import threading
import time

from sqlalchemy.exc import IntegrityError, OperationalError

from bot.web.intake import Intake


class Table:
    """A stand-in for the messages table: ids in order, a unique sid, a switch to make the database away, and a gate
    that holds the next write until opened."""

    def __init__(self):
        self.rows: dict[int, dict] = {}
        self.transactions: list[list[str]] = []
        self.signals: list[list[int]] = []
        self.away = False
        self.gate: threading.Event | None = None
        self.writing = threading.Event()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def insert_many(self, rows):
        self.writing.set()
        if self.gate is not None:
            self.gate.wait(5)
        with self._lock:
            if self.away:
                raise OperationalError("INSERT", {}, Exception("connection refused"))
            sids = {r["sid"] for r in self.rows.values()}
            if len({r["sid"] for r in rows}) < len(rows) or sids & {r["sid"] for r in rows}:
                raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: messages.twilio_sid"))
            ids = [next(self._ids) for _ in rows]
            self.rows.update(zip(ids, rows))
            self.transactions.append([r["sid"] for r in rows])
            return ids

    def insert_one(self, row):
        return self.insert_many([row])[0]

    def signal(self, ids):
        self.signals.append(list(ids))

    def intake(self, **kwargs) -> Intake:
        return Intake(insert_many=self.insert_many, insert_one=self.insert_one, signal=self.signal, **kwargs)


def _row(sid: str) -> dict:
    return {"sid": sid}


def _together(intake: Intake, table: Table, sids: list[str]) -> dict[str, object]:
    """The first webhook holds the database while the others queue behind it; then the gate opens."""
    table.gate = threading.Event()
    outcomes: dict[str, object] = {}

    def post(sid):
        try:
            outcomes[sid] = intake.store(_row(sid))
        except Exception as exc:  # noqa: BLE001 - recorded for the test to look at
            outcomes[sid] = exc

    first = threading.Thread(target=post, args=(sids[0],))
    first.start()
    assert table.writing.wait(5)
    others = [threading.Thread(target=post, args=(sid,)) for sid in sids[1:]]
    for t in others:
        t.start()
    deadline = time.monotonic() + 5
    while len(intake._queue) < len(sids) and time.monotonic() < deadline:
        time.sleep(0.001)
    table.gate.set()
    for t in [first, *others]:
        t.join(5)
        assert not t.is_alive(), "a webhook was left waiting"
    table.gate = None
    return outcomes


def test_one_text_at_a_time_is_written_on_its_own_and_signalled():
    table = Table()
    intake = table.intake()
    assert intake.store(_row("SM1")) == 1
    assert intake.store(_row("SM2")) == 2
    assert table.transactions == [["SM1"], ["SM2"]] and table.signals == [[1], [2]]


def test_texts_arriving_together_share_one_transaction_and_one_signal():
    table = Table()
    outcomes = _together(table.intake(), table, ["SM1", "SM2", "SM3", "SM4", "SM5"])
    assert table.transactions[0] == ["SM1"]
    assert sorted(table.transactions[1]) == ["SM2", "SM3", "SM4", "SM5"] and len(table.transactions) == 2
    assert table.signals == [[1], [2, 3, 4, 5]]
    assert {table.rows[i]["sid"]: i for i in table.rows} == outcomes  # each webhook got its own text's id


def test_a_batch_is_at_most_max_batch_texts():
    table = Table()
    _together(table.intake(max_batch=3), table, [f"SM{i}" for i in range(8)])
    assert [len(t) for t in table.transactions] == [1, 3, 3, 1]
    assert sorted(i for s in table.signals for i in s) == list(range(1, 9))


def test_a_duplicate_in_a_batch_fails_only_its_own_webhook():
    table = Table()
    intake = table.intake()
    intake.store(_row("SM-old"))
    outcomes = _together(intake, table, ["SM1", "SM2", "SM-old", "SM3"])
    assert isinstance(outcomes["SM-old"], IntegrityError)
    assert all(isinstance(outcomes[s], int) for s in ("SM1", "SM2", "SM3"))
    assert sorted(r["sid"] for r in table.rows.values()) == ["SM-old", "SM1", "SM2", "SM3"]
    assert sorted(i for s in table.signals for i in s) == sorted(table.rows)  # every stored text signalled once


def test_with_the_database_away_every_webhook_of_the_batch_hears_it_and_later_texts_still_go_in():
    table = Table()
    intake = table.intake()
    table.away = True
    outcomes = _together(intake, table, ["SM1", "SM2", "SM3"])
    assert all(isinstance(o, OperationalError) for o in outcomes.values())
    assert table.rows == {} and table.signals == []
    table.away = False
    assert intake.store(_row("SM4")) == 1


def test_something_unexpected_while_writing_leaves_no_webhook_waiting():
    table = Table()

    def broken(rows):
        table.writing.set()
        table.gate.wait(5)
        raise KeyError("a bug")

    intake = Intake(insert_many=broken, insert_one=lambda row: broken([row]), signal=table.signal)
    outcomes = _together(intake, table, ["SM1", "SM2", "SM3"])
    assert all(isinstance(o, KeyError) for o in outcomes.values())
    assert list(intake._queue) == []


def test_a_failed_signal_still_answers_every_webhook_with_its_stored_text():
    table = Table()

    def redis_away(ids):
        raise ConnectionError("Redis is away")

    intake = Intake(insert_many=table.insert_many, insert_one=table.insert_one, signal=redis_away)
    assert intake.store(_row("SM1")) == 1  # stored; the sweeper signals it later
    assert table.rows[1]["sid"] == "SM1"


def test_texts_stored_as_ignored_are_not_signalled():
    table = Table()
    intake = table.intake()
    intake.store(_row("SM1"), signal=False)
    intake.store(_row("SM2"))
    assert table.signals == [[2]]


def test_many_webhooks_at_once_each_get_their_own_text_stored_and_signalled_once():
    threads = 16  # gunicorn's threads per web worker
    table = Table()
    intake = table.intake()
    got: dict[str, int] = {}

    def webhook(n):
        for i in range(200):
            got[f"SM{n}-{i}"] = intake.store(_row(f"SM{n}-{i}"))

    workers = [threading.Thread(target=webhook, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(30)
    assert len(got) == threads * 200 == len(table.rows)
    assert all(table.rows[i]["sid"] == sid for sid, i in got.items())
    signalled = [i for s in table.signals for i in s]
    assert sorted(signalled) == sorted(got.values())  # each once
    for n in range(threads):  # one sender's texts are signalled in the order they came
        mine = [got[f"SM{n}-{i}"] for i in range(200)]
        assert sorted(mine, key=signalled.index) == mine
