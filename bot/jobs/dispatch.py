"""Hands work to workers: stored texts on a plain Redis list (one command), and RQ jobs for sending
and for timers (RQ's scheduler)."""
from __future__ import annotations

from datetime import timedelta

from redis import Redis
from rq import Queue, Retry

# Inbound texts skip RQ: one LPUSH costs the webhook ~0.05 ms where Queue.enqueue costs ~0.8 ms,
# and the worker drains the list in-process (see bot/jobs/drain.py). The database row, not the
# list, is the record: a lost id is found again by the sweeper.
INBOUND_LIST = "arrivee:inbound"

# Retries of a job that crashed outright (a bug, the database away for a moment); send errors
# are handled inside the job itself with their own backoff.
JOB_RETRY = Retry(max=3, interval=[1, 5, 30])


class RQDispatcher:
    def __init__(self, redis: Redis, queue_name: str = "arrivee"):
        self.redis = redis
        self.queue = Queue(queue_name, connection=redis)
        self.inbound_list = f"{INBOUND_LIST}:{queue_name}"

    def process_inbound(self, message_id: int) -> None:
        self.redis.lpush(self.inbound_list, message_id)

    def deliver(self, message_ids: list[int]) -> None:
        self.queue.enqueue("bot.jobs.tasks.deliver", list(message_ids), retry=JOB_RETRY, result_ttl=60,
                           failure_ttl=7 * 86400)

    def retry_delivery(self, message_id: int, delay: float) -> None:
        self.queue.enqueue_in(timedelta(seconds=delay), "bot.jobs.tasks.deliver", [message_id], retry=JOB_RETRY,
                              result_ttl=60, failure_ttl=7 * 86400)

    def schedule(self, job: str, handoff_id: int, level: int, delay: float) -> None:
        if job == "escalate":
            self.queue.enqueue_in(timedelta(seconds=delay), "bot.jobs.tasks.escalate", handoff_id, level,
                                  job_id=f"escalate-{handoff_id}-{level}", retry=JOB_RETRY, result_ttl=60)
        elif job == "nudge":
            self.queue.enqueue_in(timedelta(seconds=delay), "bot.jobs.tasks.nudge", handoff_id,
                                  job_id=f"nudge-{handoff_id}", retry=JOB_RETRY, result_ttl=60)
        else:
            raise ValueError(f"unknown timer {job!r}")

    def status_later(self, sid: str, status: str, error_code: int | None, attempt: int, delay: float) -> None:
        self.queue.enqueue_in(timedelta(seconds=delay), "bot.jobs.tasks.record_status", sid, status, error_code,
                              attempt, result_ttl=60)

    def sweep_in(self, delay: float) -> None:
        self.queue.enqueue_in(timedelta(seconds=delay), "bot.jobs.tasks.sweep", result_ttl=60)
