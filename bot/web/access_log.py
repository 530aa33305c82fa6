"""gunicorn's access log with the secret part of board, check-in and photo links masked (config/gunicorn.conf.py's
logger_class), and gunicorn's own lines as JSON when the app's are (LOG_FORMAT, bot/logs.py). A request the app
logged in a line of its own (an inbound text: its trace id, status and latency) gets no second line here.

A board link (/board/<token>) is a store's shared secret: whoever has it sees the lot and can claim handoffs; a
check-in link (/c/<token>) lets whoever has it say a customer has arrived. Access logs are kept longer and read by
more people than the links are meant for, so the token never reaches them: not in the request line, the path, nor
the Referer the board's own requests carry.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

from ..logs import REQUEST_LOGGED, JsonLines, log_format

_LINK_TOKEN = re.compile(r"(/board/|/c/|/photos/)[^/?#\s\"]+")
_SECRET_PREFIXES = ("/board/", "/c/", "/photos/")


def mask_board_tokens(text: str) -> str:
    """The tokens of board and check-in links in `text`, masked."""
    return _LINK_TOKEN.sub(r"\1…", text)


def _has_link(value: str) -> bool:
    return any(prefix in value for prefix in _SECRET_PREFIXES)


class AccessLog(Logger):
    """gunicorn's own logger; only the atoms of the access line are rewritten, and with LOG_FORMAT=json (the default
    in production) its error and access lines are JSON objects too, one per line, the access line as `msg`."""

    def setup(self, cfg):
        super().setup(cfg)
        if log_format() == "json":
            for logger in (self.error_log, self.access_log):
                for handler in logger.handlers:
                    handler.setFormatter(JsonLines())

    def access(self, resp, req, environ, request_time):
        # One line per inbound text, not two: formatting gunicorn's line cost 35-45 µs, a tenth of the webhook's
        # own CPU (docs/performance.md).
        if environ.get(REQUEST_LOGGED):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not any(_has_link(environ.get(key, "")) for key in ("RAW_URI", "PATH_INFO", "HTTP_REFERER")):
            return atoms  # no secret link in this line: the webhook's lines cost no more than gunicorn's
        return {
            key: mask_board_tokens(value) if isinstance(value, str) and _has_link(value) else value
            for key, value in atoms.items()
        }
