"""Hands work to workers: stored texts on a plain Redis list (one command), RQ jobs for sending and for timers
(scheduled in RQ's registry, moved on time by bot/jobs/scheduler.py), and the Redis side of recovery: texts
kept in Redis while the database was away, and the sweeper's bookkeeping."""

from __future__ import annotations

import calendar
import json
import math
import os
import re
from datetime import UTC, datetime, timedelta

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue, Retry
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry

from ..logs import current_trace
from ..usecases.ports import spilled_text

# Inbound texts skip RQ: an LPUSH costs the webhook a small part of what an RQ enqueue does (no job to build and
# store), and the worker drains the list in-process (bot/jobs/drain.py). The database row, not the list, is the
# record: a lost id is found again by the sweeper.
INBOUND_LIST = "arrivee:inbound"
# Texts that came in while the database was unreachable, as Twilio sent them (JSON), oldest at the right.
SPILL_LIST = "arrivee:spill"

# Retries of a job that crashed outright (a bug, the database away for a moment); send errors
# are handled inside the job itself with their own backoff.
JOB_RETRY = Retry(max=3, interval=[1, 5, 30])

# A timer job that is still to run, or ran: the sweeper leaves it be. Failed, stopped or gone: re-armed.
ARMED = {JobStatus.SCHEDULED, JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.FINISHED}


def not_before(delay: float) -> datetime:
    """`delay` seconds from now, rounded up to the second: RQ's schedule keeps whole seconds, and rounding down
    would run a retry or a timer early."""
    return datetime.fromtimestamp(math.ceil(datetime.now(UTC).timestamp() + max(0.0, delay)), UTC)


def _traced() -> dict[str, str] | None:
    """A job's meta carrying the trace id of the text it is about (bot/logs.py), for the worker's lines."""
    trace = current_trace()
    return {"trace": trace} if trace else None


def enqueue_at(queue: Queue, when: datetime, func: str, *args: object, **options) -> Job:
    """RQ's `Queue.enqueue_at` in one round trip: the job's hash, its queue's registration and its score in the
    scheduled-job registry in one MULTI/EXEC. RQ 2.12's `ScheduledJobRegistry.schedule` ignores the pipeline
    `enqueue_at` gives it: its ZADD went out on its own, a second round trip per timer, ahead of the job's hash.
    `options` are `Queue.create_job`'s (job_id, retry, result_ttl, failure_ttl, meta); `when` in whole seconds, as
    the registry keeps it. tests/integration/test_queue.py checks that Redis ends up holding what RQ's own
    writes."""
    job = queue.create_job(func, args=args, status=JobStatus.SCHEDULED, **options)
    with queue.connection.pipeline() as pipe:
        pipe.sadd(queue.redis_queues_keys, queue.key)
        job.save(pipeline=pipe)  # its status is in the saved fields
        job.cleanup(ttl=job.ttl, pipeline=pipe)
        pipe.zadd(ScheduledJobRegistry.key_template.format(queue.name), {job.id: calendar.timegm(when.utctimetuple())})
        pipe.execute()
    return job


def job_id(*parts: object) -> str:
    """An RQ job id made of `parts`: RQ refuses any character but letters, digits, '_' and '-' (ValueError), so any
    other becomes '_'."""
    return "-".join(re.sub(r"[^A-Za-z0-9_-]", "_", str(part)) for part in parts)


class RQDispatcher:
    """The use cases' Dispatcher (bot/usecases/ports.py) on Redis and RQ, and the worker's side of it: the inbound
    list it drains, the RQ queues it works, the sweep's turn."""

    def __init__(self, redis: Redis, queue_name: str = "arrivee"):
        self.redis = redis
        self.name = queue_name
        self.queue = Queue(queue_name, connection=redis)
        # Staff alerts skip ahead of customer texts waiting for a send slot: workers listen here first.
        self.urgent_queue = Queue(f"{queue_name}-urgent", connection=redis)
        self.inbound_list = f"{INBOUND_LIST}:{queue_name}"
        self.spill_list = f"{SPILL_LIST}:{queue_name}"
        self._signaller: tuple[int, Redis] | None = None  # (pid, client): see _signal_client

    @property
    def queues(self) -> list[Queue]:
        return [self.urgent_queue, self.queue]

    def _lane(self, urgent: bool) -> Queue:
        return self.urgent_queue if urgent else self.queue

    # --- inbound -------------------------------------------------------------------------------------------
    def process_inbound(self, message_id: int) -> None:
        self.redis.lpush(self.inbound_list, message_id)

    def process_inbound_many(self, message_ids: list[int]) -> None:
        """One LPUSH for the texts the webhook stored together; the drain pops from the right, oldest first."""
        client = self._signal_client()
        try:
            client.lpush(self.inbound_list, *message_ids)
        except RedisConnectionError:
            # The held connection was dropped since the last signal (Redis restarted, a network blip), which a
            # checkout from the pool would have noticed; the client has let it go: once more, on a new one. Should
            # the first push have landed after all, a text signalled twice is handled once (the drain skips it).
            client.lpush(self.inbound_list, *message_ids)

    def _signal_client(self) -> Redis:
        """A client holding one connection of its own for the webhook's signals, made on first use in each process
        (gunicorn forks after building the app). The intake signals from one thread at a time, and checking a
        connection out of the shared pool for each signal would add the pool's lock and its probe of the socket (a
        system call) to every LPUSH."""
        pid = os.getpid()
        if self._signaller is None or self._signaller[0] != pid:
            self._signaller = (pid, Redis(connection_pool=self.redis.connection_pool, single_connection_client=True))
        return self._signaller[1]

    def pop_inbound(self, timeout: float) -> int | None:
        """The drain's next text id, oldest first, waiting up to `timeout` seconds; None if none came."""
        popped = self.redis.brpop([self.inbound_list], timeout=timeout)
        return int(popped[1]) if popped is not None else None

    def put_back_inbound(self, message_id: int) -> None:
        """A text the drain could not process for now (the database away), first in line again."""
        self.redis.rpush(self.inbound_list, message_id)

    def requeue_inbound(self, message_ids: list[int], hold_seconds: float) -> int:
        """The sweeper's re-enqueue of texts still 'received': those not waiting in the list already (a backlog being
        worked through is not pushed twice), each at most once per `hold_seconds`. Returns how many were pushed."""
        waiting = {int(i) for i in self.redis.lrange(self.inbound_list, 0, -1)}
        fresh = self._hold([m for m in message_ids if m not in waiting], "requeued", hold_seconds)
        if fresh:
            # RPUSH: the drain pops from the right, so recovered texts go before newer ones.
            self.redis.rpush(self.inbound_list, *fresh)
        return len(fresh)

    def spill_inbound(
        self, sid: str, from_addr: str, to_addr: str, body: str, received_at: datetime, media: list | None = None
    ) -> None:
        """Keep a text in Redis when the database cannot take it; a worker stores it once the database is back."""
        self.redis.lpush(self.spill_list, spilled_text(sid, from_addr, to_addr, body, received_at, media))

    def oldest_spilled(self) -> tuple[str, dict] | None:
        raw = self.redis.lindex(self.spill_list, -1)
        if raw is None:
            return None
        raw = raw.decode() if isinstance(raw, bytes) else raw
        return raw, json.loads(raw)

    def forget_spilled(self, raw: str) -> None:
        # Removed only once stored: a worker killed in between stores it again, and the MessageSid dedupes it.
        self.redis.lrem(self.spill_list, -1, raw)

    # --- sending -------------------------------------------------------------------------------------------
    def deliver(self, message_ids: list[int], urgent: bool = False) -> None:
        self._lane(urgent).enqueue(
            "bot.jobs.tasks.deliver",
            list(message_ids),
            retry=JOB_RETRY,
            result_ttl=60,
            failure_ttl=7 * 86400,
            meta=_traced(),
        )

    def deliver_again(self, message_ids: list[int], urgent: bool, hold_seconds: float) -> int:
        """The sweeper's re-send of rows still 'queued': each at most once per `hold_seconds`, so rows waiting their
        turn behind a rate-limited backlog do not gather a job per sweep. Returns how many were handed over."""
        fresh = self._hold(message_ids, "redeliver", hold_seconds)
        if fresh:
            self.deliver(fresh, urgent=urgent)
        return len(fresh)

    def _hold(self, ids: list[int], what: str, hold_seconds: float) -> list[int]:
        if not ids:
            return []
        with self.redis.pipeline() as pipe:
            for i in ids:
                pipe.set(f"arrivee:{what}:{self.name}:{i}", 1, nx=True, px=max(1, int(hold_seconds * 1000)))
            return [i for i, was_set in zip(ids, pipe.execute()) if was_set]

    def retry_delivery(self, message_id: int, delay: float, urgent: bool = False) -> None:
        enqueue_at(
            self._lane(urgent),
            not_before(delay),
            "bot.jobs.tasks.deliver",
            [message_id],
            retry=JOB_RETRY,
            result_ttl=60,
            failure_ttl=7 * 86400,
            meta=_traced(),
        )

    def status_later(self, sid: str, status: str, error_code: int | None, attempt: int, delay: float) -> None:
        self.queue.enqueue_in(
            timedelta(seconds=delay), "bot.jobs.tasks.record_status", sid, status, error_code, attempt, result_ttl=60
        )

    # --- order webhooks -------------------------------------------------------------------------------------
    def apply_order_event(self, event_id: int) -> None:
        self.queue.enqueue(
            "bot.jobs.tasks.apply_order_event", event_id, retry=JOB_RETRY, result_ttl=60, failure_ttl=7 * 86400
        )

    def apply_order_events_again(self, event_ids: list[int], hold_seconds: float) -> int:
        fresh = self._hold(event_ids, "order-event", hold_seconds)
        for event_id in fresh:
            self.apply_order_event(event_id)
        return len(fresh)

    # --- timers --------------------------------------------------------------------------------------------
    def timer_id(self, job: str, handoff_id: int, level: int = 0) -> str:
        # Named after the queue: stacks sharing one Redis (tests, staging) must not overwrite each other's timers.
        if job == "escalate":
            return job_id(self.name, "escalate", handoff_id, level)
        if job in ("nudge", "call"):
            return job_id(self.name, job, handoff_id)
        raise ValueError(f"unknown timer {job!r}")

    def schedule(self, job: str, handoff_id: int, level: int, delay: float) -> None:
        job_id = self.timer_id(job, handoff_id, level)
        args = (handoff_id, level) if job == "escalate" else (handoff_id,)
        enqueue_at(
            self.queue, not_before(delay), f"bot.jobs.tasks.{job}", *args, job_id=job_id, retry=JOB_RETRY, result_ttl=60
        )

    def timers_armed(self, timers: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        """Which of these (job, handoff_id, level) timers Redis still holds (to run, running, or just run), in one
        round trip. After Redis lost its data: none."""
        jobs = Job.fetch_many([self.timer_id(*t) for t in timers], connection=self.redis)
        return {t for t, job in zip(timers, jobs) if job is not None and job.get_status(refresh=False) in ARMED}

    # --- what waits, for /metrics ---------------------------------------------------------------------------
    def backlog(self) -> list[tuple[str, int, datetime | None]]:
        """(lane, depth, when its oldest job was enqueued) for the inbound list and the send lanes."""
        lanes: list[tuple[str, int, datetime | None]] = [
            ("inbound_signals", int(self.redis.llen(self.inbound_list)), None)
        ]
        for lane, queue in (("urgent", self.urgent_queue), ("deliver", self.queue)):
            ids = queue.get_job_ids(0, 0)
            job = Job.fetch(ids[0], connection=self.redis) if ids else None
            oldest = job.enqueued_at.replace(tzinfo=UTC) if job is not None and job.enqueued_at else None
            lanes.append((lane, queue.count, oldest))
        return lanes

    # --- the sweeper's turn --------------------------------------------------------------------------------
    def sweep_turn(self, seconds: float) -> bool:
        """One sweep per interval across all workers; any worker may take the next turn."""
        return bool(self.redis.set(f"arrivee:sweep:{self.name}", 1, nx=True, px=max(1, int(seconds * 1000))))
