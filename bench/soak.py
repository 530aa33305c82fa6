"""Soak: arrivals through the real web and workers while workers are killed every few seconds and Redis restarts
once, empty; then the ledger: every arrival answered 200 must have given exactly one answer to the customer and
exactly one alert to staff. Reports lost and duplicated texts (both must be zero). Not part of CI.

    .venv/bin/python -m bench.soak                      # 10,000 arrivals, 2 workers, SQLite
    .venv/bin/python -m bench.soak --arrivals 500 --rate 40 --database-url postgresql://postgres@127.0.0.1:5432/test

Everything runs on 127.0.0.1 and is started and stopped by this script: a private redis-server, the Twilio stand-in
(tests/support/twilio_standin.py), gunicorn and `python worker.py` (tests/support/live.py). Every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import requests
from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.data.db import Database  # noqa: E402
from bot.data.models import Customer, Message, Order  # noqa: E402
from bot.usecases.roster import add_staff  # noqa: E402
from bot.usecases.stores import create_store  # noqa: E402
from config.settings import normalise_database_url  # noqa: E402
from tests.support.live import LiveStack, RedisServer  # noqa: E402

ORDER_BASE = 500_000
ORDER_RE = re.compile(r"\b(5\d{5})\b")


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def start_standin(workdir: Path) -> tuple[subprocess.Popen, SimpleNamespace]:
    out = open(workdir / "standin.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.twilio_standin", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=out,
        text=True,
    )
    info = json.loads(proc.stdout.readline())
    return proc, SimpleNamespace(url=info["url"], account_sid=info["account_sid"], auth_token=info["auth_token"])


def populate(url: str, arrivals: int, stores: int) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Stores with one on-duty staff member each, then one customer with one ready order per arrival (bulk: the
    'order ready' texts are not what this counts)."""
    db = Database(normalise_database_url(url))
    store_numbers, staff_phones, ids = [], [], []
    for s in range(stores):
        number = f"+1514555{1000 + s:04d}"
        store = create_store(db, f"Soak {s}", number, language="fr", escalation_seconds=3600)
        staff_phones.append(add_staff(db, store.id, f"Staff {s}", f"+1514666{s:04d}", language="fr").phone)
        store_numbers.append(number)
        ids.append(store.id)
    phones = [f"+1438{2000000 + i:07d}" for i in range(arrivals)]
    now = datetime.now(UTC)
    with db.write() as session:
        session.execute(
            insert(Customer),
            [
                {
                    "store_id": ids[i % stores],
                    "phone": p,
                    "name": f"Client{i} Soak",
                    "language": "fr",
                    "channel": "sms",
                    "opted_out": False,
                    "unreachable": False,
                }
                for i, p in enumerate(phones)
            ],
        )
        by_phone = dict(session.execute(select(Customer.phone, Customer.id)).all())
        session.execute(
            insert(Order),
            [
                {
                    "store_id": ids[i % stores],
                    "number": str(ORDER_BASE + i),
                    "customer_id": by_phone[p],
                    "customer_name": f"Client{i} Soak",
                    "language": "fr",
                    "status": "ready",
                    "created_at": now,
                    "ready_at": now,
                }
                for i, p in enumerate(phones)
            ],
        )
    db.dispose()
    return staff_phones, [(p, store_numbers[i % stores], str(ORDER_BASE + i)) for i, p in enumerate(phones)]


class Chaos(threading.Thread):
    """Kills a worker (SIGKILL) every `every` seconds, alternating, and starts a new one at once; restarts Redis
    (SIGKILL, then empty) once, at `redis_at` of the way through the arrivals."""

    def __init__(self, stack: LiveStack, redis: RedisServer, every: tuple[float, float], progress, redis_at: float):
        super().__init__(daemon=True)
        self.stack, self.redis, self.every, self.progress, self.redis_at = stack, redis, every, progress, redis_at
        self.stop = threading.Event()
        self.kills = 0
        self.redis_restarts = 0

    def run(self) -> None:
        while not self.stop.wait(random.uniform(*self.every)):
            if not self.redis_restarts and self.progress() >= self.redis_at:
                log("chaos: killing Redis; back, empty, in 2 s")
                self.redis.stop(signal.SIGKILL)
                time.sleep(2.0)
                self.redis.start()
                self.redis_restarts += 1
                continue
            alive = [w for w in self.stack.workers if w.poll() is None]
            if alive:
                self.stack.kill_worker(alive[0])
                self.kills += 1
            self.stack.start_worker()


def run(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="arrivee-soak-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'soak.sqlite3'}"
    if database_url.startswith("postgres"):
        schema = "soak_" + uuid.uuid4().hex[:8]
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        database_url += ("&" if "?" in database_url else "?") + f"options=-csearch_path%3D{schema}"
    redis = RedisServer(workdir / "redis").start()
    standin_proc, twilio = start_standin(workdir)
    env = {
        "SWEEP_AFTER_SECONDS": "5",
        "SWEEP_EVERY_SECONDS": "2",
        "TWILIO_TIMEOUT_SECONDS": "5",
        "SEND_RATE_PER_SECOND": str(args.send_rate),
        "WEB_CONCURRENCY": "2",
    }
    stack = LiveStack(database_url, twilio, workdir, redis_url=redis.url, env=env)
    chaos = None
    try:
        from bot.cli import migrate

        migrate(normalise_database_url(database_url))
        staff_phones, customers = populate(database_url, args.arrivals, args.stores)
        stack.start(workers=args.workers, migrate=False)
        log(f"stack up: web {stack.url}, {args.workers} workers, Redis {redis.url}, logs in {workdir}")

        sent = [0]
        answers: dict[str, Counter] = {}
        lock = threading.Lock()
        local = threading.local()

        def post(phone: str, store: str, sid: str) -> None:
            form = {
                "MessageSid": sid,
                "From": phone,
                "To": store,
                "Body": f"rendu place {random.randint(1, 60)}",
                "AccountSid": twilio.account_sid,
            }
            if not hasattr(local, "session"):
                local.session = requests.Session()
            s = local.session
            try:
                code = s.post(
                    stack.url + "/twilio/sms",
                    data=form,
                    timeout=30,
                    headers={"X-Twilio-Signature": stack.sign("/twilio/sms", form)},
                ).status_code
            except requests.RequestException as exc:
                code = type(exc).__name__
            with lock:
                answers.setdefault(sid, Counter())[code] += 1

        chaos = Chaos(stack, redis, (args.kill_min, args.kill_max), lambda: sent[0] / len(customers), 0.4)
        chaos.start()
        t0 = time.monotonic()
        sids: dict[str, tuple[str, str, str]] = {}
        with ThreadPoolExecutor(args.clients) as pool:
            for i, (phone, store, order) in enumerate(customers):
                due = t0 + i / args.rate
                if due > time.monotonic():
                    time.sleep(due - time.monotonic())
                sid = "SM" + uuid.uuid4().hex
                sids[sid] = (phone, store, order)
                pool.submit(post, phone, store, sid)
                if random.random() < args.redeliver:  # Twilio delivers it again, sometimes at the same moment
                    pool.submit(post, phone, store, sid)
                sent[0] = i + 1
                if (i + 1) % 1000 == 0:
                    log(f"{i + 1} arrivals sent; {chaos.kills} workers killed, Redis restarted {chaos.redis_restarts}x")
        send_seconds = time.monotonic() - t0
        chaos.stop.set()
        chaos.join(30)
        alive = [w for w in stack.workers if w.poll() is None]
        for _ in range(args.workers - len(alive)):
            stack.start_worker()
        log(f"all sent in {send_seconds:.0f} s; waiting for the backlog")

        db = Database(normalise_database_url(database_url))
        deadline = time.monotonic() + args.settle_timeout
        quiet_since, last = time.monotonic(), None
        while time.monotonic() < deadline:
            with db.read() as s:
                pending_in = s.scalar(
                    select(func.count())
                    .select_from(Message)
                    .where(Message.direction == "in", Message.status == "received")
                )
                pending_out = s.scalar(
                    select(func.count())
                    .select_from(Message)
                    .where(Message.direction == "out", Message.status.in_(("queued", "sending")))
                )
                done_out = s.scalar(select(func.count()).select_from(Message).where(Message.direction == "out"))
            now_state = (pending_in, pending_out, done_out)
            if now_state != last:
                last, quiet_since = now_state, time.monotonic()
            if pending_in == 0 and pending_out == 0 and time.monotonic() - quiet_since > 10:
                break
            time.sleep(2)
        settle_seconds = time.monotonic() - t0 - send_seconds
        at_twilio = requests.get(twilio.url + "/_standin/messages", timeout=120).json()["messages"]
        with db.read() as s:
            rows = s.execute(select(Message.direction, Message.status, Message.twilio_sid, Message.template)).all()
        db.dispose()
        return ledger(sids, answers, rows, at_twilio, set(staff_phones), chaos, args, send_seconds, settle_seconds)
    finally:
        if chaos is not None:
            chaos.stop.set()
        stack.stop(fast=True)
        standin_proc.terminate()
        standin_proc.wait(10)
        redis.stop()
        if database_url.startswith("postgres"):
            import psycopg

            with psycopg.connect(args.database_url, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def ledger(sids, answers, rows, at_twilio, staff_phones, chaos, args, send_seconds, settle_seconds) -> dict:
    ok = {sid for sid, codes in answers.items() if 200 in codes}
    stored_in = {sid for direction, _status, sid, _t in rows if direction == "in"}
    processed_in = {sid for direction, status, sid, _t in rows if direction == "in" and status == "processed"}
    out_sids = [sid for direction, _s, sid, _t in rows if direction == "out" and sid]
    acks = Counter(m["to"] for m in at_twilio if m["to"] not in staff_phones)
    alerts = Counter(
        match.group(1) for m in at_twilio if m["to"] in staff_phones and (match := ORDER_RE.search(m["body"] or ""))
    )
    lost_texts = dup_texts = 0
    for sid in ok:
        phone, _store, order = sids[sid]
        for n in (acks[phone], alerts[order]):  # the customer's answer, and the staff alert
            lost_texts += n == 0
            dup_texts += max(0, n - 1)
    unclaimed = [m for m in at_twilio if m["sid"] not in set(out_sids)]
    result = {
        "arrivals": len(sids),
        "redelivered": sum(sum(c.values()) for c in answers.values()) - len(answers),
        "answered_200": len(ok),
        "not_200": len(sids) - len(ok),
        "stored": len(stored_in & set(sids)),
        "processed": len(processed_in & set(sids)),
        "lost_arrivals": len(ok - processed_in),
        "texts_expected": 2 * len(ok),
        "texts_at_twilio": len(at_twilio),
        # per arrival answered 200: its customer's answer and its staff alert, each expected exactly once
        "lost_texts": lost_texts,
        "duplicated_texts": dup_texts,
        # cross-check: messages Twilio holds that no outbox row claims (each would be a second send)
        "unclaimed_at_twilio": len(unclaimed),
        "workers_killed": chaos.kills,
        "redis_restarts": chaos.redis_restarts,
        "workers": args.workers,
        "database": "postgresql" if (args.database_url or "").startswith("postgres") else "sqlite",
        "send_seconds": round(send_seconds, 1),
        "settle_seconds": round(settle_seconds, 1),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--arrivals", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="arrivals per second offered")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stores", type=int, default=10)
    parser.add_argument("--clients", type=int, default=16, help="concurrent webhook posters")
    parser.add_argument("--redeliver", type=float, default=0.03, help="share of texts Twilio delivers twice")
    parser.add_argument("--kill-min", type=float, default=3.0)
    parser.add_argument("--kill-max", type=float, default=6.0)
    parser.add_argument("--send-rate", type=float, default=20.0, help="SEND_RATE_PER_SECOND for the workers")
    parser.add_argument("--settle-timeout", type=float, default=600.0)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--out", type=Path, default=None, help="also write the result as JSON here")
    args = parser.parse_args(argv)
    result = run(args)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    clean = not (
        result["lost_texts"] or result["duplicated_texts"] or result["lost_arrivals"] or result["unclaimed_at_twilio"]
    )
    return 0 if clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
