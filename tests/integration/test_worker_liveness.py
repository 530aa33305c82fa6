"""The worker container's healthcheck (`python -m bot.jobs.liveness`, compose.yaml) against the real Redis: healthy
while an RQ worker of this host is registered, not before nor after, nor while Redis does not answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from rq import Queue, Worker

from bot.jobs.liveness import registered
from tests.conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]


def rq_worker(redis, hostname: str) -> Worker:
    worker = Worker([Queue("liveness-" + uuid.uuid4().hex[:8], connection=redis)], connection=redis)
    worker.hostname = hostname
    return worker


def check(redis_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "REDIS_URL": redis_url}
    return subprocess.run(
        [sys.executable, "-m", "bot.jobs.liveness"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
    )


def test_a_host_counts_as_live_from_its_workers_registration_until_its_stop(redis):
    host = "host-" + uuid.uuid4().hex[:8]
    worker = rq_worker(redis, host)
    assert not registered(redis, host)
    worker.register_birth()
    try:
        assert registered(redis, host)
        assert not registered(redis, "other-" + host)
    finally:
        worker.register_death()
    assert not registered(redis, host)


def test_the_healthcheck_passes_on_the_host_whose_worker_is_registered(redis):
    worker = rq_worker(redis, socket.gethostname())
    worker.register_birth()
    try:
        result = check(REDIS_URL)
    finally:
        worker.register_death()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"worker: registered from {socket.gethostname()}"


def test_the_healthcheck_fails_and_says_so_when_redis_does_not_answer():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = check(f"redis://127.0.0.1:{port}/0")
    assert result.returncode == 1
    assert "Redis did not answer" in result.stderr and "check REDIS_URL" in result.stderr
