"""The webhook's intake, the use cases' TextIntake (bot/usecases/ports.py): texts that arrive together are stored in
one transaction and signalled to the workers in one command (a group commit), and each webhook answers only once
its own text is committed.

Why a group commit: under load many webhook threads of one web process store a text at the same moment, and one
transaction and one signal for all of them cost little more than for one."""

from __future__ import annotations

import itertools
import logging
import os
import threading
import weakref
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy.exc import IntegrityError

log = logging.getLogger(__name__)


class _Arrival:
    """One webhook's row, waiting for its turn or for a leader to write it."""

    __slots__ = ("values", "signal", "turn", "done", "message_id", "error")

    def __init__(self, values: Mapping[str, Any], signal: bool, lock: threading.Lock):
        self.values, self.signal = values, signal
        self.turn = threading.Condition(lock)
        self.done = False
        self.message_id: int | None = None
        self.error: BaseException | None = None

    def outcome(self) -> int:
        if self.error is not None:
            raise self.error
        return cast(int, self.message_id)  # written without an error: it has its id


class Intake:
    """Every webhook thread queues its row; the thread at the front (the leader) writes its own row and all those
    queued behind it, up to `max_batch`, in one transaction, signals the workers about them in one command, then
    wakes each of their threads with its row's id or error and hands the front to the next thread waiting. A lone
    text is written by its own thread at once. Nothing is answered before it is committed: a text that got its 200
    is in the database.

    A row the batch cannot take (a re-delivered MessageSid hits the unique index) rolls the batch back; each of its
    rows is then written on its own, so that one duplicate fails only its own webhook."""

    def __init__(
        self,
        insert_many: Callable[[list[Mapping[str, Any]]], list[int]],
        insert_one: Callable[[Mapping[str, Any]], int],
        signal: Callable[[list[int]], None],
        max_batch: int = 32,
    ):
        self._insert_many, self._insert_one, self._signal = insert_many, insert_one, signal
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: deque[_Arrival] = deque()  # the front one is the leader
        _instances.add(self)

    def _after_fork(self) -> None:
        # gunicorn forks its workers from a preloaded app: a lock copied while held would never be released.
        self._lock = threading.Lock()
        self._queue = deque()

    def store(self, values: Mapping[str, Any], signal: bool = True) -> int:
        """Write one row, committed (and, with `signal`, signalled) before this returns; its id. Raises what writing
        it raised (IntegrityError for a duplicate, OperationalError for a database away)."""
        me = _Arrival(values, signal, self._lock)
        with self._lock:
            self._queue.append(me)
            while not me.done and self._queue[0] is not me:
                me.turn.wait()
            if me.done:
                return me.outcome()
            batch = list(itertools.islice(self._queue, self.max_batch))
        try:
            self._write(batch)
        finally:
            with self._lock:
                for arrival in batch:
                    self._queue.popleft()
                    arrival.done = True
                    if arrival is not me:
                        arrival.turn.notify()
                if self._queue:
                    self._queue[0].turn.notify()  # the next leader
        return me.outcome()

    def _write(self, arrivals: list[_Arrival]) -> None:
        try:
            try:
                ids = (
                    self._insert_many([a.values for a in arrivals])
                    if len(arrivals) > 1
                    else [self._insert_one(arrivals[0].values)]
                )
                for arrival, message_id in zip(arrivals, ids):
                    arrival.message_id = message_id
            except IntegrityError:
                if len(arrivals) == 1:
                    raise
                for arrival in arrivals:  # one of them is a duplicate: each on its own
                    try:
                        arrival.message_id = self._insert_one(arrival.values)
                    except Exception as exc:  # noqa: BLE001 - that webhook's own error, raised on its thread
                        arrival.error = exc
        except BaseException as exc:  # the database away: every webhook of the batch hears it
            for arrival in arrivals:
                arrival.error = exc
            return
        to_signal = [a.message_id for a in arrivals if a.signal and a.error is None and a.message_id is not None]
        if to_signal:
            try:
                self._signal(to_signal)
            except Exception:  # noqa: BLE001 - any queue failure: the sweeper enqueues stored texts later
                log.exception("could not signal inbound messages %s; the sweeper will pick them up", to_signal)


_instances: weakref.WeakSet[Intake] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for intake in list(_instances):
        intake._after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)
