"""Histograms and counters for /metrics, added up across every web and worker process through one Redis hash.

Each process counts in memory and adds its counts to Redis about once a second (a background thread, started on
first use in each process: gunicorn forks after building the app), so an observation on the webhook costs a dict
update, not a round trip. Without Redis (tests, or Redis away) counts stay in the process and /metrics shows
those. Counts are cumulative, as Prometheus wants: they never go down, whichever process scrapes them.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Histogram:
    name: str
    help: str
    buckets: tuple[float, ...]


@dataclass(frozen=True)
class Counter:
    name: str
    help: str
    labels: tuple[str, ...] = ()


WEBHOOK = Histogram(
    "arrivee_webhook_seconds",
    "Inbound text webhook: request handled (signature, store, signal), seconds",
    (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
ARRIVAL_TO_ALERT = Histogram(
    "arrivee_arrival_to_alert_seconds",
    "Customer's arrival text received to the first staff alert handed to Twilio, seconds",
    (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0),
)
ARRIVAL_TO_CLAIM = Histogram(
    "arrivee_arrival_to_claim_seconds",
    "Customer arrived to a staff member claiming the handoff, seconds",
    (10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0),
)
ARRIVAL_TO_HANDOFF = Histogram(
    "arrivee_arrival_to_handoff_seconds",
    "Customer arrived to the order handed off (done), seconds",
    (30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0),
)
TWILIO_ERRORS = Counter(
    "arrivee_twilio_errors_total",
    "Twilio errors by code: on sending (where=send) and in status callbacks (where=delivery)",
    ("code", "where"),
)
TWILIO_AUTH_FAILURES = Counter(
    "arrivee_twilio_auth_failures_total", "Sends Twilio refused for our credentials (HTTP 401/403)"
)
SENDS_HELD = Counter(
    "arrivee_sends_held_total",
    "Texts put back in line because their number's send rate (SEND_RATE_PER_SECOND) was used up",
)

HISTOGRAMS = (WEBHOOK, ARRIVAL_TO_ALERT, ARRIVAL_TO_CLAIM, ARRIVAL_TO_HANDOFF)
COUNTERS = (TWILIO_ERRORS, TWILIO_AUTH_FAILURES, SENDS_HELD)
BY_NAME = {m.name: m for m in (*HISTOGRAMS, *COUNTERS)}

SEP = "|"  # field = name|label values joined by ','|part; label values never contain these (codes, names)
FLUSH_SECONDS = 1.0


def _le(bound: float) -> str:
    return "+Inf" if bound == float("inf") else repr(float(bound))


def _fields(histogram: Histogram, labels: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    """A histogram's field names for these labels: count, sum, and one per bucket bound (in the buckets' order)."""
    base = f"{histogram.name}{SEP}{','.join(labels)}{SEP}"
    return base + "count", base + "sum", tuple(base + _le(b) for b in histogram.buckets)


class Telemetry:
    """observe() and count() from any thread; snapshot() for /metrics, every process's counts added up."""

    def __init__(self, redis=None, prefix: str = "arrivee"):
        self.redis = redis
        self.key = f"{prefix}:telemetry"
        self._lock = threading.Lock()
        self._pending: dict[str, float] = {}
        self._local: dict[str, float] = {}  # what could not (or need not) go to Redis
        self._flusher: int | None = None  # pid whose thread flushes
        self._fields: dict[tuple[str, tuple[str, ...]], tuple[str, str, tuple[str, ...]]] = {}
        self._wake = threading.Event()

    # --- recording -----------------------------------------------------------------------------------------
    def observe(self, histogram: Histogram, seconds: float, labels: Iterable[str] = ()) -> None:
        # On the webhook's path: the field names are made once per histogram and labels, the buckets found by bisect.
        key = (histogram.name, tuple(labels))
        fields = self._fields.get(key)
        if fields is None:
            fields = self._fields[key] = _fields(histogram, key[1])
        count, total, buckets = fields
        first = bisect_left(histogram.buckets, seconds)
        with self._lock:
            pending = self._pending
            pending[count] = pending.get(count, 0.0) + 1
            pending[total] = pending.get(total, 0.0) + seconds
            for field in buckets[first:]:
                pending[field] = pending.get(field, 0.0) + 1
        if self._flusher != os.getpid():
            self._ensure_flusher()

    def count(self, counter: Counter, labels: Iterable[str] = (), n: float = 1) -> None:
        field = f"{counter.name}{SEP}{','.join(labels)}{SEP}value"
        with self._lock:
            self._pending[field] = self._pending.get(field, 0.0) + n
        if self._flusher != os.getpid():
            self._ensure_flusher()

    # --- adding up across processes ------------------------------------------------------------------------
    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        if not pending:
            return
        if self.redis is None:
            self._merge_local(pending)
            return
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                for field, value in pending.items():
                    if field.endswith(SEP + "sum"):
                        pipe.hincrbyfloat(self.key, field, value)
                    else:
                        pipe.hincrby(self.key, field, int(value))
                pipe.execute()
        except Exception:  # noqa: BLE001 - Redis away: keep the counts for the next flush
            with self._lock:
                for field, value in pending.items():
                    self._pending[field] = self._pending.get(field, 0.0) + value

    def _merge_local(self, pending: dict[str, float]) -> None:
        with self._lock:
            for field, value in pending.items():
                self._local[field] = self._local.get(field, 0.0) + value

    def _ensure_flusher(self) -> None:
        pid = os.getpid()
        if self._flusher == pid or self.redis is None:
            return
        with self._lock:
            if self._flusher == pid:
                return
            self._flusher = pid
        threading.Thread(target=self._flush_forever, name="telemetry-flush", daemon=True).start()
        atexit.register(self.flush)  # a graceful stop (a deploy) keeps its last second of counts

    def _flush_forever(self) -> None:
        while True:
            self._wake.wait(FLUSH_SECONDS)
            self.flush()

    def snapshot(self) -> dict[str, float]:
        """Every field's total: Redis's (all processes) after this process's own flush, or this process's."""
        self.flush()
        if self.redis is not None:
            try:
                raw = self.redis.hgetall(self.key)
                return {
                    (k.decode() if isinstance(k, bytes) else k): float(v.decode() if isinstance(v, bytes) else v)
                    for k, v in raw.items()
                }
            except Exception:  # noqa: BLE001 - Redis away: what this process counted
                log.warning("Redis unavailable: /metrics shows this process's counts only")
        with self._lock:
            totals = dict(self._local)
            for field, value in self._pending.items():
                totals[field] = totals.get(field, 0.0) + value
        return totals


def families(totals: dict[str, float]):
    """Prometheus metric families (prometheus_client) for the totals: every histogram and counter, even at zero."""
    from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily

    grouped: dict[str, dict[str, dict[str, float]]] = {}
    for field, value in totals.items():
        try:
            name, labels, part = field.split(SEP)
        except ValueError:
            continue
        grouped.setdefault(name, {}).setdefault(labels, {})[part] = value
    for histogram in HISTOGRAMS:
        family = HistogramMetricFamily(histogram.name, histogram.help)
        series = grouped.get(histogram.name) or {"": {}}
        for parts in series.values():
            buckets = [(_le(b), parts.get(_le(b), 0.0)) for b in histogram.buckets]
            buckets.append(("+Inf", parts.get("count", 0.0)))
            family.add_metric([], buckets, parts.get("sum", 0.0))
        yield family
    for counter in COUNTERS:
        family = CounterMetricFamily(counter.name, counter.help, labels=list(counter.labels))
        series = grouped.get(counter.name) or ({} if counter.labels else {"": {}})
        for labels, parts in series.items():
            values = labels.split(",") if counter.labels else []
            if len(values) == len(counter.labels):
                family.add_metric(values, parts.get("value", 0.0))
        yield family
