"""Candidate fixes, prototyped as monkeypatches so that they can be measured without editing product code.

    BENCH_PATCHES=quiet-twilio-log,no-env-proxies python -m bench.variants worker   # a patched `python worker.py`
    gunicorn ... "bench.variants:webhook_app()"                                      # a patched web app

Each patch is the smallest change that shows the effect of one recommendation in docs/performance.md;
none of them is used by the product. (The webhook candidates measured earlier — store numbers cached per
process, INSERT first, SQLite writes serialised per process — are in the product since commit 159132c.)
"""

from __future__ import annotations

import logging
import os
import sys

DESCRIPTIONS = {
    "quiet-twilio-log": "twilio.http_client logger at WARNING (the SDK logs ~12 INFO lines per REST call)",
    "no-env-proxies": "requests session of the Twilio client with trust_env=False (no proxy/env scan per call)",
    "separate-rq-redis": "the RQ worker gets its own Redis client (RQ raises the pool's socket_timeout, "
    "the drain thread shares it)",
    "no-access-log": "gunicorn access log off",
    "drain-threads-4": "worker: 4 inbound drain threads instead of DRAIN_THREADS' default 16",
    "no-signal": "webhook: the text is stored but no worker is signalled (what the signal still costs; the "
    "sweeper would find the texts)",
    "no-group-commit": "webhook: each text in a transaction and an LPUSH of its own (the intake's batches of one), "
    "as before the group commit",
    "signature-only": "webhook: the signature is checked and empty TwiML returned, nothing stored or signalled "
    "(a floor: what the webhook costs without its durability)",
}


def _quiet_twilio_log() -> None:
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)


def _no_env_proxies() -> None:
    from bot.messaging import senders

    original = senders.TwilioSender.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        session = getattr(self.client.http_client, "session", None)
        if session is not None:
            session.trust_env = False

    senders.TwilioSender.__init__ = init


def _separate_rq_redis() -> None:
    import worker as worker_module
    from bot.wiring import make_redis
    from config.settings import load_settings

    name = "Worker" if hasattr(worker_module, "Worker") else "SimpleWorker"
    base = getattr(worker_module, name)

    class OwnConnectionWorker(base):
        def __init__(self, queues, connection=None, **kwargs):
            super().__init__(queues, connection=make_redis(load_settings()), **kwargs)

    setattr(worker_module, name, OwnConnectionWorker)


def _drain_threads(n: int):
    def patch() -> None:
        from bot.jobs import drain

        original = drain.start

        def start(*args, **kwargs):
            kwargs["threads"] = n
            return original(*args, **kwargs)

        drain.start = start

    return patch


def _no_signal() -> None:
    from bot.jobs.dispatch import RQDispatcher

    RQDispatcher.process_inbound = lambda self, message_id: None
    RQDispatcher.process_inbound_many = lambda self, message_ids: None


def _no_group_commit() -> None:
    from bot.web.intake import Intake

    original = Intake.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.max_batch = 1

    Intake.__init__ = init


def _signature_only() -> None:
    from bot.usecases import receiving

    receiving.receive_inbound = lambda svc, text: None
    import bot.web.twilio as twilio_views

    twilio_views.receive_inbound = receiving.receive_inbound


PATCHES = {
    "quiet-twilio-log": _quiet_twilio_log,
    "no-env-proxies": _no_env_proxies,
    "separate-rq-redis": _separate_rq_redis,
    "no-access-log": lambda: None,  # a gunicorn option (--access-logfile), applied by bench.stack.Web
    "drain-threads-4": _drain_threads(4),
    "no-signal": _no_signal,
    "no-group-commit": _no_group_commit,
    "signature-only": _signature_only,
}


def apply(names: str | None = None) -> list[str]:
    names = [n for n in (names if names is not None else os.environ.get("BENCH_PATCHES", "")).split(",") if n]
    for name in names:
        PATCHES[name]()
    return names


def webhook_app():
    """gunicorn entry point: the product's app with BENCH_PATCHES applied."""
    apply()
    from bot import create_app

    return create_app()


def main(argv: list[str]) -> int:
    if argv[:1] != ["worker"]:
        print(__doc__, file=sys.stderr)
        return 2
    sys.path.insert(0, os.getcwd())
    import worker

    apply()
    return worker.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
