"""The webhook of two commits side by side, and the bare Flask app, in one run: rounds of bare, before, after
(interleaved, so a slow spell of a shared machine falls on all three), each on a fresh SQLite database with the
Procfile's gunicorn settings and the load of bench/webhook.py. The "before" tree is extracted from git.

    .venv/bin/python -m bench.before_after BEFORE_COMMIT [--rounds 5] [--seconds 6]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from . import machine, stack, webhook


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.before_after", description=__doc__)
    parser.add_argument("before")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    old = Path(tempfile.mkdtemp(prefix="arrivee-before-"))
    archive = subprocess.run(["git", "archive", args.before], cwd=stack.ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    conf = stack.gunicorn_conf()
    here = stack.ROOT
    runs: dict[str, list[dict]] = {"bare": [], "before": [], "after": []}
    out = {"before": args.before, "load_before": machine.loadavg(), "cpu_reference_ms": machine.cpu_reference_ms()}
    with stack.Env() as env:
        env.start_standin()
        port = stack.free_port()
        url = f"http://127.0.0.1:{port}/twilio/sms"
        main_file, warm = env.tmp / "m.txt", env.tmp / "w.txt"
        webhook.write_requests(main_file, url, int(7000 * args.seconds) + 1000)
        webhook.write_requests(warm, url, 15000, start=10_000_000)
        with stack.database("sqlite", env.tmp):
            pass  # the schema template, migrated by this tree (both trees' code runs on it)
        for r in range(args.rounds):
            web = stack.Web(
                env, "bench.bare_app:app", stack.app_env(env, "sqlite:///:memory:", port), port, name="bare"
            ).wait()
            try:
                webhook._load(url, warm, 2, 16)
                runs["bare"].append(webhook._measured(web, url, main_file, args.seconds, 16))
            finally:
                web.stop()
            for side, root in (("before", old), ("after", here)):
                stack.ROOT = root  # gunicorn runs in that tree: its bot/ and config/
                try:
                    runs[side].append(
                        webhook._ours(
                            env,
                            "sqlite",
                            port,
                            conf["worker_class"],
                            conf["threads"],
                            url,
                            warm,
                            main_file,
                            2,
                            args.seconds,
                            16,
                        )
                    )
                finally:
                    stack.ROOT = here
            b, x, y = runs["bare"][-1], runs["before"][-1], runs["after"][-1]
            print(
                f"round {r + 1}: bare {b['rps']:.0f} req/s ({b['cpu_ms_per_request']:.3f} ms CPU); before "
                f"{x['rps']:.0f} ({x['rps'] / b['rps']:.1%}, {x['cpu_ms_per_request']:.3f} ms, p99 "
                f"{x['p99_us'] / 1000:.1f} ms); after {y['rps']:.0f} ({y['rps'] / b['rps']:.1%}, "
                f"{y['cpu_ms_per_request']:.3f} ms, p99 {y['p99_us'] / 1000:.1f} ms)",
                flush=True,
            )
    out["load_after"] = machine.loadavg()
    for side in ("before", "after"):
        fr = [x["rps"] / b["rps"] for x, b in zip(runs[side], runs["bare"])]
        cpu = [b["cpu_ms_per_request"] / x["cpu_ms_per_request"] for x, b in zip(runs[side], runs["bare"])]
        out[side] = {
            "of_bare_median": statistics.median(fr),
            "of_bare_rounds": fr,
            "cpu_ratio_median": statistics.median(cpu),
            "cpu_ms_median": statistics.median(x["cpu_ms_per_request"] for x in runs[side]),
            "p99_ms_median": statistics.median(x["p99_us"] / 1000 for x in runs[side]),
            "rps_median": statistics.median(x["rps"] for x in runs[side]),
            "stored_equals_200s": all(x["stored"] >= x["answered_200"] for x in runs[side]),
        }
    out["bare"] = {
        "rps_median": statistics.median(x["rps"] for x in runs["bare"]),
        "cpu_ms_median": statistics.median(x["cpu_ms_per_request"] for x in runs["bare"]),
        "p99_ms_median": statistics.median(x["p99_us"] / 1000 for x in runs["bare"]),
    }
    text = json.dumps(out, indent=1)
    if args.json:
        args.json.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
