"""RQ job functions: what the dispatcher (bot/jobs/dispatch.py) enqueues by name. Each takes ids, is idempotent,
and runs the use case against the worker's Services."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..logs import traced
from ..usecases import calls, order_events, outbox, timers

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)

_services: Services | None = None


def bind(services: Services) -> None:
    """worker.py binds the wiring it built once; jobs never build clients at import time."""
    global _services
    _services = services


def services() -> Services:
    global _services
    if _services is None:
        # A job run outside worker.py (rq's own CLI, a forked child): build once from the environment.
        from config.settings import load_settings

        from ..wiring import build

        _services = build(load_settings(), role="worker")
    return _services


def deliver(message_ids: list[int]) -> None:
    svc = services()
    with traced(_job_trace()):
        for message_id in message_ids:
            outbox.deliver(svc, message_id)


def _job_trace() -> str | None:
    """The trace id the dispatcher put in this job's meta (bot/jobs/dispatch.py), if any."""
    from rq import get_current_job

    job = get_current_job()
    return (job.meta or {}).get("trace") if job is not None else None


def escalate(handoff_id: int, level: int) -> None:
    timers.escalate(services(), handoff_id, level)


def nudge(handoff_id: int) -> None:
    timers.nudge(services(), handoff_id)


def call(handoff_id: int) -> None:
    calls.place(services(), handoff_id)


def record_status(sid: str, status: str, error_code: int | None, attempt: int) -> None:
    outbox.record_status(services(), sid, status, error_code, attempt)


def apply_order_event(event_id: int) -> None:
    order_events.apply_event(services(), event_id)


def sweep() -> None:
    """One sweep, for whoever enqueues it by hand; it schedules no other. Workers sweep by themselves
    (bot/jobs/drain.py)."""
    timers.sweep(services())
