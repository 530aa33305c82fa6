"""Timers and retries scheduled in one round trip (bot/jobs/dispatch.py's enqueue_at): Redis holds what RQ's own
`Queue.enqueue_at` would write, and the job runs through RQ's registry and the clock as before."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from rq import Queue
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry

from bot.jobs.dispatch import JOB_RETRY, RQDispatcher, enqueue_at
from bot.jobs.scheduler import Clock

WHEN = datetime(2026, 12, 6, 3, 30, 5, tzinfo=UTC)
VOLATILE = {b"created_at"}  # the time the job was made


@pytest.fixture
def queues(redis):
    names = ["test-" + uuid.uuid4().hex[:8] for _ in range(2)]
    yield [Queue(name, connection=redis) for name in names]
    for name in names:
        for key in redis.scan_iter(f"rq:*{name}*"):
            redis.delete(key)


def _written(redis, queue: Queue, job_id: str) -> tuple[dict, float | None, bool]:
    fields = {k: v for k, v in redis.hgetall(f"rq:job:{job_id}").items() if k not in VOLATILE}
    return fields, redis.zscore(ScheduledJobRegistry(queue=queue).key, job_id), redis.sismember("rq:queues", queue.key)


def test_a_timer_is_written_as_rqs_enqueue_at_writes_it(redis, queues):
    ours, theirs = queues
    options = {"job_id": "", "retry": JOB_RETRY, "result_ttl": 60, "meta": {"trace": "abc"}}
    enqueue_at(ours, WHEN, "bot.jobs.tasks.escalate", 41, 0, **{**options, "job_id": "t-" + ours.name})
    theirs.enqueue_at(WHEN, "bot.jobs.tasks.escalate", 41, 0, **{**options, "job_id": "t-" + theirs.name})
    got = _written(redis, ours, "t-" + ours.name)
    want = _written(redis, theirs, "t-" + theirs.name)
    got[0][b"origin"] = want[0][b"origin"]  # each names its own queue
    assert got == want
    assert got[1] == WHEN.timestamp()
    assert got[0][b"status"] == JobStatus.SCHEDULED.value.encode()


def test_the_job_hash_and_its_score_go_in_one_round_trip(redis, queues):
    queue = queues[0]
    sent: list[str] = []
    original = type(redis).execute_command

    def spy(self, *args, **kwargs):
        sent.append(str(args[0]))
        return original(self, *args, **kwargs)

    type(redis).execute_command = spy
    try:
        enqueue_at(queue, WHEN, "bot.jobs.tasks.nudge", 7, job_id="n-" + queue.name)
    finally:
        type(redis).execute_command = original
    assert sent == []  # nothing outside the pipeline (a pipeline sends through its own connection)
    assert redis.zscore(ScheduledJobRegistry(queue=queue).key, "n-" + queue.name) == WHEN.timestamp()


def test_a_due_timer_is_moved_to_its_queue_by_the_clock(redis, queues):
    dispatcher = RQDispatcher(redis, queues[0].name)
    enqueue_at(
        dispatcher.queue, datetime(2020, 1, 1, tzinfo=UTC), "bot.jobs.tasks.nudge", 7, job_id="due-" + queues[0].name
    )
    assert Clock(dispatcher).tick() == 1
    assert dispatcher.queue.job_ids == ["due-" + queues[0].name]
    assert list(Job.fetch("due-" + queues[0].name, connection=redis).args) == [7]
