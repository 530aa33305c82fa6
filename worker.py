"""Starts a worker: the inbound drain thread (which also sweeps), the timer clock thread, and an RQ worker for the
sending and timer jobs, all built from the same settings and wiring as the web app.

SIGTERM is a graceful stop: RQ finishes the job in hand, the drain finishes the text in hand (its effects and its
texts), then the process exits 0. A second SIGTERM is RQ's cold stop. SIGKILL loses nothing either: whatever was
in hand is found again in the database by the next sweep (docs/reliability.md).
"""

from __future__ import annotations

import ctypes
import logging
import signal
import sys
import threading

from rq import SimpleWorker

from bot.jobs import drain, retention, scheduler, tasks
from bot.logs import configure_logging
from bot.wiring import build_worker, make_redis
from config.settings import SettingsError, load_settings

log = logging.getLogger("worker")


class Worker(SimpleWorker):
    """RQ's in-process worker (jobs are short database transactions: forking per job would cost more than the
    work). Its stop request also stops the drain and the clock threads."""

    stopping: threading.Event
    # RQ backs off up to a minute between reconnection tries; jobs (sends, timers) should resume within seconds of
    # Redis coming back.
    max_connection_wait_time = 2.0

    def request_stop(self, signum, frame):
        self.stopping.set()
        super().request_stop(signum, frame)


# glibc's mallopt() parameter for the number of malloc arenas.
M_ARENA_MAX = -8


def cap_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each thread that allocates an arena of its own (up to 8 per core) and keeps what is freed in
    it, so a worker with 16 drain threads holds on to memory it no longer uses (bench/memory.py measures a
    worker's); two arenas, as MALLOC_ARENA_MAX=2 would give. Called before any thread starts; a no-op where there is no glibc."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    cap_malloc_arenas()
    configure_logging()  # phone numbers masked in every line (bot/logs.py)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return 2
    services, queue = build_worker(settings)
    tasks.bind(services)
    # Erase old message bodies and names daily (RETENTION_DAYS); one job id per day, however many workers start.
    try:
        retention.schedule(queue.queue, services.clock())
    except Exception:  # noqa: BLE001 - Redis away at start: the next worker start schedules it
        log.warning("could not schedule the daily retention job", exc_info=True)
    stop = threading.Event()
    burst = "--burst" in argv

    def stop_soon(signum, frame):  # until RQ installs its own handlers, and between its runs
        stop.set()

    signal.signal(signal.SIGTERM, stop_soon)
    signal.signal(signal.SIGINT, stop_soon)
    _, threads = drain.start(services, queue, stop, threads=max(1, services.settings.drain_threads))
    threads.append(scheduler.start(queue, stop))
    # RQ gets a Redis client of its own: it raises its connection pool's socket timeout for its long blocking
    # dequeue, and on the pool the drain threads share, a BLPOP that landed on an older connection (5 s
    # timeout) failed with "Redis connection timeout, quitting".
    rq_redis = make_redis(settings)
    try:
        while not stop.is_set():
            try:
                # Inside the try: RQ names its connection while constructing, which fails while Redis is away.
                worker = Worker(queue.queues, connection=rq_redis)
                worker.stopping = stop
                worker.work(burst=burst, logging_level="INFO")
            except Exception:  # noqa: BLE001 - e.g. Redis gone while registering: start a fresh RQ worker
                log.exception("RQ worker stopped")
            signal.signal(signal.SIGTERM, stop_soon)
            signal.signal(signal.SIGINT, stop_soon)
            if burst:
                break
            if not stop.is_set():
                # RQ quits on some Redis errors (a timeout, a failure outside its dequeue loop); the drain and the
                # clock ride them out, and so does the worker process: a new RQ worker once Redis answers.
                log.warning("RQ worker ended without a stop request; starting another in 1 s")
                stop.wait(1.0)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
