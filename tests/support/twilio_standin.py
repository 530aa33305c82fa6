"""A stand-in for Twilio's Messages REST API, over real HTTP, that records what it is sent.

Why not Prism (which Twilio documents as its mock)? Prism validates requests against the
OpenAPI description but can neither echo what was sent nor answer with Twilio error codes
such as 21610 (unsubscribed) or 21211 (invalid number). This recorder validates the same
things that matter to our sender (required parameters read from the shared OpenAPI
description, `AC` + 32 hex account SID, HTTP basic auth), answers like Twilio does, records
every request, and lets a test script failures, slow answers and dropped connections.

In-process use (the usual case)::

    with TwilioStandIn() as twilio:
        client = Client(twilio.account_sid, twilio.auth_token,
                        http_client=RedirectingHttpClient(twilio.url))
        client.messages.create(to="+15145550123", from_="+15145550100", body="hi")
        [msg] = twilio.wait_for(1)
        assert msg["body"] == "hi"

As a separate process (for tests that drive the product in other processes)::

    python -m tests.support.twilio_standin --port 8765

It prints one JSON line (url, account_sid, auth_token, api_key_sid, api_key_secret) once it
listens, and is driven through `GET /_standin/messages`, `POST /_standin/fail` (a JSON object
with the keyword arguments of `fail_next`), `POST /_standin/reset` and `GET /_standin/health`.

It also holds MMS pictures (`add_media()` returns a MediaUrl as a webhook gives it; GET serves the bytes,
DELETE through the REST API removes them, `deleted_media()` lists what was deleted) and takes voice calls
(`POST .../Calls.json` with To, From and Url or Twiml, recorded: `calls()`, `wait_for_calls(n)`).

Fault injection (`fail_next`), all for the next `times` message creations, optionally only
those addressed `to` one number:
  - `fail_next(code=21610)`                  400 with Twilio code 21610, nothing sent
  - `fail_next(status=503)`                  503 / 20503, nothing sent
  - `fail_next(delay=5)`                     waits 5 s then answers 500: the client times out, nothing sent
  - `fail_next(accept=True, delay=5)`        records the message (Twilio sent it), answers 201 only after 5 s
  - `fail_next(accept=True, drop=True)`      records the message, then closes the connection unanswered
  - `fail_next(drop=True)`                   closes the connection unanswered, nothing sent
"""

from __future__ import annotations

import argparse
import base64
import binascii
import dataclasses
import email.utils
import functools
import json
import math
import os
import re
import signal
import socket
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Fixed, well-formed test credentials (never real ones).
TEST_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
TEST_AUTH_TOKEN = "fedcba9876543210" * 2
TEST_API_KEY_SID = "SK" + "0123456789abcdef" * 2
TEST_API_KEY_SECRET = "standin-api-key-secret"

ACCOUNT_SID_RE = re.compile(r"^AC[0-9a-fA-F]{32}$")
API_KEY_SID_RE = re.compile(r"^SK[0-9a-fA-F]{32}$")
# E.164, optionally behind a channel prefix (whatsapp:+1..., rcs:..., messenger:...).
ADDRESS_RE = re.compile(r"^(?:(?:whatsapp|rcs|messenger|sms):)?\+[1-9]\d{1,14}$")
ALPHANUMERIC_SENDER_RE = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")

MESSAGES_PATH = "/2010-04-01/Accounts/{AccountSid}/Messages.json"
CREATE_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
FETCH_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\.json$")
# A message's media: the picture itself (no extension, as in a webhook's MediaUrlN) or its JSON resource.
MEDIA_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)/Media/([^/.]+)(\.json)?$")
CALLS_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls.json"
CALLS_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Calls\.json$")
# The smallest PNG there is (1×1): what a stand-in MMS picture holds.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
ACCOUNT_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)\.json$")
NUMBERS_RE = re.compile(r"^/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\.json$")

# Twilio error code -> (HTTP status, message), as Twilio words them.
ERRORS: dict[int, tuple[int, str]] = {
    20001: (400, "Invalid parameter"),
    20003: (401, "Authenticate"),
    20404: (404, "The requested resource was not found"),
    20429: (429, "Too Many Requests"),
    20500: (500, "Internal Server Error"),
    20503: (503, "Service Unavailable"),
    21211: (400, "Invalid 'To' Phone Number"),
    21212: (400, "Invalid 'From' Number"),
    21266: (400, "'To' and 'From' number cannot be the same"),
    21408: (400, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number"),
    21602: (400, "Message body is required."),
    21603: (400, "A 'From' phone number is required."),
    21604: (400, "A 'To' phone number is required."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
    21612: (400, "The 'To' phone number is not currently reachable via SMS"),
    21614: (400, "'To' number is not a valid mobile number"),
    21617: (400, "The concatenated message body exceeds the 1600 character limit."),
    21701: (400, "The Messaging Service Sid is invalid."),
}
# Code Twilio uses for an HTTP status when a fault is scripted by status alone.
CODE_FOR_STATUS = {401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503}
# Code for a schema violation of a given parameter.
CODE_FOR_PARAM = {"To": 21211, "From": 21212, "MessagingServiceSid": 21701}

# Used when the shared OpenAPI description is not beside the repository.
FALLBACK_CREATE_SCHEMA: dict[str, Any] = {
    "required": ["To"],
    "properties": {
        "To": {"type": "string"},
        "From": {"type": "string"},
        "Body": {"type": "string"},
        "MediaUrl": {"type": "array", "items": {"type": "string"}},
        "StatusCallback": {"type": "string"},
        "MessagingServiceSid": {"type": "string", "pattern": "^MG[0-9a-fA-F]{32}$"},
        "ContentSid": {"type": "string", "pattern": "^HX[0-9a-fA-F]{32}$"},
        "ApplicationSid": {"type": "string", "pattern": "^AP[0-9a-fA-F]{32}$"},
        "ValidityPeriod": {"type": "integer"},
    },
}

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("\f^{}\\[~]|€")


def sms_segments(body: str) -> tuple[str, int]:
    """Encoding ("GSM-7" or "UCS-2") and number of SMS segments Twilio would bill for `body`."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in body):
        units = sum(2 if c in GSM7_EXTENSION else 1 for c in body)
        return "GSM-7", 1 if units <= 160 else math.ceil(units / 153)
    units = len(body.encode("utf-16-le")) // 2
    return "UCS-2", 1 if units <= 70 else math.ceil(units / 67)


def _openapi_path() -> Path | None:
    env = os.environ.get("TWILIO_OPENAPI")
    if env:
        return Path(env)
    # shared/ lies beside the repository (for developers and CI alike).
    candidate = Path(__file__).resolve().parents[3] / "shared" / "twilio" / "twilio_api_v2010.json"
    return candidate if candidate.is_file() else None


@functools.lru_cache(maxsize=1)
def create_message_schema() -> dict[str, Any]:
    """The `CreateMessage` form schema from Twilio's OpenAPI description, `$ref`s resolved."""
    path = _openapi_path()
    if path is None:
        return FALLBACK_CREATE_SCHEMA
    doc = json.loads(path.read_text(encoding="utf-8"))
    post = doc["paths"][MESSAGES_PATH]["post"]
    schema = post["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        return node

    return {
        "required": list(schema.get("required", [])),
        "properties": {name: resolve(prop) for name, prop in schema["properties"].items()},
    }


@functools.lru_cache(maxsize=1)
def create_call_required() -> list[str]:
    """The `CreateCall` form's required parameters, from Twilio's OpenAPI description."""
    path = _openapi_path()
    if path is None:
        return ["To", "From"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    schema = doc["paths"][CALLS_PATH]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    return list(schema.get("required", []))


def _schema_violation(name: str, values: list[str], prop: dict[str, Any]) -> str | None:
    """Why `values` don't fit the property schema `prop`, or None."""
    if prop.get("type") != "array" and len(values) > 1:
        values = values[-1:]
    item = prop.get("items", {}) if prop.get("type") == "array" else prop
    for value in values:
        kind = item.get("type", "string")
        if kind == "integer" and not re.fullmatch(r"-?\d+", value):
            return f"{name} must be an integer"
        if kind == "number":
            try:
                float(value)
            except ValueError:
                return f"{name} must be a number"
        if kind == "boolean" and value.lower() not in ("true", "false"):
            return f"{name} must be true or false"
        if "enum" in item and value not in item["enum"]:
            return f"{name} must be one of {', '.join(item['enum'])}"
        if "pattern" in item and not re.search(item["pattern"], value):
            return f"{name} does not match {item['pattern']}"
        if "minLength" in item and len(value) < item["minLength"]:
            return f"{name} is shorter than {item['minLength']}"
        if "maxLength" in item and len(value) > item["maxLength"]:
            return f"{name} is longer than {item['maxLength']}"
    return None


@dataclasses.dataclass
class Fault:
    """A scripted answer for the next `times` message creations (optionally only to `to`)."""

    times: int = 1
    status: int | None = None
    code: int | None = None
    to: str | None = None
    delay: float = 0.0
    accept: bool = False
    drop: bool = False
    message: str | None = None

    def __post_init__(self) -> None:
        if self.status is None:
            self.status = ERRORS[self.code][0] if self.code in ERRORS else (400 if self.code else 500)
        if self.code is None:
            self.code = CODE_FOR_STATUS.get(self.status)
        if self.times < 1:
            raise ValueError("times must be at least 1")

    def describe(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "times"}


class _Rejection(Exception):
    def __init__(self, code: int | None, detail: str | None = None, status: int | None = None):
        base_status, message = ERRORS.get(code, (status or 400, "Error"))
        self.code, self.status = code, status or base_status
        self.message = f"{message.rstrip('.')}: {detail}" if detail else message
        super().__init__(self.message)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    standin: TwilioStandIn

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and left (the point of a scripted delay) is no error.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, like api.twilio.com
    timeout = 60  # idle keep-alive connections end eventually

    # -- plumbing -------------------------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.standin._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.standin._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.server.standin.verbose:
            super().log_message(format, *args)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send_json(self, status: int, payload: Any, extra_headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Twilio-Request-Id", "RQ" + uuid.uuid4().hex)
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, rejection: _Rejection) -> None:
        self._send_json(
            rejection.status,
            {
                "code": rejection.code,
                "message": rejection.message,
                "more_info": f"https://www.twilio.com/docs/errors/{rejection.code}",
                "status": rejection.status,
            },
        )

    def _drop(self) -> None:
        """Close the connection without answering (as a network failure would)."""
        self.close_connection = True

    def _auth_user(self, path_sid: str) -> str:
        """Check HTTP basic auth; return the user name or raise a 401 rejection."""
        standin = self.server.standin
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            raise _Rejection(20003, "no HTTP basic credentials")
        try:
            user, _, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise _Rejection(20003, "malformed credentials") from None
        if user == standin.account_sid and password == standin.auth_token:
            if path_sid != user:
                raise _Rejection(20003, "the credentials are not for account " + path_sid)
            return user
        if API_KEY_SID_RE.match(user) and user == standin.api_key_sid and password == standin.api_key_secret:
            if path_sid != standin.account_sid:
                raise _Rejection(20003, "the API key is not for account " + path_sid)
            return user
        raise _Rejection(20003, "invalid username or password")

    # -- routes ---------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        standin = self.server.standin
        url = urlsplit(self.path)
        self._read_body()
        if url.path == "/_standin/messages":
            self._send_json(200, {"messages": standin.messages(), "rejected": standin.rejected()})
        elif url.path == "/_standin/health":
            self._send_json(200, {"ok": True, "account_sid": standin.account_sid})
        elif url.path == "/_standin/calls":
            self._send_json(200, {"calls": standin.calls()})
        elif url.path == "/_standin/media":
            self._send_json(200, {"deleted": standin.deleted_media()})
        elif match := MEDIA_RE.match(url.path):
            self._with_auth(match.group(1), lambda: self._media(url.path, bool(match.group(4))))
        elif match := FETCH_RE.match(url.path):
            self._with_auth(match.group(1), lambda: self._fetch(match.group(2)))
        elif match := ACCOUNT_RE.match(url.path):
            if standin.account_refusal is not None:  # e.g. an API key without the rights to read the account
                self._send_error(_Rejection(standin.account_refusal[1], status=standin.account_refusal[0]))
            else:
                self._with_auth(match.group(1), lambda: self._send_json(200, standin._account()))
        elif match := NUMBERS_RE.match(url.path):
            self._with_auth(match.group(1), lambda: self._numbers(parse_qs(url.query)))
        elif match := CREATE_RE.match(url.path):
            self._with_auth(match.group(1), lambda: self._list(parse_qs(url.query)))
        else:
            self._send_error(_Rejection(20404, url.path))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        standin = self.server.standin
        url = urlsplit(self.path)
        body = self._read_body()
        if url.path == "/_standin/reset":
            standin.reset()
            self._send_json(200, {"ok": True})
        elif url.path == "/_standin/fail":
            try:
                standin.fail_next(**json.loads(body or b"{}"))
            except (TypeError, ValueError) as exc:
                self._send_json(400, {"ok": False, "error": str(exc)})
            else:
                self._send_json(200, {"ok": True})
        elif url.path == "/_standin/media":
            kind = json.loads(body or b"{}").get("content_type", "image/png")
            self._send_json(200, {"url": standin.add_media(kind)})
        elif match := CREATE_RE.match(url.path):
            self._create(match.group(1), body)
        elif match := CALLS_RE.match(url.path):
            self._with_auth(match.group(1), lambda: self._create_call(match.group(1), body))
        else:
            self._send_error(_Rejection(20404, url.path))

    def do_DELETE(self) -> None:  # noqa: N802 - stdlib name
        self._read_body()
        path = urlsplit(self.path).path
        if match := MEDIA_RE.match(path):
            self._with_auth(match.group(1), lambda: self._delete_media(path))
        else:
            self._send_error(_Rejection(20404, path))

    # -- media and calls (MMS pictures customers send; the voice call to a store's landline) ---
    def _media(self, path: str, as_json: bool) -> None:
        found = self.server.standin._media_at(path)
        if found is None:
            self._send_error(_Rejection(20404, path))
        elif as_json:
            self._send_json(200, {"sid": path.rsplit("/", 1)[-1].removesuffix(".json"), "content_type": found[0]})
        else:
            kind, data = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def _delete_media(self, path: str) -> None:
        if not self.server.standin._forget_media(path):
            self._send_error(_Rejection(20404, path))
            return
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _create_call(self, account_sid: str, raw_body: bytes) -> None:
        """Twilio's Calls API: To and From, and what to say as Url (a TwiML webhook) or Twiml; validated against
        the shared OpenAPI description's required parameters."""
        params = parse_qs(raw_body.decode("utf-8"), keep_blank_values=True)

        def one(name: str) -> str | None:
            values = [v for v in params.get(name, []) if v != ""]
            return values[-1] if values else None

        for name in create_call_required():
            if one(name) is None:
                self._send_error(_Rejection(21604 if name == "To" else 21603 if name == "From" else 20001))
                return
        if not (one("Url") or one("Twiml") or one("ApplicationSid")):
            self._send_error(_Rejection(20001, "Url, Twiml or ApplicationSid is required"))
            return
        if not ADDRESS_RE.match(one("To") or ""):
            self._send_error(_Rejection(21211, one("To")))
            return
        self._send_json(201, self.server.standin._accept_call(account_sid, params, one))

    def _with_auth(self, path_sid: str, answer: Any) -> None:
        try:
            self._auth_user(path_sid)
            if not ACCOUNT_SID_RE.match(path_sid):
                raise _Rejection(20404, self.path)
        except _Rejection as rejection:
            self._send_error(rejection)
        else:
            answer()

    def _fetch(self, sid: str) -> None:
        resource = self.server.standin._resource(sid)
        if resource is None:
            self._send_error(_Rejection(20404, self.path))
        else:
            self._send_json(200, resource)

    def _list(self, query: dict[str, list[str]]) -> None:
        resources = [
            r
            for r in reversed(self.server.standin._resources_list())
            if all(r.get(k.lower()) == v[-1] for k, v in query.items() if k in ("To", "From"))
        ]
        self._send_json(
            200,
            {
                "messages": resources,
                "start": 0,
                "end": max(len(resources) - 1, 0),
                "page": 0,
                "page_size": 50,
                "uri": self.path,
                "first_page_uri": self.path,
                "next_page_uri": None,
                "previous_page_uri": None,
            },
        )

    def _numbers(self, query: dict[str, list[str]]) -> None:
        """IncomingPhoneNumbers, filtered by PhoneNumber as Twilio does (one page: tests own a handful)."""
        wanted = query.get("PhoneNumber", [None])[-1]
        numbers = [n for n in self.server.standin._numbers_list() if wanted is None or n["phone_number"] == wanted]
        self._send_json(
            200,
            {
                "incoming_phone_numbers": numbers,
                "start": 0,
                "end": max(len(numbers) - 1, 0),
                "page": 0,
                "page_size": 50,
                "uri": self.path,
                "first_page_uri": self.path,
                "next_page_uri": None,
                "previous_page_uri": None,
            },
        )

    def _create(self, path_sid: str, raw_body: bytes) -> None:
        standin = self.server.standin
        content_type = self.headers.get("Content-Type", "")
        params = (
            parse_qs(raw_body.decode("utf-8"), keep_blank_values=True)
            if content_type.startswith("application/x-www-form-urlencoded")
            else {}
        )

        def one(name: str) -> str | None:
            values = [v for v in params.get(name, []) if v != ""]
            return values[-1] if values else None

        record: dict[str, Any] = {
            "to": one("To"),
            "from": one("From"),
            "body": one("Body"),
            "messaging_service_sid": one("MessagingServiceSid"),
            "media_url": [v for v in params.get("MediaUrl", []) if v],
            "content_sid": one("ContentSid"),
            "status_callback": one("StatusCallback"),
            "params": {k: v if len(v) > 1 else v[0] for k, v in params.items()},
            "idempotency_key": (self.headers.get("Idempotency-Key") or self.headers.get("I-Twilio-Idempotency-Token")),
            "headers": {k: v for k, v in self.headers.items() if k.lower() != "authorization"},
            "auth_user": None,
            "received_monotonic": time.monotonic(),
            "received_at": time.time(),
        }
        try:
            record["auth_user"] = self._auth_user(path_sid)
            if not ACCOUNT_SID_RE.match(path_sid):
                raise _Rejection(20404, self.path)
            self._validate(params, record)
        except _Rejection as rejection:
            standin._reject(record, rejection.status, rejection.code, rejection.message, reason="invalid")
            self._send_error(rejection)
            return

        fault = standin._take_fault(record["to"])
        if fault is None:
            self._send_json(201, standin._accept(record, path_sid))
            return
        record["fault"] = fault.describe()
        if fault.accept:
            resource = standin._accept(record, path_sid)  # Twilio did send it ...
            if fault.delay:
                standin._sleep(fault.delay)  # ... but answers late ...
            if fault.drop:
                self._drop()  # ... or never.
            else:
                self._send_json(201, resource)
            return
        rejection = _Rejection(fault.code, status=fault.status)
        if fault.message:
            rejection.message = fault.message
        standin._reject(
            record, rejection.status, rejection.code, rejection.message, reason="dropped" if fault.drop else "injected"
        )
        if fault.delay:
            standin._sleep(fault.delay)
        if fault.drop:
            self._drop()
        else:
            self._send_error(rejection)

    def _validate(self, params: dict[str, list[str]], record: dict[str, Any]) -> None:
        """Refuse what Twilio would refuse, in the order it checks."""
        schema = create_message_schema()
        for name in schema["required"]:
            if not any(params.get(name, [])):
                raise _Rejection(21604 if name == "To" else 20001, None if name == "To" else f"{name} is required")
        if not (record["from"] or record["messaging_service_sid"]):
            raise _Rejection(21603)
        if not (record["body"] or record["media_url"] or record["content_sid"]):
            raise _Rejection(21602)
        for name, values in params.items():
            prop = schema["properties"].get(name)
            values = [v for v in values if v != ""]
            if prop is None or not values:
                continue  # Twilio ignores parameters it doesn't know
            problem = _schema_violation(name, values, prop)
            if problem:
                raise _Rejection(CODE_FOR_PARAM.get(name, 20001), problem)
        to, from_ = record["to"], record["from"]
        if not ADDRESS_RE.match(to):
            raise _Rejection(21211, to)
        if from_ and not (ADDRESS_RE.match(from_) or ALPHANUMERIC_SENDER_RE.match(from_)):
            raise _Rejection(21212, from_)
        if from_ and to == from_:
            raise _Rejection(21266, to)
        if record["body"] and len(record["body"]) > 1600:
            raise _Rejection(21617)


class TwilioStandIn:
    """A recorder server that answers like Twilio's Messages API. See the module docstring."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        account_sid: str = TEST_ACCOUNT_SID,
        auth_token: str = TEST_AUTH_TOKEN,
        api_key_sid: str = TEST_API_KEY_SID,
        api_key_secret: str = TEST_API_KEY_SECRET,
        verbose: bool = False,
    ) -> None:
        if not ACCOUNT_SID_RE.match(account_sid):
            raise ValueError("account_sid must be AC + 32 hex digits")
        self.host, self.port = host, port
        self.account_sid, self.auth_token = account_sid, auth_token
        self.api_key_sid, self.api_key_secret = api_key_sid, api_key_secret
        self.verbose = verbose
        self._cond = threading.Condition()
        self._accepted: list[dict[str, Any]] = []
        self._rejected: list[dict[str, Any]] = []
        self._resources: dict[str, dict[str, Any]] = {}
        self._faults: list[Fault] = []
        self._media: dict[str, tuple[str, bytes]] = {}  # path -> (content type, bytes)
        self._deleted_media: list[str] = []
        self._calls: list[dict[str, Any]] = []
        # The account's own resources, for `doctor`: its status, and its numbers with their webhooks.
        self.account_status = "active"
        self.account_refusal: tuple[int, int] | None = None  # (HTTP status, code) for GET Accounts, when set
        self._numbers: dict[str, dict[str, Any]] = {}
        self._connections: set[Any] = set()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle -----------------------------------------------------------------------
    def start(self) -> TwilioStandIn:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self.host, self.port), _Handler)
        self._server.standin = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="twilio-standin", kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()  # wakes scripted delays
        self._server.shutdown()
        self._server.server_close()
        with self._cond:  # close kept-alive connections, so a stopped stand-in really is gone
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> TwilioStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not started")
        return f"http://{self.host}:{self.port}"

    # -- what tests read ------------------------------------------------------------------
    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        """Accepted (sent) messages, oldest first; copies."""
        with self._cond:
            return [dict(m) for m in self._accepted if to is None or m["to"] == to]

    def rejected(self) -> list[dict[str, Any]]:
        """Refused requests (bad auth, invalid, or a scripted failure), oldest first; copies."""
        with self._cond:
            return [dict(m) for m in self._rejected]

    def wait_for(self, count: int, timeout: float = 5.0, to: str | None = None) -> list[dict[str, Any]]:
        """Block until at least `count` messages (to `to`, if given) were accepted; return them all."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [dict(m) for m in self._accepted if to is None or m["to"] == to]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    summary = [(m["to"], m["body"]) for m in found]
                    refused = [(m["to"], m["code"], m["reason"]) for m in self._rejected]
                    raise AssertionError(
                        f"expected {count} message(s){' to ' + to if to else ''} within {timeout}s, "
                        f"got {len(found)}: {summary}; rejected: {refused}"
                    )
                self._cond.wait(left)

    def add_media(self, content_type: str = "image/png", data: bytes = PIXEL_PNG) -> str:
        """A picture as Twilio holds one an MMS brought in; its URL, as a webhook's MediaUrlN gives it."""
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages/MM{uuid.uuid4().hex}/Media/ME{uuid.uuid4().hex}"
        with self._cond:
            self._media[path] = (content_type, data)
        return self.url + path

    def deleted_media(self) -> list[str]:
        """URLs of the pictures deleted through the REST API, oldest first."""
        with self._cond:
            return [self.url + p for p in self._deleted_media]

    def calls(self) -> list[dict[str, Any]]:
        """Calls placed (Calls API), oldest first; copies."""
        with self._cond:
            return [dict(c) for c in self._calls]

    def wait_for_calls(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._calls) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} call(s) within {timeout}s, got {len(self._calls)}")
                self._cond.wait(left)
            return [dict(c) for c in self._calls]

    # -- what tests script ----------------------------------------------------------------
    def fail_next(
        self,
        times: int = 1,
        status: int | None = None,
        code: int | None = None,
        to: str | None = None,
        delay: float = 0.0,
        accept: bool = False,
        drop: bool = False,
        message: str | None = None,
    ) -> None:
        """Script the answer to the next `times` message creations (only those to `to`, if given).

        `status` defaults to the code's usual status (400 for 21610/21211/21614...), else 500;
        `code` defaults to Twilio's code for the status (500 -> 20500, 503 -> 20503, 429 -> 20429).
        `delay` waits before answering; `accept=True` records the message as sent first (a
        timeout after Twilio did send); `drop=True` closes the connection instead of answering.
        Scripts are used in the order given.
        """
        fault = Fault(
            times=int(times),
            status=status,
            code=code,
            to=to,
            delay=float(delay),
            accept=bool(accept),
            drop=bool(drop),
            message=message,
        )
        with self._cond:
            self._faults.append(fault)

    def add_number(self, phone_number: str, sms_url: str = "", sms_method: str = "POST") -> None:
        """Give the account a phone number whose incoming texts Twilio posts to `sms_url` (IncomingPhoneNumbers)."""
        sid = "PN" + uuid.uuid4().hex
        with self._cond:
            self._numbers[phone_number] = {
                "sid": sid,
                "account_sid": self.account_sid,
                "phone_number": phone_number,
                "friendly_name": phone_number,
                "sms_url": sms_url,
                "sms_method": sms_method,
                "sms_fallback_url": "",
                "sms_application_sid": "",
                "status_callback": "",
                "capabilities": {"sms": True, "mms": False, "voice": True},
                "uri": f"/2010-04-01/Accounts/{self.account_sid}/IncomingPhoneNumbers/{sid}.json",
            }

    def reset(self) -> None:
        """Forget recorded messages and pending scripted failures."""
        with self._cond:
            self._accepted.clear()
            self._rejected.clear()
            self._resources.clear()
            self._faults.clear()
            self._calls.clear()
            self._deleted_media.clear()

    # -- used by the request handler --------------------------------------------------------
    def _track(self, conn: Any, add: bool) -> None:
        with self._cond:
            (self._connections.add if add else self._connections.discard)(conn)

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def _take_fault(self, to: str | None) -> Fault | None:
        with self._cond:
            for fault in self._faults:
                if fault.to is None or fault.to == to:
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _accept(self, record: dict[str, Any], account_sid: str) -> dict[str, Any]:
        sid = "SM" + uuid.uuid4().hex
        now = email.utils.format_datetime(datetime.now(UTC))
        encoding, segments = sms_segments(record["body"] or "")
        uri = f"/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json"
        status = "queued"
        if record["messaging_service_sid"] and not record["from"]:
            status = "accepted"  # Twilio picks the sender later
        if record["params"].get("ScheduleType") == "fixed":
            status = "scheduled"
        resource = {
            "account_sid": account_sid,
            "api_version": "2010-04-01",
            "body": record["body"] or "",
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": record["from"],
            "messaging_service_sid": record["messaging_service_sid"],
            "num_media": str(len(record["media_url"])),
            "num_segments": str(segments),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": status,
            "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
            "to": record["to"],
            "uri": uri,
        }
        record.update(sid=sid, account_sid=account_sid, status=status, num_segments=segments, encoding=encoding)
        with self._cond:
            self._accepted.append(record)
            self._resources[sid] = resource
            self._cond.notify_all()
        return resource

    def _reject(self, record: dict[str, Any], status: int, code: int | None, message: str, reason: str) -> None:
        record.update(http_status=status, code=code, message=message, reason=reason)
        with self._cond:
            self._rejected.append(record)
            self._cond.notify_all()

    def _media_at(self, path: str) -> tuple[str, bytes] | None:
        with self._cond:
            return self._media.get(path.removesuffix(".json"))

    def _forget_media(self, path: str) -> bool:
        path = path.removesuffix(".json")
        with self._cond:
            if self._media.pop(path, None) is None:
                return False
            self._deleted_media.append(path)
            self._cond.notify_all()
            return True

    def _accept_call(self, account_sid: str, params: dict[str, list[str]], one: Any) -> dict[str, Any]:
        sid = "CA" + uuid.uuid4().hex
        now = email.utils.format_datetime(datetime.now(UTC))
        call = {
            "sid": sid,
            "account_sid": account_sid,
            "to": one("To"),
            "from": one("From"),
            "url": one("Url"),
            "twiml": one("Twiml"),
            "status_callback": one("StatusCallback"),
            "params": {k: v if len(v) > 1 else v[0] for k, v in params.items()},
            "received_at": time.time(),
        }
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
        return {
            "sid": sid,
            "account_sid": account_sid,
            "to": call["to"],
            "from": call["from"],
            "status": "queued",
            "direction": "outbound-api",
            "date_created": now,
            "date_updated": now,
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{account_sid}/Calls/{sid}.json",
        }

    def _account(self) -> dict[str, Any]:
        return {
            "sid": self.account_sid,
            "friendly_name": "Stand-in account",
            "status": self.account_status,
            "type": "Full",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}.json",
        }

    def _numbers_list(self) -> list[dict[str, Any]]:
        with self._cond:
            return [dict(n) for n in self._numbers.values()]

    def _resource(self, sid: str) -> dict[str, Any] | None:
        with self._cond:
            return self._resources.get(sid)

    def _resources_list(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._resources.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.twilio_standin", description="Twilio Messages API stand-in (recorder)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--account-sid", default=TEST_ACCOUNT_SID)
    parser.add_argument("--auth-token", default=TEST_AUTH_TOKEN)
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)

    standin = TwilioStandIn(
        args.host, args.port, account_sid=args.account_sid, auth_token=args.auth_token, verbose=args.verbose
    ).start()
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    print(
        json.dumps(
            {
                "url": standin.url,
                "account_sid": standin.account_sid,
                "auth_token": standin.auth_token,
                "api_key_sid": standin.api_key_sid,
                "api_key_secret": standin.api_key_secret,
            }
        ),
        flush=True,
    )
    while not done.wait(0.2):
        pass
    standin.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
