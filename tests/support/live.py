"""Real processes for the integration, e2e, browser and fault tests: gunicorn serving the app, `python worker.py`, a
Twilio stand-in; a private redis-server to stop and restart, and a TCP relay to cut the database off."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests
from twilio.request_validator import RequestValidator

from bot.wiring import webhook_token
from config.settings import load_settings
from tests.support.processes import ROOT, free_port, redis_argv, wait_for_redis


class LiveStack:
    """The web app under gunicorn and an RQ worker process, wired to a Twilio stand-in over HTTP; or, with
    no stand-in (twilio=None), on the console transport, where texts are only logged and /simulator exists."""

    def __init__(
        self, database_url: str, twilio, tmp_path: Path, redis_url: str | None = None, env: dict[str, str] | None = None
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.twilio = twilio
        self.logs = tmp_path
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "QUEUE_NAME": "test-" + uuid.uuid4().hex[:10],  # isolates this test's jobs on a shared Redis
            "PUBLIC_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        if twilio is not None:
            self.env.update(
                {
                    "TWILIO_ACCOUNT_SID": twilio.account_sid,
                    "TWILIO_AUTH_TOKEN": twilio.auth_token,
                    "TWILIO_API_BASE_URL": twilio.url,
                    "SMS_TRANSPORT": "twilio",
                }
            )
            self.webhook_token = twilio.auth_token
        else:
            for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_BASE_URL"):
                self.env.pop(name, None)
            self.env.update({"SMS_TRANSPORT": "console", "SECRET_KEY": "live-" + uuid.uuid4().hex})
            self.webhook_token = webhook_token(load_settings(self.env))
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.env.update(env or {})
        self.procs: list[subprocess.Popen] = []
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def start(self, workers: int = 1, migrate: bool = True) -> LiveStack:
        """Migrate the schema (in-process: a CLI run costs a second), then start the web and `workers` workers."""
        if migrate:
            from bot.cli import migrate as upgrade

            upgrade(load_settings(self.env).database_url)
        self.web = self._spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.conf.py",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "2",
                "bot:create_app()",
            ],
        )
        for _ in range(workers):
            self.start_worker()
        return self.wait_healthy()

    def wait_healthy(self) -> LiveStack:
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
        proc = self._spawn(f"worker{len(self.procs)}", [sys.executable, "worker.py"])
        self.workers.append(proc)
        return proc

    def kill_worker(self, proc: subprocess.Popen | None = None, sig: int = signal.SIGKILL) -> subprocess.Popen:
        """Signal a worker (the newest live one by default): SIGKILL is a crash, SIGTERM a graceful stop."""
        proc = proc or next(p for p in reversed(self.workers) if p.poll() is None)
        proc.send_signal(sig)
        if sig == signal.SIGKILL:
            proc.wait(5)
        return proc

    def stop(self, fast: bool = False) -> None:
        """Stop every process: gracefully (SIGTERM), or at once (fast: SIGKILL, for tests that are done)."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill() if fast else proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def sign(self, path: str, form: dict) -> str:
        return RequestValidator(self.webhook_token).compute_signature(self.url + path, form)

    def text(self, from_: str, to: str, body: str, sid: str | None = None) -> requests.Response:
        form = {
            "MessageSid": sid or "SM" + uuid.uuid4().hex,
            "From": from_,
            "To": to,
            "Body": body,
            "AccountSid": self.twilio.account_sid if self.twilio else "AC" + "0" * 32,
        }
        return requests.post(
            self.url + "/twilio/sms",
            data=form,
            headers={"X-Twilio-Signature": self.sign("/twilio/sms", form)},
            timeout=5,
        )

    def api(self, method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(
            method, self.url + "/api/v1" + path, headers={"Authorization": f"Bearer {token}"}, timeout=10, **kwargs
        )


class RedisServer:
    """A private redis-server on a free port, with no persistence: stopping or killing it and starting it again is
    Redis restarting having lost everything (lists, RQ jobs, scheduled timers)."""

    def __init__(self, workdir: Path, port: int | None = None):
        self.port = port or free_port()
        self.workdir = Path(workdir)
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / f"redis-{self.port}.log", "a")
        self.proc = subprocess.Popen(redis_argv(self.port, self.workdir), stdout=log, stderr=subprocess.STDOUT)
        wait_for_redis(self.port)
        return self

    def stop(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(10)
        self.proc = None

    def restart(self, down_for: float = 0.0) -> RedisServer:
        self.stop()
        time.sleep(down_for)
        return self.start()


class TcpProxy:
    """A TCP relay to a server (PostgreSQL) that a test can cut, dropping every connection and refusing new ones as
    a database that went away does, and then restore on the same port."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
                with self._lock:
                    self._conns.discard(s)

    def cut(self) -> None:
        if self._listener is not None:
            try:  # shutdown, not only close: close alone leaves a thread blocked in accept() accepting
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def restore(self) -> None:
        self.start()

    def stop(self) -> None:
        self.cut()
