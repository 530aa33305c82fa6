"""The benchmark suite: `bench/run` (or `.venv/bin/python -m bench`) measures and writes docs/performance.md
and docs/performance-scale.png. `--smoke` is a seconds-long run of every harness (tests/bench), writing
nothing under docs/ unless told to.

Everything runs on this machine against 127.0.0.1: a private redis-server on a free port, fresh SQLite
files and fresh PostgreSQL databases (dropped afterwards), gunicorn as the Procfile runs it, `python worker.py`
processes and the Twilio stand-in of tests/support. Every load is bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import machine, report, stack

ROOT = stack.ROOT

FULL = {
    "webhook_seconds": 10,
    "webhook_warmup": 3,
    "webhook_max_rps": 6000,
    "latency_count": 2000,
    "latency_rate": 50,
    "latency_workers": (1, 4),
    "latency_warmup": 20,
    "twilio_delay": 0.15,
    "twilio_rate": 20,
    "twilio_count": 400,
    "scale_rates": (10, 50, 100, 200, 400),
    "scale_workers": (1, 4),
    "scale_seconds": 8,
    "scale_min": 150,
    "text_seconds": 3,
    "startup_runs": 20,
    "memory_messages": 20_000,
    "memory_checkpoints": (10_000, 20_000),
    "memory_rate": 150,
    "memory_warm": 200,
    "profile_n": 300,
    # The webhook cases and the arrival→alert targets run this many times: the row is the median run (this shared
    # machine has slow spells of seconds to minutes; one run can land in one).
    "repeats": 3,
}
SMOKE = {
    "webhook_seconds": 1,
    "webhook_warmup": 0,
    "webhook_max_rps": 2500,
    "latency_count": 20,
    "latency_rate": 40,
    "latency_workers": (1,),
    "latency_warmup": 3,
    "twilio_delay": 0.05,
    "twilio_rate": 10,
    "twilio_count": 0,
    "scale_rates": (),
    "scale_workers": (1,),
    "scale_seconds": 1,
    "scale_min": 20,
    "text_seconds": 0.3,
    "startup_runs": 1,
    "memory_messages": 20,
    "memory_checkpoints": (10, 20),
    "memory_rate": 40,
    "memory_warm": 5,
    "profile_n": 0,
    "repeats": 1,
}
SECTIONS = ("webhook", "latency", "scale", "text", "memory", "profile")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="seconds-long run of every harness (for tests)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, help="the report (default docs/performance.md; smoke: none)")
    parser.add_argument("--plot", type=Path, help="the scale plot (default docs/performance-scale.png)")
    parser.add_argument("--json", type=Path, help="raw results (default bench/results.json; smoke: none)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite rows only")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the machine to be quiet")
    parser.add_argument("--logs", type=Path, help="keep the processes' logs in this directory")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite the report and plot from the --json results",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sections not run this time from the previous results (--json file)",
    )
    args = parser.parse_args(argv)
    # TERM (or INT) stops the run cleanly: the processes it started are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))

    p = SMOKE if args.smoke else FULL
    only = [s for s in args.only.split(",") if s]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    out = args.out if args.out else (None if args.smoke else ROOT / "docs" / "performance.md")
    plot = args.plot if args.plot else (None if args.smoke else ROOT / "docs" / "performance-scale.png")
    raw = args.json if args.json else (None if args.smoke else ROOT / "bench" / "results.json")
    postgres = not args.no_postgres and not args.smoke and stack.postgres_available()

    def log(msg: str) -> None:
        print(msg, flush=True)

    if args.report_only:
        results = json.loads(raw.read_text())
        if plot:
            report.plot_scale(results, plot)
        report.write(results, out, plot)
        log(f"wrote {out} from {raw}")
        return 0

    results: dict = {
        "mode": "smoke" if args.smoke else "full",
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in p.items()},
        "machine": machine.describe(),
        "gunicorn": stack.gunicorn_conf(),
        "postgres": postgres,
        "load": [],
        "errors": {},
    }
    if not shutil.which("wrk"):
        results["errors"]["wrk"] = (
            "wrk not installed: the webhook load used a Python client instead (bench/run installs wrk)"
        )
    if not args.smoke and not args.no_wait:
        log("waiting for a quiet machine (1-minute load < 0.7)")
        results["quiet"] = machine.wait_quiet(log=log)
    t_start = time.monotonic()

    def section(name, fn):
        if name not in only:
            return
        log(f"== {name}")
        before = machine.loadavg()
        reference = machine.cpu_reference_ms()
        t = time.monotonic()
        try:
            results[name] = fn()
        except Exception as exc:  # noqa: BLE001 - a failed section is reported, the others still run
            traceback.print_exc()
            results["errors"][name] = f"{type(exc).__name__}: {exc}"[:1000]
        results["load"].append(
            {
                "section": name,
                "before": before,
                "after": machine.loadavg(),
                "seconds": round(time.monotonic() - t, 1),
                "cpu_reference_ms": reference,
            }
        )
        log(f"   ({time.monotonic() - t:.1f} s; load {before[0]:.2f} -> {machine.loadavg()[0]:.2f})")

    with stack.Env(keep_logs=args.logs) as env:
        env.start_standin()
        section("text", lambda: run_text(p, log))
        section("webhook", lambda: run_webhook(env, p, postgres, args.smoke, log))
        section("latency", lambda: run_latency(env, p, postgres, log))
        section("scale", lambda: run_scale(env, p, postgres, args.smoke, log))
        section("memory", lambda: run_memory(env, p, log))
        if not args.smoke:
            section("profile", lambda: run_profile(env, p, log))
    results["seconds"] = round(time.monotonic() - t_start, 1)

    if plot and (results.get("scale") or results.get("latency")):
        try:
            report.plot_scale(results, plot)
            results["plot"] = str(plot)
        except Exception as exc:  # noqa: BLE001 - e.g. matplotlib missing
            results["errors"]["plot"] = f"{type(exc).__name__}: {exc}"
    if args.merge and raw and raw.exists():
        previous = json.loads(raw.read_text())
        for name in SECTIONS:
            if name not in only and name in previous:
                results[name] = previous[name]
                results["load"] += [x for x in previous.get("load", []) if x["section"] == name]
                if name in previous.get("errors", {}):
                    results["errors"][name] = previous["errors"][name]
        results["merged_from"] = previous.get("machine", {}).get("date")
        results["load"].sort(key=lambda x: SECTIONS.index(x["section"]) if x["section"] in SECTIONS else 99)
    if raw:
        raw.write_text(json.dumps(results, indent=1, default=str))
    if out:
        report.write(results, out, plot)
        log(f"wrote {out}" + (f" and {plot}" if plot and plot.exists() else ""))
    log(json.dumps(report.summary(results)))
    log(f"done in {results['seconds']:.0f}s" + (f"; errors: {results['errors']}" if results["errors"] else ""))
    return 1 if any(k for k in results["errors"] if k != "wrk") else 0


def run_text(p, log) -> dict:
    py = sys.executable
    speed = json.loads(
        subprocess.run(
            [py, "-m", "bench.textspeed", str(p["text_seconds"])],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    log(f"  understanding: {speed['per_second']:.0f} texts/s wall, {speed['per_cpu_second']:.0f} per CPU-second")
    argv = [py, "-m", "bot", "parse", "here spot 4"]
    startup = {"command": 'python -m bot parse "here spot 4"'}
    if shutil.which("hyperfine") and p["startup_runs"] > 1:
        export = Path(tempfile.mkdtemp()) / "hf.json"
        subprocess.run(
            [
                "hyperfine",
                "--warmup",
                "3",
                "--runs",
                str(p["startup_runs"]),
                "--export-json",
                str(export),
                "-N",
                " ".join(f"'{a}'" if " " in a else a for a in argv),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        r = json.loads(export.read_text())["results"][0]
        times = r["times"]
        startup.update(tool="hyperfine", runs=len(times))
        shutil.rmtree(export.parent, ignore_errors=True)
    else:
        times = []
        for _ in range(max(1, p["startup_runs"])):
            t = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, timeout=60)
            times.append(time.perf_counter() - t)
        startup.update(tool="subprocess timing", runs=len(times))
    startup.update(mean_s=statistics.mean(times), median_s=statistics.median(times), max_s=max(times))
    t = time.perf_counter()
    subprocess.run([py, "-c", "pass"], check=True, timeout=60)
    startup["bare_python_s"] = time.perf_counter() - t
    log(f"  parse start-up: median {startup['median_s'] * 1000:.0f} ms ({startup['tool']}, {startup['runs']} runs)")
    return {"speed": speed, "startup": startup}


def run_webhook(env, p, postgres, smoke, log) -> dict:
    from . import webhook

    procfile = stack.gunicorn_conf()["worker_class"]
    other = "sync" if procfile != "sync" else "gthread"
    if smoke:
        cases = [("bare", None, procfile), ("ours", "sqlite", procfile)]
    else:
        cases = [
            ("bare", None, procfile),
            ("ours", "sqlite", procfile),
            ("bare", None, other),
            ("ours", "sqlite", other),
        ]
        if postgres:
            cases += [("ours", "postgresql", procfile), ("ours", "postgresql", other)]
    rows = webhook.run(
        env,
        cases,
        p["webhook_seconds"],
        p["webhook_warmup"],
        max_rps=p["webhook_max_rps"],
        log=log,
        repeats=p["repeats"],
    )
    out = {"rows": rows, "connections": 16, "repeats": p["repeats"]}
    if not smoke:  # candidate fixes on the webhook, same load (bench/variants.py)
        cand = [
            (
                "one transaction and one LPUSH per text (no group commit)",
                "bench.variants:webhook_app()",
                "no-group-commit",
                True,
                procfile,
            ),
            ("no signal at all", "bench.variants:webhook_app()", "no-signal", True, procfile),
            (
                "signature check only, nothing stored (floor)",
                "bench.variants:webhook_app()",
                "signature-only",
                True,
                procfile,
            ),
            ("no access log", "bot:create_app()", "", False, procfile),
        ]
        out["candidates"] = webhook.run_candidates(
            env, cand, p["webhook_seconds"], p["webhook_warmup"], log=log, repeats=p["repeats"]
        )
    return out


def _case(arrivals, env, db, workers, rate, count, log, **kwargs) -> dict:
    """One latency case; a failure becomes an error row and the section goes on."""
    try:
        return arrivals.run_case(env, db, workers, rate, count, log=log, **kwargs)
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        log(f"  {db}, {workers} worker(s), {rate:g}/s: failed: {exc}")
        return {
            "database": db,
            "workers": workers,
            "rate": rate,
            "count": count,
            "patches": kwargs.get("patches", ""),
            "error": f"{type(exc).__name__}: {exc}"[:300],
        }


def _median_case(runs: list[dict]) -> dict:
    """The median run by p99 (a run that failed or left texts late counts as the slowest), with every run's p50,
    p99 and late count beside it."""

    def rank(r):
        return (1, 0.0) if "error" in r or r.get("lost") else (0, r["p99_ms"])

    ordered = sorted(runs, key=rank)
    row = dict(ordered[(len(ordered) - 1) // 2])
    row["runs"] = [{k: r.get(k) for k in ("p50_ms", "p99_ms", "max_ms", "lost", "error")} for r in runs]
    return row


def run_latency(env, p, postgres, log) -> dict:
    from . import arrivals

    rows = []
    for db in ("sqlite", "postgresql") if postgres else ("sqlite",):
        for w in p["latency_workers"]:
            rows.append(
                _median_case(
                    [
                        _case(
                            arrivals, env, db, w, p["latency_rate"], p["latency_count"], log, warmup=p["latency_warmup"]
                        )
                        for _ in range(p["repeats"])
                    ]
                )
            )
    out = {"rows": rows, "repeats": p["repeats"]}
    if p["twilio_count"]:  # the same path with Twilio's real round trip simulated by the stand-in
        slow = []
        for w, patches in ((1, ""), (4, ""), (1, "drain-threads-4")):
            slow.append(
                _case(
                    arrivals,
                    env,
                    "sqlite",
                    w,
                    p["twilio_rate"],
                    p["twilio_count"],
                    log,
                    patches=patches,
                    warmup=p["latency_warmup"],
                    twilio_delay=p["twilio_delay"],
                )
            )
        out["twilio_delay"] = {"delay_s": p["twilio_delay"], "rows": slow}
    return out


def run_scale(env, p, postgres, smoke, log) -> dict:
    from . import arrivals

    rows = []
    dbs = ("sqlite", "postgresql") if postgres else ("sqlite",)
    for db in dbs:
        for w in p["scale_workers"]:
            for rate in p["scale_rates"]:
                count = max(p["scale_min"], int(rate * p["scale_seconds"]))
                rows.append(_case(arrivals, env, db, w, rate, count, log, warmup=p["latency_warmup"], drain_timeout=90))
    return {"rows": rows}


def run_memory(env, p, log) -> dict:
    from . import memory

    return memory.run(
        env, p["memory_messages"], p["memory_checkpoints"], p["memory_rate"], warm=p["memory_warm"], log=log
    )


def run_profile(env, p, log) -> dict:
    from . import profile

    n = p["profile_n"]
    out = {
        "webhook": profile.webhook_breakdown(env, n=n * 5),
        "worker": profile.worker_breakdown(env, n=n),
        "candidates": [],
    }
    log(
        f"  webhook in-process: {out['webhook']['wall_ms']:.2f} ms/request; worker: "
        f"{out['worker']['wall_ms']:.2f} ms/arrival"
    )

    # the baseline again after the candidates: the mean of both is what each candidate is compared with
    def again(what):
        fn = profile.webhook_breakdown if what == "webhook" else profile.worker_breakdown
        return fn(env, n=n * 5 if what == "webhook" else n)

    for what, patches in (
        ("worker", "quiet-twilio-log"),
        ("worker", "no-env-proxies"),
        ("worker", "quiet-twilio-log,no-env-proxies"),
    ):
        fn = profile.webhook_breakdown if what == "webhook" else profile.worker_breakdown
        r = fn(env, n=n * 5 if what == "webhook" else n, patches=patches)
        base = out[what]
        out["candidates"].append({"what": what, "patches": patches, "wall_ms": r["wall_ms"], "cpu_ms": r["cpu_ms"]})
        log(
            f"  {what} +{patches}: {r['wall_ms']:.2f} ms wall ({base['wall_ms']:.2f} base), "
            f"{r['cpu_ms']:.2f} ms CPU ({base['cpu_ms']:.2f} base)"
        )
    for what in sorted({c["what"] for c in out["candidates"]}):
        second = again(what)
        out[what + "_again"] = {"wall_ms": second["wall_ms"], "cpu_ms": second["cpu_ms"]}
        for c in out["candidates"]:
            if c["what"] == what:
                c["base_wall_ms"] = (out[what]["wall_ms"] + second["wall_ms"]) / 2
                c["base_cpu_ms"] = (out[what]["cpu_ms"] + second["cpu_ms"]) / 2
    return out


if __name__ == "__main__":
    raise SystemExit(main())
