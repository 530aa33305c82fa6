"""The inbound drain: a worker thread that takes stored texts' ids off a Redis list and processes them."""
from __future__ import annotations

import logging
import threading

from redis.exceptions import RedisError
from sqlalchemy import update

from ..data.models import Message
from ..usecases.inbound import process_inbound

log = logging.getLogger(__name__)

# A text whose processing keeps failing (a bug, not an outage) stops being retried after this.
MAX_ATTEMPTS = 5


def drain(svc, stop: threading.Event, poll_seconds: float = 1.0) -> None:
    """Process ids until `stop` is set. Each text commits with its effects, so a kill loses nothing:
    an id popped but not committed is still 'received' in the database, and the sweeper re-queues it."""
    key = svc.dispatcher.inbound_list
    while not stop.is_set():
        try:
            popped = svc.redis.brpop([key], timeout=poll_seconds)
        except RedisError:
            log.warning("Redis unavailable; inbound drain retrying")
            stop.wait(1.0)
            continue
        if popped is None:
            continue
        handle(svc, int(popped[1]))


def handle(svc, message_id: int) -> None:
    try:
        process_inbound(svc, message_id)
    except Exception:  # noqa: BLE001 - one bad text must not stop the drain
        log.exception("processing inbound message %s failed", message_id)
        _count_failure(svc, message_id)


def _count_failure(svc, message_id: int) -> None:
    try:
        with svc.db.write() as session:
            session.execute(update(Message).where(Message.id == message_id, Message.status == "received")
                            .values(attempts=Message.attempts + 1))
            session.execute(update(Message).where(Message.id == message_id, Message.status == "received",
                                                  Message.attempts >= MAX_ATTEMPTS).values(status="failed"))
    except Exception:  # noqa: BLE001 - the database itself is away; the sweeper will retry later
        log.exception("could not record the failure of message %s", message_id)


def start(svc, threads: int = 1) -> tuple[threading.Event, list[threading.Thread]]:
    stop = threading.Event()
    workers = [threading.Thread(target=drain, args=(svc, stop), name=f"inbound-drain-{i}", daemon=True)
               for i in range(threads)]
    for t in workers:
        t.start()
    return stop, workers
