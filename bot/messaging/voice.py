"""Voice calls to a store's landline through Twilio's Calls API (the use cases' Caller, bot/usecases/ports.py), and
the console transport's stand-in, which prints the call."""

from __future__ import annotations

import sys
import threading
import uuid

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from .errors import TransientSendError, classify
from .twilio_http import twilio_http_client

RING_SECONDS = 30  # then Twilio gives up: nobody at the counter


class TwilioCaller:
    def __init__(self, account_sid: str | None, auth_token: str | None, api_base_url: str | None = None, timeout=10.0):
        self.client = Client(account_sid, auth_token, http_client=twilio_http_client(api_base_url, timeout, 2))

    def call(self, to: str, from_: str, url: str) -> str:
        try:
            created = self.client.calls.create(to=to, from_=from_, url=url, method="POST", timeout=RING_SECONDS)
        except TwilioRestException as exc:
            raise classify(exc.status, exc.code, exc.msg or str(exc)) from exc
        except Exception as exc:  # connection refused, timeout: unknown, and a call is not placed twice
            raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
        return created.sid or ""


class ConsoleCaller:
    """SMS_TRANSPORT=console: the call is printed, never placed."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def call(self, to: str, from_: str, url: str) -> str:
        with self._lock:
            print(f"[call] {from_} → {to}: {url}", file=self.stream, flush=True)
        return "CA" + uuid.uuid4().hex
