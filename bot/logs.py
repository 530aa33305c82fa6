"""Logging for the web and worker processes: phone numbers masked in every line, tracebacks included.

Log calls already pass numbers through bot.phones.mask and never log a message body at INFO; this is the
safety net for what slips through (an exception's text, a library's message). Any E.164 number, or bare
run of 10 to 15 digits, keeps only its last four digits.
"""

from __future__ import annotations

import logging
import re

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

RQ_LOGGERS = ("rq.worker", "rq.job", "rq.queue", "rq.scheduler", "rq.registry")

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


def configure_logging(level: int = logging.INFO) -> None:
    """INFO to stderr with numbers masked. Idempotent: create_app may run more than once in a process."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
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
