"""The machine the numbers were taken on, and waiting for it to be quiet."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime


def loadavg() -> tuple[float, float, float]:
    with open("/proc/loadavg") as f:
        a, b, c = f.read().split()[:3]
    return float(a), float(b), float(c)


def wait_quiet(threshold: float = 0.7, every: float = 60, give_up: float = 1200, log=print) -> dict:
    """Wait until the 1-minute load average is below `threshold` (checked every `every` s, for at most
    `give_up` s): other people's test suites share these 2 cores."""
    t0 = time.monotonic()
    first = loadavg()
    while True:
        now = loadavg()
        waited = time.monotonic() - t0
        if now[0] < threshold:
            return {"quiet": True, "waited_s": waited, "load_at_start": now, "load_when_asked": first}
        if waited >= give_up:
            log(f"  load still {now[0]:.2f} after {waited / 60:.0f} min: going ahead (noted in the report)")
            return {"quiet": False, "waited_s": waited, "load_at_start": now, "load_when_asked": first}
        log(f"  1-minute load {now[0]:.2f} >= {threshold}: waiting ({waited / 60:.0f}/{give_up / 60:.0f} min)")
        time.sleep(every)


def cpu_reference_ms(n: int = 2_000_000) -> float:
    """How fast this machine runs Python just now: the best of 3 runs of a fixed loop, in ms. The same kind of
    machine here has been 2-3 times slower one day than another; sections measured on different days (--merge)
    compare only through this."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        total = 0
        for i in range(n):
            total += i
        best = min(best, time.perf_counter() - t)
    return round(best * 1000, 1)


def _cmd(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def describe() -> dict:
    cpu_model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    import sqlite3

    versions = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for mod in ("flask", "gunicorn", "sqlalchemy", "rq", "redis", "psycopg", "twilio"):
        try:
            from importlib.metadata import version

            versions[mod] = version({"psycopg": "psycopg", "flask": "Flask", "sqlalchemy": "SQLAlchemy"}.get(mod, mod))
        except Exception:  # noqa: BLE001
            pass
    redis_server = shutil.which("redis-server")
    versions["redis-server"] = _cmd([redis_server, "--version"]).split(" v=")[-1].split()[0] if redis_server else "?"
    pg = _cmd(["psql", "--version"])
    versions["postgresql"] = pg.split()[2] if len(pg.split()) > 2 else "?"
    versions["wrk"] = (
        (_cmd(["wrk", "-v"]) or "").split(" [")[0].replace("wrk ", "") if shutil.which("wrk") else "absent"
    )
    return {
        "nproc": _cmd(["nproc"]) or str(os.cpu_count()),
        "cpu_model": cpu_model or platform.processor(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "versions": versions,
    }
