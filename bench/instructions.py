"""Instructions per arrival on the worker's path, counted by valgrind's callgrind: a measure that does not move with
the machine's load, so a change can be judged by it on a shared machine where CPU time and latency can't.

    .venv/bin/python -m bench.instructions [--database postgresql|sqlite] [--n 150] [--warm 30] [--runs 1]
                                           [--prelude what_if.py] [--keep callgrind.out]

The worker's path is bench/profile.py's: N customers with a ready order each text "here spot K" and the worker
handles each text in this process (load state, understand, decide, apply in one transaction; then the two texts
sent to the Twilio stand-in and recorded, the escalation timer scheduled in Redis, the board notice published).
The texts are stored (as the webhook would) before counting starts; the first `--warm` arrivals run uncounted
(imports, caches, connections, compiled statements); only the next N are counted. The database server, Redis and
the stand-in are other processes: what is counted is the worker's own instructions (Python, SQLAlchemy, the
driver, the Twilio SDK, requests), which is what its CPU per arrival is made of.

Counting is switched on and off around the measured arrivals by callgrind's client requests, from a tiny C helper
built with the system's compiler against valgrind/callgrind.h; the rest of the run executes uninstrumented.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import stack

_HELPER_C = r"""
#include <valgrind/callgrind.h>
void arrivee_count_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void arrivee_count_stop(void) { CALLGRIND_DUMP_STATS_AT("measured"); CALLGRIND_STOP_INSTRUMENTATION; }
"""


def build_helper(directory: Path) -> Path:
    """The start/stop helper as a shared library (client requests are inline machine code: Python can't issue them)."""
    src, lib = directory / "count.c", directory / "count.so"
    src.write_text(_HELPER_C)
    subprocess.run(["cc", "-O1", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    return lib


def measure(
    env: stack.Env, db_kind: str, n: int, warm: int, prelude: str | None = None, keep: str | None = None
) -> dict:
    """One callgrind run of `warm` + `n` arrivals on a fresh database; the counted instructions of the last n.
    `prelude`: see child(); `keep`: where to copy callgrind's dump of the counted part (for callgrind_annotate)."""
    from . import arrivals

    work = Path(tempfile.mkdtemp(prefix="arrivee-instr-", dir=env.tmp))
    lib = build_helper(work)
    with stack.database(db_kind, env.tmp) as url:
        pop = arrivals.populate(url, warm + n)
        customers = work / "customers.json"
        customers.write_text(json.dumps(pop.customers))
        child_env = stack.app_env(env, url, stack.free_port(), "instr")
        child_env["PYTHONHASHSEED"] = "0"  # the same dict and set layouts each run: the same instructions
        out = work / "callgrind.out"
        argv = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "bench.instructions",
            "--child",
            str(customers),
            "--lib",
            str(lib),
            "--n",
            str(n),
            "--warm",
            str(warm),
            *(["--prelude", str(Path(prelude).resolve())] if prelude else []),
        ]
        done = subprocess.run(argv, cwd=stack.ROOT, env=child_env, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError("the counted run failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
        report = json.loads(done.stdout.strip().splitlines()[-1])
    dumps = [p for p in work.iterdir() if p.name.startswith("callgrind.out") and _has_trigger(p, "measured")]
    if len(dumps) != 1:
        names = sorted(p.name for p in work.iterdir())
        raise RuntimeError(f"expected one 'measured' dump in {names}: {done.stderr[-2000:]}")
    instructions = _total(dumps[0])
    if keep:
        shutil.copy(dumps[0], keep)
    shutil.rmtree(work, ignore_errors=True)
    return {"n": n, "warm": warm, "instructions": instructions, "per_arrival": instructions / n, **report}


def _has_trigger(path: Path, label: str) -> bool:
    with path.open(errors="replace") as f:
        for line in f:
            if line.startswith("desc: Trigger:"):
                return label in line
            if line.startswith("fn="):
                return False
    return False


def _total(path: Path) -> int:
    """The dump's total Ir (its `summary:` or `totals:` line)."""
    text = path.read_text(errors="replace")
    found = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
    if not found:
        raise RuntimeError(f"no summary line in {path}")
    return int(found.group(1))


def child(customers_file: str, lib_path: str, n: int, warm: int, prelude: str | None = None) -> None:
    """Runs inside valgrind: the worker's services as worker.py builds them, the texts stored, `warm` arrivals
    uncounted, then `n` counted. `prelude`: a Python file run once the services are built, with `svc` in its
    globals. Prints one JSON line: the sends and alerts seen (the path did its work)."""
    import logging

    from sqlalchemy import func, select

    import bot.usecases.inbound as inbound
    from bot.data.models import Message
    from bot.logs import MaskNumbers, configure_logging
    from bot.wiring import build
    from config.settings import load_settings

    customers = json.loads(Path(customers_file).read_text())
    lib = ctypes.CDLL(lib_path)
    handler = logging.FileHandler(Path(customers_file).with_name("worker.log"))
    handler.addFilter(MaskNumbers())
    logging.getLogger().handlers = [handler]
    configure_logging()  # as worker.py: INFO with numbers masked, the Twilio SDK's per-request lines left out
    logging.getLogger().setLevel(logging.INFO)
    svc = build(load_settings(), role="worker")
    if prelude:
        # A what-if, never the product: e.g. the sender replaced by a stub, to count what the Twilio SDK costs.
        exec(Path(prelude).read_text(), {"svc": svc})  # noqa: S102 - a file the person measuring names
    ids = [
        inbound.record_inbound(
            svc.db,
            inbound.InboundText(sid=f"SMinstr{i:025d}", from_addr=phone, to_addr=store, body=f"here spot {i % 60 + 1}"),
            svc.clock(),
        )
        for i, (phone, store, _order) in enumerate(customers)
    ]
    for mid in ids[:warm]:
        inbound.process_inbound(svc, mid)
    lib.arrivee_count_start()
    for mid in ids[warm : warm + n]:
        inbound.process_inbound(svc, mid)
    lib.arrivee_count_stop()
    with svc.db.read() as session:
        sent = session.scalar(select(func.count()).select_from(Message).where(Message.direction == "out"))
        processed = session.scalar(select(func.count()).select_from(Message).where(Message.status == "processed"))
    svc.db.dispose()
    print(json.dumps({"texts_sent": sent, "texts_processed": processed}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.instructions", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--warm", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--prelude", help="a Python file run in the worker's process before counting (svc in scope)")
    parser.add_argument("--keep", help="copy callgrind's dump of the counted part here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--lib", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.lib, args.n, args.warm, args.prelude)
        return 0
    if not shutil.which("valgrind") or not shutil.which("cc"):
        print("needs valgrind and a C compiler (apt-get install valgrind gcc)", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONHASHSEED", "0")
    with stack.Env() as env:
        env.start_standin()
        for run in range(args.runs):
            r = measure(env, args.database, args.n, args.warm, args.prelude, args.keep)
            print(
                f"{args.database} run {run + 1}: {r['per_arrival'] / 1e6:.3f} M instructions per arrival "
                f"({r['instructions']:,} over {r['n']} arrivals after {r['warm']} uncounted; "
                f"{r['texts_sent']} texts sent, {r['texts_processed']} processed)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
