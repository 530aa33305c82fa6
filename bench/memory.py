"""Memory: resident size of the web workers and of one worker process after N and 2N messages."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import func, select

from . import stack
from .arrivals import Load, populate
from .webhook import sign, twilio_form

# What each customer says, in turn: four different paths through understanding and the conversation.
SCRIPT = ["omw 10 min", "here spot {spot}", "still waiting?", "is my order ready?"]


def _processed(db) -> int:
    from bot.data.models import Message

    with db.read() as s:
        return s.scalar(
            select(func.count()).select_from(Message).where(Message.direction == "in", Message.status != "received")
        )


def run(
    env: stack.Env,
    messages: int = 20_000,
    checkpoints: tuple[int, ...] = (10_000, 20_000),
    rate: float = 150,
    db_kind: str = "sqlite",
    timeout: float = 1200,
    warm: int = 200,
    log=print,
) -> dict:
    from bot.data.db import Database

    customers = (messages + warm) // len(SCRIPT) + 1
    port = stack.free_port()
    out = {"messages": messages, "rate": rate, "database": db_kind, "samples": []}
    with stack.database(db_kind, env.tmp) as db_url:
        pop = populate(db_url, customers)
        environ = stack.app_env(env, db_url, port, "bench-" + uuid.uuid4().hex[:6])
        web = stack.Web(env, "bot:create_app()", environ, port, name="web-memory")
        [worker] = stack.start_workers(env, environ, 1)
        db = Database(db_url)
        try:
            web.wait()
            url = web.url + "/twilio/sms"
            forms = []
            n = 0
            for _turn, text in enumerate(SCRIPT):  # everyone's first text, then everyone's second...
                for i, (phone, store_number, _o) in enumerate(pop.customers):
                    if n >= messages + warm:
                        break
                    form = twilio_form(n, text.format(spot=i % 60 + 1), to=store_number, from_=phone)
                    forms.append((form, sign(url, form)))
                    n += 1

            def sample(label: str, processed: int) -> None:
                pids = web.worker_pids()
                s = {
                    "label": label,
                    "processed": processed,
                    "web_rss_mb": [round(stack.rss_mb(p), 1) for p in pids],
                    "worker_rss_mb": round(stack.rss_mb(worker.pid), 1),
                }
                out["samples"].append(s)
                log(f"  after {processed} messages: web workers {s['web_rss_mb']} MB, worker {s['worker_rss_mb']} MB")

            Load(url, forms[:warm], rate=min(rate, 100)).run()
            stack.wait_for(lambda: _processed(db) >= warm, 120, "warm-up", interval=0.5)
            sample("warm-up", warm)
            # the load goes on in the background; samples are taken as the worker passes each checkpoint
            import threading

            load = Load(url, forms[warm:], rate=rate)
            sender = threading.Thread(target=load.run, daemon=True)
            t0 = time.monotonic()
            sender.start()
            for mark in checkpoints:

                def reached(mark=mark):
                    if worker.poll() is not None:
                        raise RuntimeError("the worker exited:\n" + env.procs.log("worker0"))
                    return _processed(db) >= warm + mark

                try:
                    stack.wait_for(
                        reached, max(1.0, timeout - (time.monotonic() - t0)), f"{mark} messages", interval=0.5
                    )
                except RuntimeError as exc:
                    out["error"] = str(exc)[:300]
                    break
                sample(f"{mark}", mark)
            sender.join(timeout=max(1.0, timeout - (time.monotonic() - t0)))
            out["seconds"] = time.monotonic() - t0
            out["non200"] = sum(1 for s in load.status if s not in (0, 200))
        finally:
            env.procs.stop(worker)
            web.stop()
            db.dispose()
    s = out["samples"]
    if len(s) >= 3:
        out["web_growth_mb"] = max(s[-1]["web_rss_mb"]) - max(s[-2]["web_rss_mb"])
        out["worker_growth_mb"] = s[-1]["worker_rss_mb"] - s[-2]["worker_rss_mb"]
    return out
