"""Logging for the web and worker processes: phone numbers masked in every line, tracebacks included; one JSON
object per line in production (LOG_FORMAT=json), each carrying the trace id of the inbound text it is about.

Log calls already pass numbers through bot.phones.mask and never log a message body at INFO; this is the
safety net for what slips through (an exception's text, a library's message). Any E.164 number, or bare
run of 10 to 15 digits, keeps only its last four digits.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

RQ_LOGGERS = ("rq.worker", "rq.job", "rq.queue", "rq.scheduler", "rq.registry")

# The inbound text a line is about: its MessageSid, set by the webhook, the worker that processes it, the jobs that
# send its answers (RQ job meta) and the status callbacks of those answers (the callback URL's `trace`).
TRACE: ContextVar[str | None] = ContextVar("trace", default=None)


# Set in a request's WSGI environ by a view that logged the request in a line of its own (status and latency among
# its fields): gunicorn's access line for it would say nothing more (bot/web/access_log.py).
REQUEST_LOGGED = "arrivee.request_logged"


def current_trace() -> str | None:
    return TRACE.get()


@contextmanager
def traced(trace: str | None) -> Iterator[None]:
    """Lines logged inside carry `trace`; whatever a caller sets meanwhile (TRACE.set) ends with the block."""
    token = TRACE.set(trace)
    try:
        yield
    finally:
        TRACE.reset(token)


class JsonLines(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, trace (when there is one), exc (a traceback), and the
    record's `fields` (`extra={"fields": {...}}`: a request's status and latency, say), each a key of its own."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "pid": record.process,
        }
        trace = getattr(record, "trace", None) or TRACE.get()
        if trace:
            line["trace"] = trace
        fields = getattr(record, "fields", None)
        if fields:
            line.update(fields)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exc"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


class TextLines(logging.Formatter):
    """The development format, with the trace id after the level when there is one, and the record's `fields` as
    name=value after the message."""

    def format(self, record: logging.LogRecord) -> str:
        trace = TRACE.get()
        record.trace_part = f" [{trace}]" if trace else ""
        text = super().format(record)
        fields = getattr(record, "fields", None)
        if not fields:
            return text
        message, newline, traceback = text.partition("\n")
        return message + "".join(f" {name}={value}" for name, value in fields.items()) + newline + traceback


TEXT_FORMAT = "%(asctime)s %(levelname)s%(trace_part)s %(name)s: %(message)s"


def log_format(environ=None) -> str:
    """LOG_FORMAT (json or text); by default json when ARRIVEE_ENV=production, text otherwise."""
    env = os.environ if environ is None else environ
    chosen = (env.get("LOG_FORMAT") or "").strip().lower()
    if chosen in ("json", "text"):
        return chosen
    return "json" if (env.get("ARRIVEE_ENV") or "").lower() == "production" else "text"


_PHONE = re.compile(r"\+\d{6,15}\b|(?<![\w+])\d{10,15}(?!\w)")


def mask_numbers(text: str) -> str:
    return _PHONE.sub(lambda m: "…" + m.group(0)[-4:], text)


class MaskNumbers(logging.Filter):
    """A handler filter: rewrites the record's message and traceback text with numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: let the handler report it as usual
            return True
        record.msg, record.args = mask_numbers(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_numbers(record.stack_info)
        return True


def configure_logging(level: int = logging.INFO, fmt: str | None = None) -> None:
    """INFO to stderr with numbers masked, as JSON lines or text (log_format). Idempotent: create_app may run more
    than once in a process."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLines() if (fmt or log_format()) == "json" else TextLines(TEXT_FORMAT))
        root.addHandler(handler)
        root.setLevel(level)
    for handler in root.handlers:
        if not any(isinstance(f, MaskNumbers) for f in handler.filters):
            handler.addFilter(MaskNumbers())
    # RQ's worker logs through a handler of its own (a job's traceback among it): filtered where it's logged.
    for name in RQ_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskNumbers) for f in logger.filters):
            logger.addFilter(MaskNumbers())
    # The Twilio SDK logs every REST call's URL and headers at INFO (the account SID among them): noise
    # at best, so only its warnings are kept.
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)
    # Alembic 1.16+ names each of its plugins at INFO on every migration: seven lines ahead of what scripts/dev
    # has to say.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
