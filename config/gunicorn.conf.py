"""gunicorn settings for the web process (Procfile `web`)."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
# Threads, not sync workers: each live board holds a server-sent-events stream (ended by the server after
# ~25 s, then reopened by the browser), which would otherwise take a whole worker.
worker_class = "gthread"
threads = 16
# Live streams may hold at most this share of a worker's threads; the rest always answer Twilio's webhooks and the
# pages. A board over the limit polls every 5 s instead (bot/web/pages.py, limit_streams). Without it, 32 open
# boards took every thread of 2 workers and the webhook answered nothing (docs/performance.md, bench/streams.py).
stream_share = 0.5
# Build the app once before forking: shared imports, and a settings error stops start-up at once.
preload_app = True
# gunicorn 27 opens a control socket at one fixed path per user: every gunicorn on a machine (web groups, tests,
# benches) would share it. Nothing here uses it.
control_socket_disable = True
timeout = 30
graceful_timeout = 20
accesslog = "-"
# gunicorn's own logger, with the token of board links (/board/<token>) masked in the access lines.
logger_class = "bot.web.access_log.AccessLog"


def post_worker_init(worker):
    """Live streams get at most `stream_share` of the worker's threads (none with one thread: a sync worker).
    On a graceful stop (SIGTERM: a deploy, a scale-down) end the live pages' event streams at once, so the
    worker does not wait out graceful_timeout on them; browsers reconnect to another worker."""
    import signal

    from bot.web.pages import end_streams, limit_streams

    threads = worker.cfg.threads if worker.cfg.worker_class_str == "gthread" else 1
    limit_streams(int(threads * stream_share))

    graceful = worker.handle_exit

    def handle_exit(sig, frame):
        end_streams()
        graceful(sig, frame)

    signal.signal(signal.SIGTERM, handle_exit)


def worker_int(worker):
    """Quick stop (SIGINT, SIGQUIT): the same, or the worker's threads would keep it alive."""
    from bot.web.pages import end_streams

    end_streams()
