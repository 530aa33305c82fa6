"""RQ job functions. Each takes ids, is idempotent, and runs against the worker's wiring."""
from __future__ import annotations

import logging

from ..usecases import delivery, outbox, timers

log = logging.getLogger(__name__)

_services = None


def bind(services) -> None:
    """worker.py binds the wiring it built once; jobs never build clients at import time."""
    global _services
    _services = services


def services():
    global _services
    if _services is None:
        # A job run outside worker.py (rq's own CLI, a forked child): build once from the environment.
        from config.settings import load_settings
        from ..wiring import build

        _services = build(load_settings(), role="worker")
    return _services


def deliver(message_ids: list[int]) -> None:
    svc = services()
    for message_id in message_ids:
        outbox.deliver(svc, message_id)


def escalate(handoff_id: int, level: int) -> None:
    timers.escalate(services(), handoff_id, level)


def nudge(handoff_id: int) -> None:
    timers.nudge(services(), handoff_id)


def record_status(sid: str, status: str, error_code: int | None, attempt: int) -> None:
    delivery.record_status(services(), sid, status, error_code, attempt)


def sweep() -> None:
    """One sweep, on demand. Workers sweep by themselves (bot/jobs/drain.py); this job no longer re-schedules
    itself, so one left in Redis by an older version runs once and ends."""
    timers.sweep(services())
