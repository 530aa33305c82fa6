"""The seams between the use cases and the machinery they drive: one `typing.Protocol` per kind of adapter, and the
values that cross them.

A use case reaches the outside world only through these (as fields of `bot.wiring.Services`), so a test can put a
fake in any of them (tests/support/fakes.py) and mypy checks that the real adapters and the fakes both fit:

| seam | real | fake |
|---|---|---|
| TextSender | messaging/senders.py: TwilioSender, ConsoleSender | FakeSender |
| Dispatcher | jobs/dispatch.py: RQDispatcher (Redis lists, RQ) | InlineDispatcher (runs jobs at once) |
| SendSlots | messaging/ratelimit.py: RateLimiter (Redis token bucket) | none (no limit), or a test's own |
| TextIntake | web/intake.py: Intake (group commit) | the real one, on the test database |
| ChangeNotices | notices.py: RedisNotices (Redis pub/sub) | the real one without Redis (publishes nothing) |
| Clock | wiring.utcnow | FakeClock |
| ShopifyOrders | shopify_admin.py: ShopifyAdmin (Shopify's Admin REST API) | FakeShopify |

Nothing here imports an adapter: the adapters import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

# "Now", as a timezone-aware UTC datetime. Passed in, never read from the system, so tests move time.
Clock = Callable[[], datetime]


# --- sending texts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outgoing:
    to: str
    from_: str
    body: str
    key: str  # stable per outbox row: the same text always carries the same key
    status_callback: str | None = None
    media_urls: tuple[str, ...] = ()  # sent as MMS: pictures the carrier fetches from these URLs


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str = "sent"


@dataclass(frozen=True)
class Logged:
    """One message as Twilio's own log shows it."""

    sid: str
    body: str
    status: str
    error_code: int | None = None
    created_at: datetime | None = None


class TextSender(Protocol):
    """Hands one text to the carrier. Raises bot.messaging.errors.PermanentSendError (never retried) or
    TransientSendError (retried after asking `recent` whether the earlier try went through)."""

    def send(self, message: Outgoing) -> Sent: ...

    def recent(self, to: str, from_: str, since: datetime) -> list[Logged]:
        """The messages the carrier holds from `from_` to `to` created since `since`, newest first: what a retry
        checks before sending again, because Twilio's Messages API has no idempotency key. Raises SendError when
        the log cannot be read."""
        ...


class SendSlots(Protocol):
    """The send rate per sending number, shared by every worker; staff alerts (`urgent`) may take the last slot."""

    @property
    def rate(self) -> float:
        """Texts a second per sending number."""
        ...

    def acquire(self, sender: str, urgent: bool = False, max_wait: float = 10.0) -> bool:
        """Wait up to `max_wait` seconds for a slot; False if none came."""
        ...

    def take_now(self, texts: list[tuple[str, bool]]) -> list[bool]:
        """For each (sending number, urgent), in order: whether a slot was free at once (and is now taken)."""
        ...


# --- pictures customers sent (MMS/WhatsApp media, held at Twilio) -----------------------------------


class MediaGone(Exception):
    """The carrier no longer holds that picture (deleted, or never there)."""


class MediaStore(Protocol):
    """The pictures customers send, as the carrier holds them (Twilio's media URLs need the account's credentials)."""

    def fetch(self, url: str) -> tuple[str, bytes]:
        """(content type, bytes) of the picture at `url`. Raises MediaGone, or bot.messaging.errors.SendError when
        the carrier cannot be asked now."""
        ...

    def delete(self, url: str) -> None:
        """Delete the picture at the carrier; one already gone is no error. Raises SendError when it cannot be
        done now (the next retention run tries again)."""
        ...


# --- calling the store's phone ----------------------------------------------------------------------


class Caller(Protocol):
    """Places a voice call (Twilio's Calls API): when answered, the carrier asks `url` (our signed voice webhook)
    what to say."""

    def call(self, to: str, from_: str, url: str) -> str:
        """The call's SID. Raises bot.messaging.errors.SendError when it could not be placed."""
        ...


# --- handing work to the workers -------------------------------------------------------------------
# Every method may raise when the queue is away (Redis down): the database holds the work, and the sweep
# (bot/usecases/timers.py) finds it again.


class InboundQueue(Protocol):
    def process_inbound(self, message_id: int) -> None:
        """A stored text, to be understood and acted on by a worker."""
        ...

    def process_inbound_many(self, message_ids: list[int]) -> None:
        """Texts stored together, signalled together (oldest first)."""
        ...

    def requeue_inbound(self, message_ids: list[int], hold_seconds: float) -> int:
        """The sweep's texts still 'received': those not already waiting, each at most once per `hold_seconds`.
        Returns how many were handed over."""
        ...


class SpillLane(Protocol):
    """Where the webhook keeps a text while the database cannot take it, until a worker stores it."""

    def spill_inbound(
        self, sid: str, from_addr: str, to_addr: str, body: str, received_at: datetime, media: list | None = None
    ) -> None:
        """`media`: the message's pictures, [[url, content type], ...]."""
        ...

    def oldest_spilled(self) -> tuple[str, dict[str, Any]] | None:
        """(raw, text) of the oldest kept text, or None; it stays kept until `forget_spilled(raw)`."""
        ...

    def forget_spilled(self, raw: str) -> None: ...


class DeliveryQueue(Protocol):
    def deliver(self, message_ids: list[int], urgent: bool = False) -> None:
        """Outbox rows to send; `urgent` (staff alerts) go in a lane the workers empty first."""
        ...

    def deliver_again(self, message_ids: list[int], urgent: bool, hold_seconds: float) -> int:
        """The sweep's rows still 'queued', each at most once per `hold_seconds`; how many were handed over."""
        ...

    def retry_delivery(self, message_id: int, delay: float, urgent: bool = False) -> None:
        """Send one row again in `delay` seconds, never earlier."""
        ...

    def status_later(self, sid: str, status: str, error_code: int | None, attempt: int, delay: float) -> None:
        """Apply a delivery status callback in `delay` seconds (the database was away, or the SID not yet known)."""
        ...


class TimerQueue(Protocol):
    def schedule(self, job: str, handoff_id: int, level: int, delay: float) -> None:
        """Arm a timer ("escalate" at `level`, or "nudge"): one per job, handoff and level, so arming it again
        replaces it."""
        ...

    def timers_armed(self, timers: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        """Which of these (job, handoff_id, level) timers are still armed (to run, running, or just run)."""
        ...


class OrderEventQueue(Protocol):
    def apply_order_event(self, event_id: int) -> None:
        """A stored order webhook (bot/usecases/order_events.py), to be applied by a worker."""
        ...

    def apply_order_events_again(self, event_ids: list[int], hold_seconds: float) -> int:
        """The sweep's events still not applied, each at most once per `hold_seconds`; how many were handed over."""
        ...


class Dispatcher(InboundQueue, SpillLane, DeliveryQueue, TimerQueue, OrderEventQueue, Protocol):
    """Everything the use cases hand to the workers."""


# --- the shop's own system ------------------------------------------------------------------------


class ShopLookupError(Exception):
    """Shopify could not be asked. `transient`: try again later (network, 429, 5xx); else not until the store's
    settings change (a bad token, no access)."""

    def __init__(self, message: str, transient: bool):
        super().__init__(message)
        self.transient = transient


class ShopifyOrders(Protocol):
    def order_of(self, shop_domain: str, access_token: str, fulfillment_order_id: str) -> str | None:
        """The id of the order a fulfillment order belongs to (Shopify's "prepared for pickup" names only the
        fulfillment order); None when Shopify has no such fulfillment order. Raises ShopLookupError."""
        ...


# --- the webhook's writes, and live pages ----------------------------------------------------------


class TextIntake(Protocol):
    def store(self, values: Mapping[str, Any], signal: bool = True) -> int:
        """Write one inbound row, committed (and with `signal`, signalled to the workers) before this returns; its
        id. Raises what writing it raised (IntegrityError for a duplicate MessageSid, OperationalError for a
        database away)."""
        ...


class ChangeNotices(Protocol):
    def publish(self, store_id: int | None) -> None:
        """Tell live pages (board, simulator) that the store's state changed. Never raises: pages also poll."""
        ...
