"""Fakes for unit and conversation tests: an SMS sender with an outbox, an inline queue, a clock. Each fits its seam
in bot/usecases/ports.py (mypy checks it: see the end of this file)."""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.messaging.errors import classify
from bot.usecases import ports
from bot.usecases.ports import Logged, Outgoing, Sent


class FakeSender:
    """Records every text instead of sending it; can be told to fail the next sends."""

    def __init__(self):
        self.outbox: list[Outgoing] = []
        self._failures: list[tuple[int | None, int | None]] = []
        self._ids = itertools.count(1)

    def fail_next(self, status: int | None = 500, code: int | None = None, times: int = 1) -> None:
        self._failures += [(status, code)] * times

    def send(self, message: Outgoing) -> Sent:
        if self._failures:
            status, code = self._failures.pop(0)
            raise classify(status, code, f"scripted failure {status}/{code}")
        self.outbox.append(message)
        return Sent(sid=f"SM{uuid.uuid4().hex}", status="queued")

    def recent(self, to: str, from_: str, since: datetime) -> list[Logged]:
        return []  # no log to ask: a scripted failure raises before anything is recorded

    def to(self, number: str) -> list[str]:
        return [m.body for m in self.outbox if m.to.endswith(number)]

    def clear(self) -> None:
        self.outbox.clear()


class FakeMedia:
    """Twilio's media store: pictures by URL, fetched and deleted; `fail_deletes` makes the next deletes fail."""

    def __init__(self):
        self.pictures: dict[str, tuple[str, bytes]] = {}
        self.deleted: list[str] = []
        self.fail_deletes = 0

    def add(self, url: str, kind: str = "image/jpeg", data: bytes = b"\xff\xd8 a red Civic") -> str:
        self.pictures[url] = (kind, data)
        return url

    def fetch(self, url: str) -> tuple[str, bytes]:
        if url not in self.pictures:
            raise ports.MediaGone(url)
        return self.pictures[url]

    def delete(self, url: str) -> None:
        if self.fail_deletes:
            self.fail_deletes -= 1
            raise classify(503, 20503, "scripted failure")
        self.pictures.pop(url, None)
        self.deleted.append(url)


class FakeCaller:
    """Records the calls placed instead of placing them; can be told to fail the next one."""

    def __init__(self):
        self.calls: list[dict[str, str]] = []
        self.fail = 0

    def call(self, to: str, from_: str, url: str) -> str:
        if self.fail:
            self.fail -= 1
            raise classify(503, 20503, "scripted failure")
        sid = f"CA{uuid.uuid4().hex}"
        self.calls.append({"to": to, "from": from_, "url": url, "sid": sid})
        return sid


class FakeClock:
    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 11, 26, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Timer:
    due: datetime
    job: str
    args: tuple


@dataclass
class InlineDispatcher:
    """Runs jobs at once, in-process; timers wait until the test moves the clock and calls run_due()."""

    svc: Any = None  # the Services it runs jobs against
    timers: list[Timer] = field(default_factory=list)
    enqueued: list[tuple] = field(default_factory=list)
    broken: bool = False  # behave like Redis being down
    errors: list[BaseException] = field(default_factory=list)  # what jobs raised (a real worker would log it)
    spilled: list[str] = field(default_factory=list)  # texts kept while the database was away, oldest first

    def _check(self):
        if self.broken:
            raise ConnectionError("queue unavailable")

    def process_inbound(self, message_id: int) -> None:
        from bot.usecases.inbound import process_inbound

        self._check()
        self.enqueued.append(("process_inbound", message_id))
        try:
            process_inbound(self.svc, message_id)
        except Exception as exc:  # the webhook must not see a job's failure; the test must
            self.errors.append(exc)

    def process_inbound_many(self, message_ids: list[int]) -> None:
        for message_id in message_ids:
            self.process_inbound(message_id)

    def requeue_inbound(self, message_ids: list[int], hold_seconds: float) -> int:
        for message_id in message_ids:
            self.process_inbound(message_id)
        return len(message_ids)

    def spill_inbound(
        self, sid: str, from_addr: str, to_addr: str, body: str, received_at: datetime, media: list | None = None
    ) -> None:
        self._check()
        text: dict[str, object] = {
            "sid": sid,
            "from": from_addr,
            "to": to_addr,
            "body": body,
            "at": received_at.isoformat(),
        }
        if media:
            text["media"] = media
        self.spilled.append(json.dumps(text))

    def oldest_spilled(self) -> tuple[str, dict[str, Any]] | None:
        self._check()
        return (self.spilled[0], json.loads(self.spilled[0])) if self.spilled else None

    def forget_spilled(self, raw: str) -> None:
        self._check()
        self.spilled.remove(raw)

    def deliver(self, message_ids: list[int], urgent: bool = False) -> None:  # one lane: `urgent` changes nothing
        from bot.usecases.outbox import deliver

        self._check()
        self.enqueued.append(("deliver", tuple(message_ids)))
        for message_id in message_ids:
            deliver(self.svc, message_id)

    def deliver_again(self, message_ids: list[int], urgent: bool, hold_seconds: float) -> int:
        if message_ids:
            self.deliver(message_ids, urgent)
        return len(message_ids)

    def retry_delivery(self, message_id: int, delay: float, urgent: bool = False) -> None:
        self._check()
        self.timers.append(Timer(self.svc.clock() + timedelta(seconds=delay), "deliver", ([message_id],)))

    def schedule(self, job: str, handoff_id: int, level: int, delay: float) -> None:
        self._check()
        args = (handoff_id, level) if job == "escalate" else (handoff_id,)
        self.timers.append(Timer(self.svc.clock() + timedelta(seconds=delay), job, args))

    def timers_armed(self, timers: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        self._check()
        waiting = {
            (t.job, t.args[0], t.args[1] if t.job == "escalate" else 0)
            for t in self.timers
            if t.job in ("escalate", "nudge", "call")
        }
        return {t for t in timers if t in waiting}

    def apply_order_event(self, event_id: int) -> None:
        from bot.usecases.order_events import apply_event

        self._check()
        self.enqueued.append(("apply_order_event", event_id))
        try:
            apply_event(self.svc, event_id)
        except Exception as exc:  # the webhook must not see a job's failure; the test must
            self.errors.append(exc)

    def apply_order_events_again(self, event_ids: list[int], hold_seconds: float) -> int:
        for event_id in event_ids:
            self.apply_order_event(event_id)
        return len(event_ids)

    def sweep_in(self, delay: float) -> None:
        pass

    def status_later(self, sid: str, status: str, error_code, attempt: int, delay: float) -> None:
        self._check()
        self.timers.append(
            Timer(self.svc.clock() + timedelta(seconds=delay), "status", (sid, status, error_code, attempt))
        )

    def run_due(self) -> int:
        from bot.usecases import outbox, timers

        ran = 0
        while True:
            due = [t for t in self.timers if t.due <= self.svc.clock()]
            if not due:
                return ran
            timer = min(due, key=lambda t: t.due)
            self.timers.remove(timer)
            ran += 1
            if timer.job == "escalate":
                timers.escalate(self.svc, *timer.args)
            elif timer.job == "nudge":
                timers.nudge(self.svc, *timer.args)
            elif timer.job == "call":
                from bot.usecases import calls

                calls.place(self.svc, *timer.args)
            elif timer.job == "status":
                from bot.usecases.outbox import record_status

                record_status(self.svc, *timer.args)
            elif timer.job == "deliver":
                for message_id in timer.args[0]:
                    outbox.deliver(self.svc, message_id)


class FakeShopify:
    """Shopify's Admin API as a dict: fulfillment order id → order id; can be told to fail the next lookups."""

    def __init__(self, orders: dict[str, str] | None = None):
        self.orders = dict(orders or {})
        self.asked: list[tuple[str, str, str]] = []
        self.failures: list[ports.ShopLookupError] = []

    def order_of(self, shop_domain: str, access_token: str, fulfillment_order_id: str) -> str | None:
        self.asked.append((shop_domain, access_token, fulfillment_order_id))
        if self.failures:
            raise self.failures.pop(0)
        return self.orders.get(fulfillment_order_id)


if TYPE_CHECKING:  # mypy checks that each fake fits its seam
    _sender: ports.TextSender = FakeSender()
    _dispatcher: ports.Dispatcher = InlineDispatcher()
    _clock: ports.Clock = FakeClock()
    _shopify: ports.ShopifyOrders = FakeShopify()
    _media: ports.MediaStore = FakeMedia()
    _caller: ports.Caller = FakeCaller()
