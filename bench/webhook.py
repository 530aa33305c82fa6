"""Webhook throughput and latency: wrk against POST /twilio/sms with distinct, correctly signed messages,
for our app and for a bare Flask app on the same gunicorn settings (the baseline)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import requests
from twilio.request_validator import RequestValidator

from . import stack

STORE_NUMBER = "+15145550100"
LUA = Path(__file__).with_name("wrk_cycle.lua")


def twilio_form(i: int, body: str, to: str = STORE_NUMBER, from_: str | None = None) -> dict:
    """A webhook as Twilio posts it (the full parameter set, which the signature covers)."""
    sid = "SM" + uuid.uuid4().hex
    from_ = from_ or f"+1438{4000000 + i % 5000000:07d}"
    return {
        "ToCountry": "CA",
        "ToState": "QC",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "MONTREAL",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "QC",
        "SmsStatus": "received",
        "FromCity": "MONTREAL",
        "Body": body,
        "FromCountry": "CA",
        "To": to,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": stack.ACCOUNT_SID,
        "From": from_,
        "ApiVersion": "2010-04-01",
    }


def sign(url: str, form: dict) -> str:
    return RequestValidator(stack.AUTH_TOKEN).compute_signature(url, form)


def write_requests(path: Path, url: str, count: int, start: int = 0) -> None:
    """`count` distinct signed webhooks for `url`, one "signature<TAB>form" line each (wrk_cycle.lua reads them)."""
    validator = RequestValidator(stack.AUTH_TOKEN)
    with open(path, "w") as f:
        for i in range(start, start + count):
            form = twilio_form(i, f"here spot {i % 60 + 1}")
            f.write(validator.compute_signature(url, form) + "\t" + urlencode(form) + "\n")


def run_wrk(url: str, datafile: Path, seconds: float, connections: int, threads: int = 1) -> dict:
    argv = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "5s",
        "-s",
        str(LUA),
        url,
        "--",
        str(datafile),
        str(threads),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    out = json.loads(line[len("WRK_JSON ") :])
    out["rps"] = out["requests"] / (out["duration_us"] / 1e6)
    out["tool"] = "wrk"
    return out


def run_python_load(url: str, datafile: Path, seconds: float, connections: int) -> dict:
    """Stand-in for wrk when it is not installed (smoke mode only): the same requests, 16 threads, closed loop."""
    lines = datafile.read_text().splitlines()
    lock = threading.Lock()
    cursor = iter(range(len(lines)))
    lat: list[float] = []
    bad = [0]
    deadline = time.monotonic() + seconds

    def loop():
        with requests.Session() as s:
            while time.monotonic() < deadline:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    return
                sig, body = lines[i].split("\t", 1)
                t = time.perf_counter()
                r = s.post(
                    url,
                    data=body,
                    headers={"X-Twilio-Signature": sig, "Content-Type": "application/x-www-form-urlencoded"},
                    timeout=5,
                )
                dt = time.perf_counter() - t
                with lock:
                    lat.append(dt)
                    if r.status_code != 200:
                        bad[0] += 1

    t0 = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        for _ in range(connections):
            pool.submit(loop)
    elapsed = time.monotonic() - t0
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1e6 if lat else 0

    return {
        "requests": len(lat),
        "duration_us": elapsed * 1e6,
        "rps": len(lat) / elapsed,
        "non200": bad[0],
        "p50_us": pct(50),
        "p75_us": pct(75),
        "p90_us": pct(90),
        "p99_us": pct(99),
        "max_us": lat[-1] * 1e6 if lat else 0,
        "mean_us": sum(lat) / max(1, len(lat)) * 1e6,
        "wrapped": 0,
        "timeouts": 0,
        "connect_errors": 0,
        "read_errors": 0,
        "write_errors": 0,
        "status_errors": bad[0],
        "tool": "python (wrk not installed)",
    }


def _load(url, datafile, seconds, connections):
    if shutil.which("wrk"):
        return run_wrk(url, datafile, seconds, connections)
    return run_python_load(url, datafile, seconds, connections)


def run(
    env: stack.Env,
    cases: list[tuple[str, str | None, str]],
    seconds: float,
    warmup: float,
    connections: int = 16,
    max_rps: int = 6000,
    log=print,
    repeats: int = 1,
) -> list[dict]:
    """cases: (app, database, worker_class) with app "bare" or "ours", database "sqlite"/"postgresql"/None,
    worker_class "sync"/"gthread". Returns one result dict per case.

    With `repeats` > 1 the cases run in that many rounds, one after the other in each round (so that a slow spell
    of a shared machine falls on every case alike), and each case's row is its median run by req/s, with every
    run's req/s in `runs_rps`. Our fraction of the baseline is the median of the rounds' fractions."""
    conf = stack.gunicorn_conf()
    port = stack.free_port()
    url = f"http://127.0.0.1:{port}/twilio/sms"
    # max_rps: more than this machine can do, so that no request repeats within a run
    main_file, warm_file = env.tmp / "webhooks.txt", env.tmp / "webhooks-warm.txt"
    t = time.monotonic()
    write_requests(main_file, url, int(max_rps * seconds) + 1000)
    if warmup:
        write_requests(warm_file, url, int(max_rps * warmup) + 1000, start=10_000_000)
    log(f"  signed {int(max_rps * (seconds + warmup)) + 2000} distinct webhooks in {time.monotonic() - t:.1f}s")
    runs: list[list[dict]] = [[] for _ in cases]
    for round_ in range(repeats):
        for i, (app, db_kind, worker_class) in enumerate(cases):
            result = _case(
                env, conf, app, db_kind, worker_class, port, url, warm_file, main_file, warmup, seconds, connections
            )
            log(
                f"  {result['label']}"
                + (f" (round {round_ + 1}/{repeats})" if repeats > 1 else "")
                + ": "
                + (
                    result.get("error")
                    or f"{result['rps']:.0f} req/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                    f"p99 {result['p99_us'] / 1000:.1f} ms"
                    + (f", non-200 {result['non200']}" if result.get("non200") else "")
                )
            )
            runs[i].append(result)
    results = [_median_run(case_runs) for case_runs in runs]
    # our throughput as a fraction of the bare app's, same worker class, round by round
    for i, (app, _db, worker_class) in enumerate(cases):
        bare = next((j for j, c in enumerate(cases) if c[0] == "bare" and c[2] == worker_class), None)
        if app != "ours" or bare is None:
            continue
        fractions = [o["rps"] / b["rps"] for o, b in zip(runs[i], runs[bare]) if "error" not in o and "error" not in b]
        if fractions:
            results[i]["fraction"] = statistics.median(fractions)
            results[i]["fractions"] = fractions
    return results


def _median_run(case_runs: list[dict]) -> dict:
    good = sorted((r for r in case_runs if "error" not in r), key=lambda r: r["rps"])
    if not good:
        return case_runs[-1]
    out = dict(good[(len(good) - 1) // 2])
    out["runs_rps"] = [r.get("rps") for r in case_runs]
    return out


def _case(env, conf, app, db_kind, worker_class, port, url, warm_file, main_file, warmup, seconds, connections) -> dict:
    threads = (
        conf["threads"]
        if worker_class == "gthread" and conf["threads"] > 1
        else (16 if worker_class == "gthread" else 1)
    )
    label = f"{'bare Flask' if app == 'bare' else 'Arrivée'} {db_kind or ''} {worker_class}".replace("  ", " ")
    result = {
        "app": app,
        "database": db_kind,
        "worker_class": worker_class,
        "threads": threads,
        "workers": conf["workers"],
        "procfile": worker_class == conf["worker_class"],
        "label": label,
    }
    try:
        if app == "bare":
            web = stack.Web(
                env,
                "bench.bare_app:app",
                stack.app_env(env, "sqlite:///:memory:", port),
                port,
                worker_class,
                threads,
                name=f"web-bare-{worker_class}",
            ).wait()
            try:
                if warmup:
                    _load(url, warm_file, warmup, connections)
                result.update(_measured(web, url, main_file, seconds, connections))
            finally:
                web.stop()
        else:
            result.update(
                _ours(
                    env, db_kind, port, worker_class, threads, url, warm_file, main_file, warmup, seconds, connections
                )
            )
    except Exception as exc:  # noqa: BLE001 - report the failure in its row, go on with the others
        result["error"] = f"{type(exc).__name__}: {exc}"[:500]
    return result


def _ours(
    env,
    db_kind,
    port,
    worker_class,
    threads,
    url,
    warm_file,
    main_file,
    warmup,
    seconds,
    connections,
    app: str = "bot:create_app()",
    patches: str = "",
    access_log: bool = True,
) -> dict:
    with stack.database(db_kind, env.tmp) as db_url:
        queue = "bench-" + uuid.uuid4().hex[:6]
        _make_store(db_url)
        environ = {**stack.app_env(env, db_url, port, queue), "BENCH_PATCHES": patches}
        web = stack.Web(
            env, app, environ, port, worker_class, threads, name=f"web-{db_kind}-{worker_class}", access_log=access_log
        ).wait()
        try:
            warm = _load(url, warm_file, warmup, connections) if warmup else {"requests": 0, "non200": 0}
            result = _measured(web, url, main_file, seconds, connections)
        finally:
            web.stop()
        result["stored"], result["signalled"] = _stored(db_url, env, queue)
        result["answered_200"] = warm["requests"] - warm["non200"] + result["requests"] - result["non200"]
    return result


def run_candidates(
    env: stack.Env,
    cases: list[tuple[str, str, str, bool, str]],
    seconds: float,
    warmup: float,
    connections: int = 16,
    log=print,
    repeats: int = 1,
) -> list[dict]:
    """Candidate fixes (bench/variants.py) under the same load, on SQLite: (label, app, patches, access_log,
    worker_class). Each round runs the product as built on each worker class, then the candidates: a candidate's
    effect is the median over rounds of its req/s against the as-built run of the same round."""
    conf = stack.gunicorn_conf()
    port = stack.free_port()
    url = f"http://127.0.0.1:{port}/twilio/sms"
    main_file, warm_file = env.tmp / "webhooks-c.txt", env.tmp / "webhooks-c-warm.txt"
    write_requests(main_file, url, int(6000 * seconds) + 1000)
    write_requests(warm_file, url, int(6000 * warmup) + 1000, start=10_000_000)
    built = [("as built", "bot:create_app()", "", True, wc) for wc in dict.fromkeys(c[4] for c in cases)]
    everything = built + list(cases)
    runs: list[list[dict]] = [[] for _ in everything]
    for round_ in range(repeats):
        for i, (label, app, patches, access_log, worker_class) in enumerate(everything):
            threads = (
                conf["threads"]
                if worker_class == "gthread" and conf["threads"] > 1
                else (16 if worker_class == "gthread" else 1)
            )
            result = {
                "label": label,
                "patches": patches,
                "access_log": access_log,
                "worker_class": worker_class,
                "database": "sqlite",
            }
            try:
                result.update(
                    _ours(
                        env,
                        "sqlite",
                        port,
                        worker_class,
                        threads,
                        url,
                        warm_file,
                        main_file,
                        warmup,
                        seconds,
                        connections,
                        app=app,
                        patches=patches,
                        access_log=access_log,
                    )
                )
            except Exception as exc:  # noqa: BLE001
                result["error"] = f"{type(exc).__name__}: {exc}"[:500]
            log(
                f"  candidate {label} ({worker_class}, round {round_ + 1}/{repeats}): "
                + (
                    result.get("error")
                    or f"{result['rps']:.0f} req/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                    f"p99 {result['p99_us'] / 1000:.1f} ms, {result['cpu_ms_per_request']:.2f} ms CPU/request"
                )
            )
            runs[i].append(result)
    out = []
    for i, (_label, *_rest, worker_class) in enumerate(everything):
        row = _median_run(runs[i])
        base = next(j for j, b in enumerate(built) if b[4] == worker_class)
        ratios = [c["rps"] / b["rps"] for c, b in zip(runs[i], runs[base]) if "error" not in c and "error" not in b]
        if ratios and i >= len(built):
            row["vs_built"] = statistics.median(ratios)
        out.append(row)
    return out


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far (/proc/PID/stat)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _measured(web: stack.Web, url: str, datafile: Path, seconds: float, connections: int) -> dict:
    """The load, with the web workers' CPU time per request: steadier than req/s on a shared machine."""
    pids = web.worker_pids()
    before = _cpu_seconds(pids)
    result = _load(url, datafile, seconds, connections)
    result["cpu_ms_per_request"] = (_cpu_seconds(pids) - before) / max(1, result["requests"]) * 1000
    return result


def _make_store(db_url: str) -> None:
    from bot.data.db import Database
    from bot.usecases.stores import create_store

    db = Database(db_url)
    create_store(db, "Bench Store", STORE_NUMBER, escalation_seconds=3600)
    db.dispose()


def _stored(db_url: str, env: stack.Env, queue: str) -> tuple[int, int]:
    """How many webhooks were stored (rows) and signalled (ids on the inbound list): both must equal the 200s."""
    import redis
    from sqlalchemy import func, select

    from bot.data.db import Database
    from bot.data.models import Message

    db = Database(db_url)
    with db.read() as s:
        rows = s.scalar(select(func.count()).select_from(Message).where(Message.direction == "in"))
    db.dispose()
    from bot.jobs.dispatch import RQDispatcher

    r = redis.Redis.from_url(env.redis_url)
    signalled = r.llen(RQDispatcher(r, queue).inbound_list)
    r.close()
    return rows, signalled
