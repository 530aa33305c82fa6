"""Where the time goes: the webhook and the worker's arrival path run in this process against a real
database, a private Redis and the Twilio stand-in, with timers wrapped around each phase (and, separately,
cProfile). Candidate fixes (bench/variants.py) can be applied first to measure their effect.

    .venv/bin/python -m bench.profile [--patches a,b] [--n 400]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import logging
import os
import pstats
import resource
import time
from collections import defaultdict

from . import stack


class PhaseTimer:
    """Wraps attributes (module functions or methods) to add up the wall time spent in each."""

    def __init__(self):
        self.total = defaultdict(float)
        self.cpu = defaultdict(float)
        self.calls = defaultdict(int)
        self.order: list[str] = []
        self._undo = []

    def wrap(self, owner, attr: str, name: str) -> None:
        original = getattr(owner, attr, None)
        if original is None:  # the product moved on: that phase is simply not shown
            return
        self.order.append(name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.cpu[name] += time.thread_time() - c
                self.total[name] += time.perf_counter() - t
                self.calls[name] += 1

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, original))

    def undo(self) -> None:
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()

    def reset(self) -> None:
        self.total.clear()
        self.cpu.clear()
        self.calls.clear()

    def per_item(self, n: int) -> dict[str, dict]:
        return {
            k: {"ms": self.total[k] / n * 1000, "cpu_ms": self.cpu[k] / n * 1000, "calls": self.calls[k] / n}
            for k in self.order
            if k in self.total
        }


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _top(profile: cProfile.Profile, n: int = 14) -> list[dict]:
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (path, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append({"function": f"{_short(path)}:{line}({func})", "calls": nc, "tottime": tt, "cumtime": ct})
    total = sum(r["tottime"] for r in rows) or 1
    rows.sort(key=lambda r: -r["tottime"])
    for r in rows:
        r["share"] = r["tottime"] / total
    return rows[:n]


def _short(path: str) -> str:
    for marker in ("site-packages/", "/lib/python3.11/", str(stack.ROOT) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def worker_breakdown(env: stack.Env, n: int = 400, patches: str = "", db_kind: str = "sqlite") -> dict:
    """Per-arrival time of the worker's path (decide, then send staff alert + customer ack inline)."""
    from . import arrivals, variants

    warm = 50
    with stack.database(db_kind, env.tmp) as url:
        pop = arrivals.populate(url, 2 * n + warm)
        saved = dict(os.environ)
        os.environ.update(stack.app_env(env, url, stack.free_port(), "prof"))
        try:
            import twilio.http
            from redis import Redis
            from requests import Session

            import bot.usecases.abuse as abuse
            import bot.usecases.delivery as delivery
            import bot.usecases.inbound as inbound
            import bot.usecases.outbox as outbox
            from bot.jobs.dispatch import RQDispatcher
            from bot.logs import MaskNumbers, configure_logging
            from bot.messaging.senders import TwilioSender
            from bot.notices import RedisNotices
            from bot.wiring import build
            from config.settings import load_settings

            root = logging.getLogger()
            old_handlers, old_level = root.handlers, root.level
            twilio_level = logging.getLogger("twilio.http_client").level
            handler = logging.FileHandler(env.tmp / "profile-worker.log")  # not this terminal
            handler.addFilter(MaskNumbers())
            root.handlers = [handler]
            # As worker.py does: INFO with numbers masked, and the Twilio SDK's per-request lines left out.
            configure_logging()
            root.setLevel(logging.INFO)
            applied = variants.apply(patches)
            svc = build(load_settings(), role="worker")
            ids = [
                inbound.record_inbound(
                    svc.db,
                    inbound.InboundText(
                        sid=f"SMprof{i:026d}", from_addr=phone, to_addr=store, body=f"here spot {i % 60 + 1}"
                    ),
                    svc.clock(),
                )
                for i, (phone, store, _o) in enumerate(pop.customers)
            ]
            for mid in ids[:warm]:
                inbound.process_inbound(svc, mid)
            timer = PhaseTimer()
            timer.wrap(inbound, "_process", "decide: load state, understand, decide, apply (1 transaction)")
            timer.wrap(abuse, "check", "  of which abuse counts (one query)")
            timer.wrap(inbound, "understand", "  of which understand()")
            timer.wrap(RedisNotices, "publish", "board notice (Redis PUBLISH)")
            timer.wrap(RQDispatcher, "schedule", "escalation timer (RQ enqueue_in)")
            timer.wrap(outbox, "send_claimed", "send 2 texts (claimed in the decision; REST calls, one record txn)")
            timer.wrap(delivery, "record_sent", "  of which recording both (1 transaction)")
            timer.wrap(TwilioSender, "send", "  of which Twilio REST calls (SDK + HTTP)")
            timer.wrap(Session, "merge_environment_settings", "    of which requests env/proxy scan")
            timer.wrap(twilio.http.HttpClient, "log_request", "    of which SDK request logging")
            timer.wrap(twilio.http.HttpClient, "log_response", "    of which SDK response logging")
            timer.wrap(Redis, "execute_command", "Redis commands (all)")
            timed = ids[warm : warm + n]
            t, c = time.perf_counter(), _cpu()
            for mid in timed:
                inbound.process_inbound(svc, mid)
            wall, cpu = time.perf_counter() - t, _cpu() - c
            phases = timer.per_item(n)
            timer.undo()
            prof = cProfile.Profile()
            prof.enable()
            for mid in ids[warm + n :]:
                inbound.process_inbound(svc, mid)
            prof.disable()
            svc.db.dispose()
        finally:
            os.environ.clear()
            os.environ.update(saved)
            root.handlers = old_handlers
            root.setLevel(old_level)
            logging.getLogger("twilio.http_client").setLevel(twilio_level)
            _undo_patches()
    return {
        "n": n,
        "patches": applied,
        "wall_ms": wall / n * 1000,
        "cpu_ms": cpu / n * 1000,
        "phases": phases,
        "top": _top(prof),
    }


def webhook_breakdown(env: stack.Env, n: int = 2000, patches: str = "", db_kind: str = "sqlite") -> dict:
    """Per-request time of POST /twilio/sms inside the app (no HTTP server; the WSGI call is timed)."""
    from twilio.request_validator import RequestValidator

    from . import variants, webhook

    warm = 200
    port = stack.free_port()
    with stack.database(db_kind, env.tmp) as url:
        webhook._make_store(url)
        saved = dict(os.environ)
        os.environ.update(stack.app_env(env, url, port, "prof"))
        try:
            import bot.usecases.receiving as receiving
            import bot.web.intake as intake
            import bot.web.twilio as web_twilio
            from bot import create_app
            from bot.jobs.dispatch import RQDispatcher

            applied = variants.apply(patches)
            app = create_app()
            app.config["PROPAGATE_EXCEPTIONS"] = True  # a failure shows its traceback, not a bare 500
            root = logging.getLogger()
            old_level = root.level
            root.setLevel(logging.WARNING)
            client = app.test_client()
            target = f"http://127.0.0.1:{port}/twilio/sms"
            forms = [webhook.twilio_form(i, f"here spot {i % 60 + 1}") for i in range(warm + 2 * n)]
            sigs = [webhook.sign(target, f) for f in forms]

            def post(i):
                r = client.post("/twilio/sms", data=forms[i], headers={"X-Twilio-Signature": sigs[i]})
                assert r.status_code == 200, r.status_code

            for i in range(warm):
                post(i)
            timer = PhaseTimer()
            timer.wrap(app, "wsgi_app", "whole request (WSGI: the webhook's front, form, signature, view)")
            timer.wrap(RequestValidator, "validate", "  signature check (HMAC-SHA1 over URL + sorted form)")
            timer.wrap(web_twilio, "valid_signature", "  signature check (HMAC-SHA1 over URL + sorted form)")
            timer.wrap(web_twilio, "receive_inbound", "  store and signal")
            timer.wrap(receiving, "inbound_row", "    the row: store lookup, sender's number")
            timer.wrap(receiving.StoreNumbers, "store_id", "      of which store lookup (cached per process)")
            timer.wrap(receiving, "to_e164", "      of which phone parsing (E.164 as given, else phonenumbers)")
            timer.wrap(
                intake.Intake, "_write", "    the intake's INSERT transaction and LPUSH (one client: batches of 1)"
            )
            timer.wrap(RQDispatcher, "process_inbound_many", "      of which signal: Redis LPUSH")
            t, c = time.perf_counter(), _cpu()
            for i in range(warm, warm + n):
                post(i)
            wall, cpu = time.perf_counter() - t, _cpu() - c
            phases = timer.per_item(n)
            timer.undo()
            prof = cProfile.Profile()
            prof.enable()
            for i in range(warm + n, warm + 2 * n):
                post(i)
            prof.disable()
            root.setLevel(old_level)
            app.extensions["arrivee"].db.dispose()
        finally:
            os.environ.clear()
            os.environ.update(saved)
            _undo_patches()
    return {
        "n": n,
        "patches": applied,
        "wall_ms": wall / n * 1000,
        "cpu_ms": cpu / n * 1000,
        "phases": phases,
        "top": _top(prof),
    }


def _undo_patches() -> None:
    """Patches are applied to freshly imported modules; forget them so the next run starts clean."""
    import sys

    for name in [m for m in sys.modules if m in ("bot", "worker") or m.startswith("bot.")]:
        del sys.modules[name]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--patches", default="")
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--what", choices=["worker", "webhook", "both"], default="both")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args(argv)
    with stack.Env() as env:
        env.start_standin()
        out = {}
        if args.what in ("webhook", "both"):
            out["webhook"] = webhook_breakdown(env, n=args.n * 5, patches=args.patches, db_kind=args.database)
        if args.what in ("worker", "both"):
            out["worker"] = worker_breakdown(env, n=args.n, patches=args.patches, db_kind=args.database)
    for name, result in out.items():
        print(
            f"== {name}: {result['wall_ms']:.2f} ms wall, {result['cpu_ms']:.2f} ms CPU per item "
            f"(patches: {','.join(result['patches']) or 'none'})"
        )
        for phase, v in result["phases"].items():
            print(f"   {v['cpu_ms']:7.3f} ms CPU {v['ms']:7.3f} ms wall  x{v['calls']:.1f}  {phase}")
        print("   top functions by own time (cProfile):")
        for r in result["top"]:
            print(f"   {r['share'] * 100:5.1f}%  {r['calls']:7d}  {r['function']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
