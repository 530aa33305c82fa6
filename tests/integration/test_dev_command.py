"""scripts/dev, the run command: when it stops (Ctrl-C, or a kill of the script) it leaves no process behind: not
the web app, not the worker, not the Redis it started because none answered at REDIS_URL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.support.processes import ROOT, free_port


def session_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[3])  # after "pid (comm)": state, ppid, pgrp, then the session


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def processes_in_session(sid: int) -> set[int]:
    return {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and session_of(int(p.name)) == sid}


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_the_dev_command_stops_web_worker_and_the_redis_it_started(tmp_path, stop):
    port, redis_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWILIO_")}
    env.update(
        {
            "PORT": str(port),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "QUEUE_NAME": f"dev-{port}",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
            "WEB_CONCURRENCY": "1",
        }
    )
    log = tmp_path / "dev.log"
    with open(log, "w") as out:
        dev = subprocess.Popen(
            ["bash", "scripts/dev"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while not _healthy(port):
            assert dev.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        redis_pid = int((ROOT / f"var/redis-{redis_port}.pid").read_text())
        started = processes_in_session(dev.pid) | {redis_pid}
        assert len(started) >= 4, log.read_text()  # the script, the worker, gunicorn (master and a worker), Redis

        if stop == "ctrl-c":
            os.killpg(dev.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole foreground group
        else:
            dev.terminate()  # a kill of the script alone
        dev.wait(90)

        left = sorted(pid for pid in started if alive(pid))
        assert not left, (left, log.read_text())
        assert "stopped the Redis it started" in log.read_text()
    finally:
        if dev.poll() is None:
            os.killpg(dev.pid, signal.SIGKILL)
        pidfile = ROOT / f"var/redis-{redis_port}.pid"
        if pidfile.exists() and alive(pid := int(pidfile.read_text())):
            os.kill(pid, signal.SIGKILL)


def _healthy(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def test_every_hint_the_dev_command_prints_names_the_projects_python():
    script = (ROOT / "scripts/dev").read_text()
    assert "python -m bot" not in script.replace("$py -m bot", "")


def test_the_redis_url_and_port_of_dot_env_count_for_the_dev_command_as_for_the_app(tmp_path):
    """Without them the script would export its defaults, which win over .env: the app on another Redis than set."""
    for name in ("scripts", "requirements.txt", "requirements-dev.txt"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / ".env").write_text("REDIS_URL=redis://127.0.0.1:6379/7\nPORT=5077\n")
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PORT")}
    shown = subprocess.run(
        ["bash", "-c", 'set -euo pipefail; source scripts/environment.sh; echo "$REDIS_URL $PORT"'],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["redis://127.0.0.1:6379/7", "5077"]
    env["PORT"] = "5078"  # the process environment still wins, as for the app
    shown = subprocess.run(
        ["bash", "-c", 'source scripts/environment.sh; echo "$PORT"'],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert shown.stdout.split() == ["5078"], shown.stderr
