"""The daily retention run (bot/usecases/retention.py) as an RQ job: scheduled by every worker at start, and by
each run for the next day, under one job id per day, so however many workers start that day's run is scheduled
once."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from ..usecases import photos
from ..usecases.retention import purge
from .dispatch import job_id

if TYPE_CHECKING:
    from rq import Queue

    from .dispatch import RQDispatcher

# 08:00 UTC is 3 or 4 a.m. in Québec: no pickups, little traffic.
RUN_AT = time(8, 0, tzinfo=UTC)
JOB = "bot.jobs.retention.daily_job"  # what RQ imports


def next_run(now: datetime) -> datetime:
    today = datetime.combine(now.astimezone(UTC).date(), RUN_AT)
    return today if today > now else today + timedelta(days=1)


def schedule(queue: Queue, now: datetime) -> None:
    """Schedule the next daily run. Scheduling a day's run again replaces it (same job id)."""
    when = next_run(now)
    queue.enqueue_at(
        when, JOB, job_id=job_id(queue.name, "retention", f"{when:%Y%m%d}"), result_ttl=86400, failure_ttl=7 * 86400
    )


def daily_job() -> dict[str, int]:
    """The RQ job: delete the customers' pictures (at Twilio, then our references), purge, then schedule tomorrow's
    run (even if this one failed)."""
    from .tasks import services

    svc = services()
    try:
        photos.expire(svc, svc.settings.retention_days, svc.clock())  # logs its own counts
        return purge(svc.db, svc.settings.retention_days, svc.clock())
    finally:
        # A job runs in a worker, whose queue is RQ's (wiring.build_worker).
        schedule(cast("RQDispatcher", svc.dispatcher).queue, svc.clock())
