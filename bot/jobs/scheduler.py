"""The timer clock: a thread in every worker that moves due jobs from RQ's scheduled-job registry onto their
queue, one worker at a time under a short Redis lease.

Why not RQ's own scheduler (`work(with_scheduler=True)`)? It runs in a forked child that outlives a SIGKILLed
worker, dies when Redis goes away and is restarted only on the next maintenance round (10 minutes), and holds its
lock for 61 s after its worker died, so timers stood still for a minute or more after each of those faults. This
one lives and dies with its worker, rides out Redis outages, and hands over within LEASE_SECONDS.
"""

from __future__ import annotations

import logging
import threading
import uuid
from typing import TYPE_CHECKING

from redis.exceptions import RedisError
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from rq.utils import current_timestamp

if TYPE_CHECKING:
    from .dispatch import RQDispatcher

log = logging.getLogger(__name__)

TICK_SECONDS = 0.5
LEASE_SECONDS = 3.0

# Takes the lease if free, or renews it if ours; 1 when we hold it afterwards.
LEASE = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""


class Clock:
    def __init__(self, dispatcher: RQDispatcher, name: str | None = None):
        self.dispatcher = dispatcher
        self.redis = dispatcher.redis
        self.name = name or uuid.uuid4().hex
        self.key = f"arrivee:scheduler:{dispatcher.name}"
        self._lease = self.redis.register_script(LEASE)
        self._failing = False

    def holds_lease(self) -> bool:
        return bool(self._lease(keys=[self.key], args=[self.name, int(LEASE_SECONDS * 1000)]))

    def move_due(self) -> int:
        """Enqueue every scheduled job whose time has come. A worker killed between the enqueue and the removal
        leaves a job that the next holder enqueues again: every job is idempotent, so that is harmless."""
        moved = 0
        for queue in self.dispatcher.queues:
            registry = ScheduledJobRegistry(queue=queue)
            due = registry.get_jobs_to_schedule(current_timestamp())
            if not due:
                continue
            for job_id, job in zip(due, Job.fetch_many(due, connection=self.redis)):
                if job is not None:
                    queue.enqueue_job(job, at_front=job.should_enqueue_at_front())
                    moved += 1
                registry.remove(job_id)
        return moved

    def tick(self) -> int:
        try:
            moved = self.move_due() if self.holds_lease() else 0
        except RedisError as exc:
            if not self._failing:
                log.warning("timer clock: Redis unavailable (%s); retrying", exc)
                self._failing = True
            return 0
        if self._failing:
            log.info("timer clock: Redis is back")
            self._failing = False
        return moved

    def release(self) -> None:
        try:
            if self.redis.get(self.key) in (self.name, self.name.encode()):
                self.redis.delete(self.key)
        except RedisError:
            pass

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.tick()
            stop.wait(TICK_SECONDS)
        self.release()


def start(dispatcher: RQDispatcher, stop: threading.Event) -> threading.Thread:
    clock = Clock(dispatcher)
    thread = threading.Thread(target=clock.run, args=(stop,), name="timer-clock", daemon=True)
    thread.start()
    return thread
