"""Starts a worker: the inbound drain thread plus an RQ worker with its scheduler, built from the same
settings and wiring as the web app."""
from __future__ import annotations

import logging
import sys

from rq import SimpleWorker

from bot.jobs import drain, tasks
from bot.wiring import build
from config.settings import SettingsError, load_settings


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return 2
    services = build(settings, role="worker")
    tasks.bind(services)
    # Recover anything left behind while no worker ran, then keep sweeping on a timer.
    services.dispatcher.sweep_in(1)
    stop, threads = drain.start(services)
    # Jobs are short database transactions: forking per job (RQ's default) would cost more than the
    # work itself, so the worker runs them in-process. RQ handles SIGTERM (finish the current job, then
    # stop); the drain then stops after the text it is on, which commits or rolls back whole.
    worker = SimpleWorker([services.dispatcher.queue], connection=services.redis)
    try:
        worker.work(with_scheduler=True, burst="--burst" in argv, logging_level="INFO")
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
