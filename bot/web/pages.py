"""Plumbing shared by the browser pages (board, simulator): session cookie, CSRF, security headers, live streams."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, abort, jsonify, make_response, request, session
from flask.sessions import SecureCookieSessionInterface

if TYPE_CHECKING:
    from ..wiring import Services


log = logging.getLogger(__name__)

# Static files (CSS, JS) for every page: served from here, never from a CDN.
bp = Blueprint("pages", __name__, static_folder="static", static_url_path="/assets")

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"

# No inline script or style anywhere: page data travels in JSON blocks, which are never executed.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


# The check-in page (/c/) needs none either: its link is the capability, its form token derived from it.
NO_SESSION = ("/twilio/", "/api/", "/healthz", "/metrics", "/c/")


class PageSessions(SecureCookieSessionInterface):
    """Sessions (who is at the board, CSRF tokens) belong to the browser pages. Twilio's webhooks, the API, health
    and metrics never use one: theirs is an empty, read-only session, and no cookie is read or signed for them
    (one itsdangerous serializer less on every webhook)."""

    def open_session(self, app, request):
        if request.path.startswith(NO_SESSION):
            return self.null_session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    services = app.extensions["arrivee"]
    base = services.settings.public_base_url or ""
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=base.startswith("https://")
    )
    app.session_interface = PageSessions()
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.register_blueprint(bp)


@bp.after_request
def _static_headers(response):
    return secure_headers(response)


def csrf_token() -> str:
    """One token per browser session, sent back with every POST (form field or header)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """A before_request hook: any POST without this session's token is refused."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD) or ""
    expected = session.get("csrf") or ""
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        if request.accept_mimetypes.best == "application/json" or request.headers.get(CSRF_HEADER) is not None:
            abort(make_response(jsonify(error="csrf", message="missing or wrong CSRF token: reload the page"), 403))
        abort(403)


def secure_headers(response):
    """An after_request hook for page blueprints."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Board links carry their secret in the path: never leak it in a Referer.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def end_streams() -> None:
    """Ends every live stream of this process at once: called by gunicorn when the worker stops, so a deploy
    does not wait on open pages (they reconnect to the next worker)."""
    _ending.set()


def limit_streams(slots: int | None) -> None:
    """At most `slots` live streams at once in this process (None: no limit; 0: none, every page polls). gunicorn's gthread worker gives each
    request a thread of a fixed pool, and a stream holds its thread for its whole life: with every thread holding
    one, Twilio's webhooks would wait for a stream to end (bench/streams.py: 0 webhooks a second with 40 boards open
    on 2 workers of 16 threads). config/gunicorn.conf.py keeps half of each worker's threads for everything else."""
    global _slots
    _slots = None if slots is None else threading.BoundedSemaphore(slots) if slots else threading.Semaphore(0)


_ending = threading.Event()
_slots: threading.Semaphore | None = None
# How often a stream checks whether the server is stopping, between change notices.
_SLICE = 0.5
# A page whose stream found no slot free comes back after this long (EventSource's `retry`, in ms).
BUSY_RETRY_MS = 5000


def live_stream(svc: Services, store_id: int, version: Callable[[], str], seconds: float, poll: float) -> Iterator[str]:
    """Server-sent events: a `change` event whenever `version()` moves, woken by the store's change notices
    (Redis pub/sub) or, failing those, by polling every `poll` seconds. The stream ends after `seconds`,
    so it never holds a server thread for long; the browser's EventSource reconnects after `retry`.

    With every stream slot of the process taken (limit_streams), the answer is one `change` event (the page reads
    its state) and a later `retry`, at once: that page polls every BUSY_RETRY_MS until a slot is free. The slot is
    taken on the first step of the stream, not when the view returns it, so that a stream the server never starts
    holds none."""
    slots = _slots
    if slots is not None and not slots.acquire(blocking=False):
        yield f"retry: {BUSY_RETRY_MS}\n\nevent: change\ndata: busy\n\n"
        return
    try:
        yield from _stream(svc, store_id, version, seconds, poll)
    finally:
        if slots is not None:
            slots.release()


def _stream(svc: Services, store_id: int, version: Callable[[], str], seconds: float, poll: float) -> Iterator[str]:
    changes = svc.notices.subscribe(store_id)  # subscribe before the first read, so no change slips in between
    try:
        yield "retry: 1000\n\n"
        deadline = time.monotonic() + seconds
        last, woke, next_poll = None, True, 0.0
        while not _ending.is_set():
            now = time.monotonic()
            if woke or now >= next_poll:
                try:
                    current = version()
                except Exception:  # noqa: BLE001 - the database away: end the stream, the browser retries
                    log.warning("live stream of store %s stopped", store_id, exc_info=True)
                    return
                # A comment line keeps proxies from timing the stream out and tells us when the page left.
                yield f"event: change\ndata: {current}\n\n" if current != last else ": idle\n\n"
                last, next_poll = current, now + poll
            if now >= deadline:
                return
            woke = changes.wait(max(0.0, min(_SLICE, deadline - now, next_poll - now)))
    finally:
        changes.close()
