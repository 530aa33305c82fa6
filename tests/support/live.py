"""Real processes for integration tests: gunicorn serving the app, `python worker.py`, a Twilio stand-in."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveStack:
    """The web app under gunicorn and an RQ worker process, wired to a Twilio stand-in over HTTP."""

    def __init__(self, database_url: str, twilio, tmp_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.twilio = twilio
        self.logs = tmp_path
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "QUEUE_NAME": "test-" + uuid.uuid4().hex[:10],  # isolates this test's jobs on a shared Redis
            "TWILIO_ACCOUNT_SID": twilio.account_sid,
            "TWILIO_AUTH_TOKEN": twilio.auth_token,
            "TWILIO_API_BASE_URL": twilio.url,
            "SMS_TRANSPORT": "twilio",
            "PUBLIC_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        self.procs: list[subprocess.Popen] = []

    def cli(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def start(self) -> "LiveStack":
        self.cli("init-db")
        self._spawn("web", [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "-b",
                            f"127.0.0.1:{self.port}", "-w", "2", "bot:create_app()"])
        self.start_worker()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError("web did not start:\n" + (self.logs / "web.log").read_text())

    def start_worker(self) -> subprocess.Popen:
        return self._spawn(f"worker{len(self.procs)}", [sys.executable, "worker.py"])

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()

    def sign(self, path: str, form: dict) -> str:
        return RequestValidator(self.twilio.auth_token).compute_signature(self.url + path, form)

    def text(self, from_: str, to: str, body: str, sid: str | None = None) -> requests.Response:
        form = {"MessageSid": sid or "SM" + uuid.uuid4().hex, "From": from_, "To": to, "Body": body,
                "AccountSid": self.twilio.account_sid}
        return requests.post(self.url + "/twilio/sms", data=form,
                             headers={"X-Twilio-Signature": self.sign("/twilio/sms", form)}, timeout=5)

    def api(self, method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url + "/api/v1" + path, headers={"Authorization": f"Bearer {token}"},
                                timeout=10, **kwargs)
