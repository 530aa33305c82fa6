"""Scale out on one machine: arrivals spread over 500 stores at 100/s, web as the Procfile runs it (2 gunicorn
workers) and 2 `python worker.py` processes, on PostgreSQL; arrival -> staff alert handed to the Twilio stand-in,
alerts counted; and what each arrival cost every process and server (bench/costs.py), for docs/performance.md's
sizing of a chain.

    .venv/bin/python -m bench.scaleout [--rate 100] [--count 2000] [--workers 2] [--runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import arrivals, machine, stack


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaleout", description=__doc__)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default="postgresql")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    out = {"machine": machine.describe(), "gunicorn": stack.gunicorn_conf(), "runs": []}
    with stack.Env() as env:
        env.start_standin()
        for i in range(args.runs):
            load_before = machine.loadavg()
            r = arrivals.run_case(env, args.db, args.workers, args.rate, args.count, costs=True, drain_timeout=90)
            r["load_before"], r["load_after"] = load_before, machine.loadavg()
            out["runs"].append(r)
            print(
                f"run {i + 1}: load {load_before[0]:.1f} -> {r['load_after'][0]:.1f}; alerts {r['alerts']} of "
                f"{args.count}, lost {r['lost']}, non-200 {r['webhook_non200']}; p50 {r['p50_ms']:.0f} ms, "
                f"p99 {r['p99_ms']:.0f} ms, max {r['max_ms']:.0f} ms; costs {json.dumps(r.get('costs'))}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
