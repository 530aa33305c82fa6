"""compose.yaml run for real (ARRIVEE_COMPOSE=1, docs/deploy.md "Containers"): the stack is built and started, passes
`doctor`, answers a signed text through the web container with the worker, takes a second worker, and stops cleanly.
Skipped unless asked for: it needs a Docker engine and `docker compose`, and a first build takes minutes. Where Docker
Hub cannot be reached, COMPOSE_FILE=compose.yaml:compose.offline.yaml (in the environment or in .env) picks the
images built from Debian's packages."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def compose_available() -> bool:
    if os.environ.get("ARRIVEE_COMPOSE") != "1" or not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(
    not compose_available(), reason="set ARRIVEE_COMPOSE=1 where a Docker engine and `docker compose` run"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """One compose project of its own (its own name, volumes and published port), so a deployment of the same
    checkout on this machine is left alone."""

    def __init__(self) -> None:
        self.project = "arrivee_test_" + uuid.uuid4().hex[:8]
        self.port = free_port()
        # The environment wins over .env for compose's variables: the stack texts through the console transport
        # whatever Twilio settings .env holds (COMPOSE_FILE, from either, still picks the files).
        self.env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
            "PORT": str(self.port),
            "PUBLIC_BASE_URL": "",
            "TWILIO_ACCOUNT_SID": "",
            "TWILIO_AUTH_TOKEN": "",
            "TRUSTED_PROXIES": "0",
        }

    def compose(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["docker", "compose", "--project-name", self.project, *argv],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def json_lines(self, service: str) -> list[dict]:
        out = self.compose("logs", "--no-color", "--no-log-prefix", service).stdout
        return [json.loads(line) for line in out.splitlines() if line.startswith("{")]

    def listening_workers(self) -> list[dict]:
        return [line for line in self.json_lines("worker") if line["msg"].startswith("*** Listening on ")]

    def wait_for(self, condition, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds:g} s for {what}:\n" + self.compose("logs").stdout)
            time.sleep(0.5)

    def web_answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False


@pytest.fixture(scope="module")
def stack():
    running = Stack()
    # The first build of every image takes minutes; after that the layers are cached.
    # --wait: until every service is healthy, the workers by their own check (bot/jobs/liveness.py).
    up = running.compose("up", "--detach", "--build", "--wait", timeout=1200)
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        running.wait_for(running.web_answers, f"/healthz on the published port {running.port}", 90)
        yield running
    finally:
        running.compose("down", "--volumes", "--remove-orphans", "--timeout", "70", timeout=300)


def test_doctor_passes_in_the_started_stack(stack):
    doctor = stack.compose("run", "--rm", "-T", "web", "python", "-m", "bot", "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    lines = doctor.stdout.splitlines()
    assert any(line.startswith("ok   database: reachable, migrated to head") for line in lines), lines
    assert "ok   redis: reachable at redis://redis:6379/0" in lines
    assert lines[-1] == "doctor: all good"


def test_a_signed_text_through_the_web_container_is_answered_by_the_worker(stack):
    assert stack.compose("exec", "-T", "web", "python", "-m", "bot", "demo").returncode == 0
    sent = stack.compose(
        "exec", "-T", "web", "python", "-m", "bot", "text", "--from", "+15145550123", "chu rendue place 4"
    )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    answered = {line.split(":")[0] for line in sent.stdout.splitlines() if line.startswith("→ ")}
    # The customer is thanked, and both staff members are alerted.
    assert answered == {"→ +15145550123", "→ +15145550111", "→ +15145550112"}, sent.stdout
    received = [line for line in stack.json_lines("web") if line["msg"] == "text received from …0123"]
    arrived = [line for line in stack.json_lines("worker") if line["msg"].endswith("from …0123: arrived")]
    assert len(received) == 1 and len(arrived) == 1
    assert received[0]["trace"] == arrived[0]["trace"]
    printed = stack.compose("logs", "--no-color", "--no-log-prefix", "worker").stdout
    assert "[sms] +15145550100 → …0123: " in printed  # the person's phone masked, as in every log line


def test_a_worker_stopped_while_it_starts_stops_at_once_not_at_the_end_of_its_grace_period(stack):
    before = set(stack.compose("ps", "--quiet", "worker").stdout.split())
    assert stack.compose("up", "--detach", "--no-build", "--scale", "worker=2").returncode == 0
    after = set(stack.compose("ps", "--quiet", "worker").stdout.split())
    assert before < after, "scaling up recreated the running worker"
    (starting,) = after - before
    began = time.monotonic()
    # Still importing: without an init process it would be PID 1, which ignores a signal it has no handler for yet.
    assert subprocess.run(["docker", "stop", "--time", "60", starting], capture_output=True).returncode == 0
    assert time.monotonic() - began < 20
    assert subprocess.run(["docker", "rm", starting], capture_output=True).returncode == 0


def test_a_second_worker_joins_and_every_process_stops_with_exit_status_0(stack):
    scaled = stack.compose("up", "--detach", "--no-build", "--scale", "worker=2", "--wait")
    assert scaled.returncode == 0, scaled.stdout + scaled.stderr
    assert len(stack.compose("ps", "--quiet", "--status", "running", "worker").stdout.split()) == 2
    assert len(stack.listening_workers()) == 2
    assert stack.compose("stop", timeout=300).returncode == 0
    states = stack.compose("ps", "--all", "--format", "{{.Service}} {{.ExitCode}}").stdout.splitlines()
    assert sorted(states) == ["migrate 0", "postgres 0", "redis 0", "web 0", "worker 0", "worker 0"]
