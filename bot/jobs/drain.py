"""The inbound drain: worker threads that take stored texts' ids off a Redis list and process them; the first one
also sweeps, at start-up and every SWEEP_EVERY_SECONDS, for whatever a fault left behind."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from redis.exceptions import RedisError
from sqlalchemy import update
from sqlalchemy.exc import InterfaceError, OperationalError

from ..data.models import Message
from ..usecases.inbound import process_inbound
from ..usecases.timers import sweep

if TYPE_CHECKING:
    from ..wiring import Services
    from .dispatch import RQDispatcher

log = logging.getLogger(__name__)

# A text whose processing keeps failing (a bug, not an outage) stops being retried after this.
MAX_ATTEMPTS = 5
# The database being away is an outage, not a bug: the text is retried after this pause, and not counted.
DATABASE_AWAY_PAUSE = 1.0
DATABASE_ERRORS = (OperationalError, InterfaceError)


def drain(
    svc: Services, queue: RQDispatcher, stop: threading.Event, poll_seconds: float = 1.0, sweeper: bool = False
) -> None:
    """Process ids until `stop` is set, finishing the text in hand first. Each text commits with its effects, so a
    kill loses nothing: an id popped but not committed is still 'received' in the database, and a sweep finds it."""
    next_sweep = time.monotonic()  # at once: recover what was left while no worker ran
    redis_down = False
    while not stop.is_set():
        if sweeper and time.monotonic() >= next_sweep:
            sweep_once(svc, queue)
            next_sweep = time.monotonic() + svc.settings.sweep_every_seconds
        wait = max(0.1, min(poll_seconds, next_sweep - time.monotonic())) if sweeper else poll_seconds
        try:
            message_id = queue.pop_inbound(wait)
        except RedisError:
            if not redis_down:
                log.warning("Redis unavailable; inbound drain retrying (the sweeper works from the database)")
                redis_down = True
            stop.wait(min(1.0, wait))
            continue
        redis_down = False
        if message_id is None:
            continue
        if not handle(svc, message_id, stop):
            try:
                queue.put_back_inbound(message_id)  # first in line again; the sweeper also has it
            except RedisError:
                pass


def sweep_once(svc: Services, queue: RQDispatcher) -> None:
    """Take this interval's sweep turn, unless another worker has it. Without Redis every worker sweeps: each step
    is idempotent, and that is when sweeping matters most."""
    try:
        if not queue.sweep_turn(svc.settings.sweep_every_seconds * 0.9):
            return
    except RedisError:
        pass
    try:
        sweep(svc)
    except DATABASE_ERRORS:
        log.warning("database unavailable; sweep skipped")
    except RedisError:
        log.warning("Redis unavailable; sweep cut short")
    except Exception:  # noqa: BLE001 - a failed sweep is retried next interval
        log.exception("sweep failed")


def handle(svc: Services, message_id: int, stop: threading.Event | None = None) -> bool:
    """Process one text. False when the database was away: not the text's fault, so it stays 'received' and, after
    a pause, the caller puts it back in line."""
    try:
        process_inbound(svc, message_id)
    except DATABASE_ERRORS:
        log.warning("database unavailable; message %s will be retried", message_id)
        (stop or threading.Event()).wait(DATABASE_AWAY_PAUSE)
        return False
    except Exception:  # noqa: BLE001 - one bad text must not stop the drain
        log.exception("processing inbound message %s failed", message_id)
        _count_failure(svc, message_id)
    return True


def _count_failure(svc: Services, message_id: int) -> None:
    try:
        with svc.db.write() as session:
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "received")
                .values(attempts=Message.attempts + 1)
            )
            session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "received", Message.attempts >= MAX_ATTEMPTS)
                .values(status="failed")
            )
    except Exception:  # noqa: BLE001 - the database itself is away; the sweeper will retry later
        log.exception("could not record the failure of message %s", message_id)


def start(
    svc: Services, queue: RQDispatcher, stop: threading.Event | None = None, threads: int = 1
) -> tuple[threading.Event, list[threading.Thread]]:
    stop = stop or threading.Event()
    workers = [
        threading.Thread(
            target=drain, args=(svc, queue, stop), kwargs={"sweeper": i == 0}, name=f"inbound-drain-{i}", daemon=True
        )
        for i in range(threads)
    ]
    for t in workers:
        t.start()
    return stop, workers
