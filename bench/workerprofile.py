"""Where a whole `python worker.py` process spends its CPU under load: the scale-out stack (bench/arrivals.py's
run_case, PostgreSQL by default), with `py-spy record` attached to every worker process for the measured arrivals
only (not the warm-up), its samples folded into the parts docs/performance.md §5 names. py-spy (a dev tool,
requirements-dev.txt) samples every thread that is not idle; the shares are what to read, since the machine is
shared: absolute times move with its load.

    .venv/bin/python -m bench.workerprofile [--rate 100] [--count 1500] [--workers 2] [--db postgresql]
        [--out DIR]    # DIR/worker-<pid>.txt: py-spy's raw (collapsed) stacks, for speedscope or flamegraph.pl
"""

from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import arrivals, costs, stack

# (part, what in a stack marks it), first match wins; frames are "function (file:line)" from the stack's root.
PARTS = [
    ("timer: RQ enqueue_at (escalation)", ("enqueue_at", "schedule_escalation")),
    ("RQ: dequeue, job load, perform, finish", ("rq/worker", "rq/job.py", "rq/queue.py", "rq/registry.py")),
    ("drain: decision (inbound use case)", ("usecases/inbound.py", "usecases/apply.py", "usecases/receiving.py")),
    ("drain: sends (Twilio SDK, urllib3)", ("twilio/", "urllib3/", "messaging/senders.py", "twilio_http.py")),
    ("drain: recording sends, outbox", ("usecases/outbox.py",)),
    ("board notice, rate limit", ("notices.py", "ratelimit.py")),
    ("drain: polling, claiming texts", ("jobs/drain.py",)),
    ("clock thread (scheduled jobs)", ("jobs/scheduler.py",)),
    ("logging", ("logging/", "bot/logs.py")),
    ("metrics", ("telemetry.py",)),
]


def part_of(stack_line: str) -> str:
    for name, marks in PARTS:
        if any(m in stack_line for m in marks):
            return name
    return "other"


def fold(raw_files: list[Path]) -> tuple[collections.Counter, collections.Counter, int]:
    """(samples by part, samples by leaf library, total samples) over py-spy's raw output files."""
    parts: collections.Counter = collections.Counter()
    libs: collections.Counter = collections.Counter()
    total = 0
    for path in raw_files:
        for line in path.read_text(errors="replace").splitlines():
            stack_text, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            total += n
            parts[part_of(stack_text)] += n
            leaf = stack_text.rsplit(";", 1)[-1]
            libs[_library(leaf)] += n
    return parts, libs, total


def _library(frame: str) -> str:
    if "(" not in frame:
        return frame
    where = frame.rsplit("(", 1)[1]
    for marker in ("site-packages/", "python3.11/", "/work/"):
        if marker in where:
            rest = where.split(marker, 1)[1]
            return rest.split("/", 1)[0].split(".py", 1)[0].split(":", 1)[0]
    return where.split(":", 1)[0]


def _proc_counts(pid: int) -> dict:
    """A process's user and system CPU seconds, and its threads' context switches (voluntary: a thread blocked on
    a socket, a lock or the GIL; involuntary: preempted)."""
    import os

    out = {"user_s": 0.0, "sys_s": 0.0, "voluntary": 0, "involuntary": 0}
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        tick = os.sysconf("SC_CLK_TCK")
        out["user_s"], out["sys_s"] = int(fields[11]) / tick, int(fields[12]) / tick
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches"):
                        out["voluntary"] += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches"):
                        out["involuntary"] += int(line.split()[1])
    except OSError:
        pass
    return out


class ProfilingProbe(costs.Probe):
    """bench/costs.py's probe, which run_case makes as the measured load starts and reads when its alerts are in:
    py-spy records each worker process in between."""

    out: Path = Path(".")
    gil: bool = True
    syscalls: bool = False
    perf: bool = False
    spies: list[tuple[subprocess.Popen, Path]]

    def __init__(self, env, db_url, web, workers):
        super().__init__(env, db_url, web, workers)
        spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
        self.spies = []
        self.counts_before = [_proc_counts(p.pid) for p in workers]
        for p in workers:
            path = self.out / f"worker-{p.pid}.txt"
            argv = [spy, "record", "--pid", str(p.pid), "--format", "raw", "--rate", "200", "-o", str(path)]
            if self.gil:  # only the thread holding the GIL: Python's CPU, not threads blocked in a socket read
                argv.append("--gil")
            if self.syscalls:  # strace's count of system calls by name instead (it slows each call: counts only)
                path = self.out / f"syscalls-{p.pid}.txt"
                argv = ["strace", "-c", "-f", "-p", str(p.pid), "-o", str(path)]
            if self.perf:  # perf's CPU-clock samples: the kernel and the C libraries too, by shared object
                path = self.out / f"perf-{p.pid}.data"
                argv = ["perf", "record", "-e", "cpu-clock", "-F", "499", "-p", str(p.pid), "-o", str(path)]
            self.spies.append((subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), path))

    def per(self, n: int) -> dict:
        after = [_proc_counts(p.pid) for p in self.workers]
        self.counts = {
            k: sum(a[k] - b[k] for a, b in zip(after, self.counts_before)) / n for k in self.counts_before[0]
        }
        ProfilingProbe.last_counts = self.counts
        for proc, _ in self.spies:  # stop sampling before the probe's own 11 s settle
            proc.send_signal(signal.SIGINT)
        for proc, _ in self.spies:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        return super().per(n)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workerprofile", description=__doc__)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="postgresql")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--syscalls", action="store_true", help="strace -c the workers instead of py-spy")
    parser.add_argument("--perf", action="store_true", help="perf record the workers (by shared object) instead")
    parser.add_argument("--all-threads", action="store_true", help="sample every non-idle thread, not the GIL's")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="arrivee-workerprofile-"))
    out.mkdir(parents=True, exist_ok=True)
    ProfilingProbe.out, ProfilingProbe.gil, ProfilingProbe.syscalls = out, not args.all_threads, args.syscalls
    ProfilingProbe.perf = args.perf
    costs.Probe = ProfilingProbe  # run_case makes its probe through the module
    with stack.Env() as env:
        env.start_standin()
        r = arrivals.run_case(env, args.db, args.workers, args.rate, args.count, costs=True, drain_timeout=90)
    c = r.get("costs", {})
    k = getattr(ProfilingProbe, "last_counts", None)
    if k:
        print(
            f"worker processes per arrival, while loaded: user {k['user_s'] * 1000:.2f} ms, system "
            f"{k['sys_s'] * 1000:.2f} ms; context switches {k['voluntary']:.1f} voluntary, "
            f"{k['involuntary']:.1f} involuntary"
        )
    print(
        f"alerts {r['alerts']} of {args.count}, lost {r['lost']}; p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms; "
        f"worker CPU {c.get('worker_cpu_ms', float('nan')):.2f} ms per arrival; "
        f"Redis commands per arrival {c.get('redis_commands', float('nan')):.1f}: {c.get('redis_by_command')}"
    )
    if args.perf:
        for path in sorted(out.glob("perf-*.data")):
            report = subprocess.run(
                ["perf", "report", "-i", str(path), "--sort", "dso", "--stdio", "-q"],
                capture_output=True,
                text=True,
            )
            print(f"\n{path.name}, CPU samples by shared object:\n{report.stdout[:3000]}")
        return 0
    if args.syscalls:
        for path in sorted(out.glob("syscalls-*.txt")):
            print(f"\n{path.name}, calls per arrival (both workers together: divide by {args.count}):")
            print(path.read_text())
        return 0
    parts, libs, total = fold(sorted(out.glob("worker-*.txt")))
    print(f"\n{total} samples of {args.workers} worker processes (raw stacks in {out})")
    for name, n in parts.most_common():
        print(f"  {100 * n / max(total, 1):5.1f}%  {name}")
    print("\nby the library of the running frame:")
    for name, n in libs.most_common(15):
        print(f"  {100 * n / max(total, 1):5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
