"""gunicorn's access log with the secret part of board links masked (config/gunicorn.conf.py's logger_class), and
gunicorn's own lines as JSON when the app's are (LOG_FORMAT, bot/logs.py).

A board link (/board/<token>) is a store's shared secret: whoever has it sees the lot and can claim handoffs.
Access logs are kept longer and read by more people than the link is meant for, so the token never reaches
them: not in the request line, the path, nor the Referer the board's own requests carry.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

from ..logs import JsonLines, log_format

_BOARD_TOKEN = re.compile(r"(/board/)[^/?#\s\"]+")


def mask_board_tokens(text: str) -> str:
    return _BOARD_TOKEN.sub(r"\1…", text)


class AccessLog(Logger):
    """gunicorn's own logger; only the atoms of the access line are rewritten, and with LOG_FORMAT=json (the default
    in production) its error and access lines are JSON objects too, one per line, the access line as `msg`."""

    def setup(self, cfg):
        super().setup(cfg)
        if log_format() == "json":
            for logger in (self.error_log, self.access_log):
                for handler in logger.handlers:
                    handler.setFormatter(JsonLines())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not any("/board/" in environ.get(key, "") for key in ("RAW_URI", "PATH_INFO", "HTTP_REFERER")):
            return atoms  # nothing of a board link in this line: the webhook's lines cost no more than gunicorn's
        return {
            key: mask_board_tokens(value) if isinstance(value, str) and "/board/" in value else value
            for key, value in atoms.items()
        }
