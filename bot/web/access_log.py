"""gunicorn's access log with the secret part of board and check-in links masked (config/gunicorn.conf.py's
logger_class).

A board link (/board/<token>) is a store's shared secret: whoever has it sees the lot and can claim handoffs; a
check-in link (/c/<token>) lets whoever has it say a customer has arrived. Access logs are kept longer and read by
more people than the links are meant for, so the token never reaches them: not in the request line, the path, nor
the Referer the board's own requests carry.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

_LINK_TOKEN = re.compile(r"(/board/|/c/)[^/?#\s\"]+")
_SECRET_PREFIXES = ("/board/", "/c/")


def mask_board_tokens(text: str) -> str:
    """The tokens of board and check-in links in `text`, masked."""
    return _LINK_TOKEN.sub(r"\1…", text)


def _has_link(value: str) -> bool:
    return any(prefix in value for prefix in _SECRET_PREFIXES)


class AccessLog(Logger):
    """gunicorn's own logger; only the atoms of the access line are rewritten."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not any(_has_link(environ.get(key, "")) for key in ("RAW_URI", "PATH_INFO", "HTTP_REFERER")):
            return atoms  # no secret link in this line: the webhook's lines cost no more than gunicorn's
        return {
            key: mask_board_tokens(value) if isinstance(value, str) and _has_link(value) else value
            for key, value in atoms.items()
        }
