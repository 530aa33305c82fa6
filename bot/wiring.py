"""The one place that builds clients (database, Redis, queue, SMS sender) from settings, and `Services`, which
carries them to the use cases, each seam typed by its Protocol (bot/usecases/ports.py)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from config.settings import Settings, local_port

from .data.db import Database
from .notices import RedisNotices
from .telemetry import Telemetry
from .usecases.ports import Caller, Clock, Dispatcher, MediaStore, SendSlots, ShopifyOrders, TextIntake, TextSender

if TYPE_CHECKING:
    from redis import Redis

    from .jobs.dispatch import RQDispatcher
    from .usecases.receiving import StoreNumbers


_Client = TypeVar("_Client")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    db: Database
    dispatcher: Dispatcher
    sender: TextSender
    redis: Redis | None = None
    clock: Clock = utcnow
    # The worker sends a decision's texts itself (no extra job per text); the web hands them to a job.
    send_inline: bool = False
    # Paces sends per sending number across all workers; None sends at once.
    limiter: SendSlots | None = None
    # The stores' own numbers, cached per process for the webhook (bot/usecases/receiving.py).
    store_numbers: StoreNumbers = field(default_factory=lambda: _store_numbers())
    # Histograms and counters for /metrics, added up across processes in Redis (bot/telemetry.py).
    telemetry: Telemetry = field(default_factory=Telemetry)
    # Asks Shopify which order a fulfillment order is (bot/usecases/order_events.py); a fake in tests.
    shopify: ShopifyOrders = field(default_factory=lambda: _shopify())
    # The pictures customers send, as the carrier holds them (none on the console transport).
    media: MediaStore = field(default_factory=lambda: _console_media())
    # Calls the store's landline when nobody takes a waiting customer (printed on the console transport).
    caller: Caller = field(default_factory=lambda: _console_caller())
    _intake: TextIntake | None = field(default=None, init=False, repr=False)
    _notices: RedisNotices | None = field(default=None, init=False, repr=False)

    @property
    def notices(self) -> RedisNotices:
        """Store change notices for live pages, on this Services' Redis (with none, nothing is published)."""
        notices = self._notices
        if notices is None or notices.redis is not self.redis:  # tests give a Services its Redis afterwards
            notices = self._notices = RedisNotices(self.redis, self.settings.queue_name)
        return notices

    @property
    def intake(self) -> TextIntake:
        """The webhook's group commit of inbound texts, made on first use: only a web process takes texts in."""
        if self._intake is None:
            with _INTAKE_LOCK:
                if self._intake is None:
                    self._intake = _intake(self)
        return self._intake

    @property
    def status_callback_url(self) -> str | None:
        base = self.settings.public_base_url
        return f"{base}/twilio/status" if base else None

    @property
    def base_url(self) -> str:
        """Where people open the pages (links in texts, the CLI's hints)."""
        return base_url(self.settings)

    def voice_url(self, call_id: int) -> str:
        """The signed voice webhook Twilio asks, once the store's phone answers, what the call says."""
        return f"{self.base_url}/twilio/voice/calls/{call_id}"

    @property
    def webhook_token(self) -> str:
        return webhook_token(self.settings)


_INTAKE_LOCK = threading.Lock()


def _console_media() -> MediaStore:
    from .messaging.media import ConsoleMedia

    return ConsoleMedia()


def _console_caller() -> Caller:
    from .messaging.voice import ConsoleCaller

    return ConsoleCaller()


def make_caller(settings: Settings) -> Caller:
    from .messaging.voice import TwilioCaller

    return _twilio(settings, TwilioCaller) if settings.sms_transport == "twilio" else _console_caller()


def make_media(settings: Settings) -> MediaStore:
    from .messaging.media import TwilioMedia

    return _twilio(settings, TwilioMedia) if settings.sms_transport == "twilio" else _console_media()


def _twilio(settings: Settings, client: Callable[..., _Client], **options) -> _Client:
    """One of the Twilio clients (texts, calls, pictures), on the account and API address the settings name."""
    return client(
        settings.twilio_account_sid,
        settings.twilio_auth_token,
        settings.twilio_api_base_url,
        timeout=settings.twilio_timeout_seconds,
        **options,
    )


def _store_numbers() -> StoreNumbers:
    from .usecases.receiving import StoreNumbers

    return StoreNumbers()


def _shopify() -> ShopifyOrders:
    from .shopify_admin import ShopifyAdmin

    return ShopifyAdmin()


def _intake(svc: Services) -> TextIntake:
    from .usecases.receiving import INSERT_INBOUND
    from .web.intake import Intake

    # svc.db and svc.dispatcher are looked up at each call: tests swap in broken ones.
    return Intake(
        insert_many=lambda rows: svc.db.insert_many(INSERT_INBOUND, rows),
        insert_one=lambda row: svc.db.insert(INSERT_INBOUND, row),
        signal=lambda message_ids: svc.dispatcher.process_inbound_many(message_ids),
    )


def base_url(settings: Settings) -> str:
    """PUBLIC_BASE_URL, else the local address `scripts/dev` serves on."""
    return settings.public_base_url or f"http://127.0.0.1:{local_port()}"


def webhook_token(settings: Settings) -> str:
    """The secret webhook signatures are checked with: Twilio's auth token, or in dev mode one derived
    from SECRET_KEY (so the simulator and `python -m bot text` can sign, and nothing unsigned gets in)."""
    if settings.twilio_auth_token:
        return settings.twilio_auth_token
    return hashlib.sha256(b"arrivee-dev-webhook:" + settings.secret_key.encode()).hexdigest()[:32]


def make_sender(settings: Settings) -> TextSender:
    from .messaging.senders import ConsoleSender, TwilioSender

    if settings.sms_transport == "twilio":
        # A connection for each thread that may send at once: the drain threads, RQ's, the sweeper's.
        return _twilio(settings, TwilioSender, concurrency=settings.drain_threads + 2)
    return ConsoleSender()


def make_redis(settings: Settings) -> Redis:
    from redis import Redis

    return Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30)


WEB_THREADS = 16  # gunicorn's threads per web worker (config/gunicorn.conf.py)


def build(settings: Settings, role: str = "web") -> Services:
    """Build every client. Nothing connects until first used."""
    return _build(settings, role)[0]


def build_worker(settings: Settings) -> tuple[Services, RQDispatcher]:
    """The worker's Services, and its queue as what it is, RQ's: worker.py runs RQ's loop, the timer clock and the
    inbound drain on it."""
    return _build(settings, "worker")


def _build(settings: Settings, role: str) -> tuple[Services, RQDispatcher]:
    from .jobs.dispatch import RQDispatcher

    redis = make_redis(settings)
    dispatcher = RQDispatcher(redis, settings.queue_name)
    # Threads that may use the database at once: a worker's drain threads, RQ's and the clock's; the web's
    # gunicorn threads (config/gunicorn.conf.py).
    threads = settings.drain_threads + 2 if role == "worker" else WEB_THREADS
    services = Services(
        settings=settings,
        db=Database(settings.database_url, threads),
        redis=redis,
        dispatcher=dispatcher,
        sender=make_sender(settings),
        send_inline=(role == "worker"),
        limiter=make_limiter(settings, redis),
        media=make_media(settings),
        caller=make_caller(settings),
        telemetry=Telemetry(redis, settings.queue_name),
    )
    return services, dispatcher


def make_limiter(settings: Settings, redis: Redis) -> SendSlots | None:
    from .messaging.ratelimit import RateLimiter

    if settings.send_rate_per_second <= 0:
        return None
    return RateLimiter(redis, settings.send_rate_per_second, prefix=settings.queue_name)
