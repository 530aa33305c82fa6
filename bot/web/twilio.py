"""Twilio webhooks: inbound texts, delivery status callbacks and the voice call to a store's phone, all behind
signature checks.

Every request must carry a valid X-Twilio-Signature for the URL Twilio called: PUBLIC_BASE_URL + path
when set, else the request's own URL (corrected by ProxyFix when TRUSTED_PROXIES says proxies sit in
front). The key is Twilio's auth token, or without Twilio credentials (dev mode) one derived from
SECRET_KEY: there is no switch that turns the check off. A request that fails it gets 403 before
anything is read or stored.
"""

from __future__ import annotations

import logging
import re
import time
from functools import wraps
from http import HTTPStatus

from flask import Blueprint, Response, abort, request
from twilio.twiml.voice_response import Gather, VoiceResponse
from werkzeug.wsgi import get_current_url

from .. import telemetry
from ..core.calls import VOICE_LANGUAGES
from ..logs import REQUEST_LOGGED, traced
from ..phones import mask
from ..usecases.calls import press, script
from ..usecases.outbox import record_status
from ..usecases.receiving import InboundText, receive_inbound
from . import services
from .twilio_signature import TwilioForm, valid_signature

bp = Blueprint("twilio", __name__, url_prefix="/twilio")
log = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

# Twilio's SIDs are two letters and 32 hex digits; anything else is not from Twilio (and a NUL byte in
# one would make PostgreSQL fail the query).
_SID = re.compile(r"[A-Za-z]{2}[A-Za-z0-9]{1,62}")
_STATUS = re.compile(r"[a-z_]{1,20}")


def signed_url() -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path when set (behind a proxy), else the request's own."""
    base = services().settings.public_base_url
    if base:
        query = request.query_string.decode("latin-1")
        return f"{base}{request.path}" + (f"?{query}" if query else "")
    return request.url


def twilio_signed(view):
    """The view is called with the form (`form=`) once its signature checks out."""

    @wraps(view)
    def checked(*args, **kwargs):
        signature = request.headers.get("X-Twilio-Signature", "")
        try:
            form = TwilioForm.of_request()
        except ValueError:
            return _bad(f"more than {TwilioForm.MAX_FIELDS} form fields: not a Twilio webhook")
        # The whole multi-valued form, as Twilio signs it (a repeated field counts every value).
        if not signature or not valid_signature(services().webhook_token, signed_url(), form, signature):
            abort(403)
        return view(*args, form=form, **kwargs)

    return checked


def _clean(value: str | None) -> str:
    """NUL bytes can't be stored in PostgreSQL text and are never in a real text message."""
    return (value or "").replace("\x00", "")


def _bad(message: str) -> Response:
    return Response(message, status=400, mimetype="text/plain")


def timed(view):
    """The webhook's latency, signature check included, into arrivee_webhook_seconds."""

    @wraps(view)
    def timing(*args, **kwargs):
        started = request.environ.setdefault(STARTED, time.perf_counter())
        try:
            return view(*args, **kwargs)
        finally:
            services().telemetry.observe(telemetry.WEBHOOK, time.perf_counter() - started)

    return timing


@bp.post("/sms")
@timed
@twilio_signed
def inbound_sms(form: TwilioForm):
    """The requests InboundSmsFront leaves to Flask (no Content-Length, another content type, too large a body)."""
    status, body = take_text(services(), form, request.environ, request.environ[STARTED])
    return Response(body, mimetype="text/xml") if status == 200 else _bad(body)


def take_text(svc, form: TwilioForm, environ: dict, started: float) -> tuple[int, str]:
    """An inbound text whose signature checked out: stored durably and signalled (receive_inbound), then logged in
    one line that stands for the request's access line too (its status and latency, REQUEST_LOGGED). The answer's
    status and body: 200 and empty TwiML, or 400 and why."""
    sid = form.first("MessageSid") or form.first("SmsSid")
    from_addr, to_addr = _clean(form.first("From")).strip(), _clean(form.first("To")).strip()
    if not sid or not from_addr or not to_addr:
        return 400, "MessageSid, From and To are required"
    if not _SID.fullmatch(sid):
        return 400, "MessageSid is not a Twilio SID"
    with traced(sid):
        receive_inbound(
            svc,
            InboundText(
                sid=sid,
                from_addr=from_addr[:64],
                to_addr=to_addr[:64],
                body=_clean(form.first("Body")),
                media=_media(form),
            ),
        )
        fields = {
            "method": "POST",
            "path": environ.get("PATH_INFO"),
            "status": 200,
            "ms": round((time.perf_counter() - started) * 1000, 2),
            "remote": environ.get("REMOTE_ADDR"),
        }
        log.info("text received from %s", mask(from_addr), extra={"fields": fields})
    environ[REQUEST_LOGGED] = True
    return 200, EMPTY_TWIML


STARTED = "arrivee.started"  # perf_counter() when the webhook took the request, in its WSGI environ
_URLENCODED = "application/x-www-form-urlencoded"


class InboundSmsFront:
    """WSGI middleware that answers POST /twilio/sms itself, as the view above would, and passes every other request
    to Flask. The inbound-text webhook is the request a busy store sends most, and Flask's part of it (request
    context, routing over every rule, Request and Response objects, after_request hooks) cost 150 µs of CPU, more
    than storing the text (docs/performance.md). The same checks run here: signature over the URL Twilio called
    (signed_url's), the form's size, then take_text, and the answer carries the security headers create_app adds to
    every response. A request off the common path (no Content-Length, another content type, a body over the app's
    limit) goes to the Flask view, which answers it as before."""

    def __init__(self, app, svc, max_body: int):
        self.app, self.svc, self.max_body = app, svc, max_body
        self.path = bp.url_prefix + "/sms"
        from .. import SECURITY_HEADERS

        self.headers = [(name, value) for _lowered, name, value in SECURITY_HEADERS]
        self.hsts = [("Strict-Transport-Security", "max-age=31536000; includeSubDomains")]

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        environ[STARTED] = started
        if environ.get("PATH_INFO") != self.path or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        length = environ.get("CONTENT_LENGTH") or ""
        kind = (environ.get("CONTENT_TYPE") or "").partition(";")[0].strip().lower()
        if not (length.isascii() and length.isdigit()) or int(length) > self.max_body or kind != _URLENCODED:
            return self.app(environ, start_response)
        try:
            status, body, mimetype = self._answer(environ, int(length), started)
        except Exception:  # noqa: BLE001 - as Flask: logged with its traceback, answered 500
            log.exception("Exception on %s [POST]", self.path)
            status, body, mimetype = 500, "Internal Server Error", "text/plain"
        finally:
            self.svc.telemetry.observe(telemetry.WEBHOOK, time.perf_counter() - started)
        payload = body.encode()
        headers = [("Content-Type", f"{mimetype}; charset=utf-8"), ("Content-Length", str(len(payload)))]
        headers += self.headers
        if environ.get("wsgi.url_scheme") == "https":
            headers += self.hsts
        start_response(_STATUS_LINES[status], headers)
        return [payload]

    def _answer(self, environ, length: int, started: float) -> tuple[int, str, str]:
        try:
            form = TwilioForm.parse(environ["wsgi.input"].read(length))
        except ValueError:
            return 400, f"more than {TwilioForm.MAX_FIELDS} form fields: not a Twilio webhook", "text/plain"
        signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")
        if not signature or not valid_signature(self.svc.webhook_token, self._signed_url(environ), form, signature):
            return 403, "Forbidden", "text/plain"
        status, body = take_text(self.svc, form, environ, started)
        return status, body, "text/xml" if status == 200 else "text/plain"

    def _signed_url(self, environ) -> str:
        """signed_url() of this request, from its environ (ProxyFix, when on, has corrected it already)."""
        base = self.svc.settings.public_base_url
        query = environ.get("QUERY_STRING", "")
        if base:
            return f"{base}{self.path}" + (f"?{query}" if query else "")
        return get_current_url(environ)


_STATUS_LINES = {code: f"{code} {HTTPStatus(code).phrase.upper()}" for code in (200, 400, 403, 500)}


MAX_MEDIA = 10  # Twilio's own limit per message
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]{1,80}")


def _media(form: TwilioForm) -> tuple[tuple[str, str], ...]:
    """(URL, content type) of each attachment of an MMS/WhatsApp message (NumMedia, MediaUrlN,
    MediaContentTypeN); whatever is not an http(s) URL and a MIME type is left out."""
    count = form.first("NumMedia") or "0"
    if not (count.isascii() and count.isdigit()):
        return ()
    found = []
    for i in range(min(int(count), MAX_MEDIA)):
        url = _clean(form.first(f"MediaUrl{i}")).strip()
        kind = _clean(form.first(f"MediaContentType{i}")).strip().lower()
        if url.startswith(("https://", "http://")) and len(url) <= 1000 and _MEDIA_TYPE.fullmatch(kind):
            found.append((url, kind))
    return tuple(found)


@bp.post("/voice/calls/<int:call_id>")
@twilio_signed
def voice_call(call_id: int, form: TwilioForm):
    """The store's phone answered the call about a waiting customer (bot/usecases/calls.py): without Digits, what to
    say and a wait for one key; with Digits (Gather's answer, posted to the same URL), what the key did."""
    call_sid = form.first("CallSid") or ""
    if not _SID.fullmatch(call_sid):
        return _bad("CallSid is required")
    digits = form.first("Digits")
    svc = services()
    spoken = script(svc, call_id, call_sid) if digits is None else press(svc, call_id, call_sid, digits.strip())
    if spoken is None:
        abort(404)
    answer = VoiceResponse()
    voice = VOICE_LANGUAGES.get(spoken.language, "en-CA")
    if spoken.gather:
        gather = Gather(num_digits=1, action=request.path, method="POST", timeout=8)
        gather.say(spoken.text, language=voice)
        answer.append(gather)
        # No key within the wait: Twilio goes on to the next verb, the message once more; then the call ends.
        again = Gather(num_digits=1, action=request.path, method="POST", timeout=8)
        again.say(spoken.text, language=voice)
        answer.append(again)
    else:
        answer.say(spoken.text, language=voice)
    return Response(str(answer), mimetype="text/xml")


@bp.post("/status")
@twilio_signed
def status_callback(form: TwilioForm):
    sid = form.first("MessageSid") or form.first("SmsSid")
    status = (form.first("MessageStatus") or form.first("SmsStatus") or "").lower()
    if not sid or not status:
        return _bad("MessageSid and MessageStatus are required")
    if not _SID.fullmatch(sid) or not _STATUS.fullmatch(status):
        return _bad("MessageSid or MessageStatus is malformed")
    code = form.first("ErrorCode") or ""
    # ASCII digits only ("²".isdigit() is true), and small enough for an integer column.
    error_code = int(code) if code.isascii() and code.isdigit() and len(code) <= 9 else None
    # The inbound text this answered, as the worker put it in the callback URL (bot/usecases/outbox.py).
    trace = request.args.get("trace")
    with traced(trace if trace and _SID.fullmatch(trace) else None):
        log.info("status %s for %s%s", status, sid, f" (error {error_code})" if error_code else "")
        record_status(services(), sid, status, error_code)
    return Response("", status=204)
