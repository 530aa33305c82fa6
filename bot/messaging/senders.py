"""SMS senders, the use cases' TextSender (bot/usecases/ports.py): Twilio's official REST client (redirectable to a
stand-in) and the console transport."""

from __future__ import annotations

import itertools
import sys
import threading
import uuid
from datetime import datetime

from twilio.base import values
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from ..phones import mask
from ..usecases.ports import Logged, Outgoing, Sent
from .errors import TransientSendError, classify
from .twilio_http import twilio_http_client

# Outgoing, Sent and Logged are the seam's values, named here too for the callers that send.
__all__ = ["ConsoleSender", "Logged", "Outgoing", "Sent", "TwilioSender"]


class TwilioSender:
    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        api_base_url: str | None = None,
        timeout: float = 10.0,
        concurrency: int = 10,
    ):
        # One kept-alive connection per thread that may send at once (`concurrency`): past the pool's size, each
        # call would open a new TLS connection and throw it away.
        self.client = Client(
            account_sid, auth_token, http_client=twilio_http_client(api_base_url, timeout, concurrency)
        )

    def send(self, message: Outgoing) -> Sent:
        try:
            created = self.client.messages.create(
                to=message.to,
                from_=message.from_,
                body=message.body,
                status_callback=message.status_callback,
                media_url=list(message.media_urls) if message.media_urls else values.unset,
            )
        except TwilioRestException as exc:
            raise classify(exc.status, exc.code, exc.msg or str(exc)) from exc
        except Exception as exc:  # connection refused, timeout, TLS: Twilio may be fine in a moment
            raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
        return Sent(sid=created.sid, status=created.status or "queued")

    PAGE = 100
    # Paging stops after this many messages in a row older than `since` (the list is newest first), or after
    # MAX_SCANNED in all: a staff phone may get several alerts a second from a busy store's number.
    OLDER_IN_A_ROW = 50
    MAX_SCANNED = 5000

    def recent(self, to: str, from_: str, since: datetime) -> list[Logged]:
        # Filtered by To and From, not DateSent: DateSent matches whole days, and a message still queued at Twilio
        # has no date_sent yet, which is exactly the kind a timed-out request leaves behind.
        found: list[Logged] = []
        older = scanned = 0
        try:
            for m in self.client.messages.stream(to=to, from_=from_, page_size=self.PAGE):
                scanned += 1
                if m.date_created is not None and m.date_created < since:
                    older += 1
                    if older >= self.OLDER_IN_A_ROW:
                        break
                else:
                    older = 0
                    found.append(
                        Logged(
                            sid=m.sid,
                            body=m.body or "",
                            status=(m.status or "").lower(),
                            error_code=int(m.error_code) if m.error_code else None,
                            created_at=m.date_created,
                        )
                    )
                if scanned >= self.MAX_SCANNED:
                    raise TransientSendError(f"more than {self.MAX_SCANNED} recent messages to {to}: cannot tell")
        except TwilioRestException as exc:
            raise classify(exc.status, exc.code, exc.msg or str(exc)) from exc
        except TransientSendError:
            raise
        except Exception as exc:  # noqa: BLE001 - as for send: unknown now, maybe fine in a moment
            raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
        return found


class ConsoleSender:
    """SMS_TRANSPORT=console: the text is stored (by the caller) and printed, never sent."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()
        self._counter = itertools.count(1)

    def send(self, message: Outgoing) -> Sent:
        with self._lock:
            kind = "mms" if message.media_urls else "sms"
            photo = "".join(f" [photo: {url}]" for url in message.media_urls)
            # The store's own number in full; the person's masked, as in every log line (bot/phones.mask).
            to = _masked(message.to)
            print(f"[{kind}] {message.from_} → {to}: {message.body}{photo}", file=self.stream, flush=True)
        return Sent(sid="CO" + uuid.uuid4().hex, status="delivered")

    def recent(self, to: str, from_: str, since: datetime) -> list[Logged]:
        return []  # printing cannot half-fail: a console text either printed or raised before it did


def _masked(address: str) -> str:
    """A recipient's address with only the last four digits of the number: "…0123", "whatsapp:…0123"."""
    channel, _, number = address.rpartition(":")
    return f"{channel}:{mask(number)}" if channel else mask(number)
