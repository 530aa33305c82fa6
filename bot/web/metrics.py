"""GET /metrics: Prometheus figures, behind an API bearer token."""

from __future__ import annotations

from flask import Blueprint, Response, g
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, SummaryMetricFamily

from .. import telemetry
from ..usecases.figures import backlog, figures
from . import services
from .api import ApiError, authenticated

bp = Blueprint("metrics", __name__)


class _Figures:
    def __init__(self, data: dict, waiting: list[tuple[str, int, float]], totals: dict[str, float]):
        self.data = data
        self.waiting = waiting
        self.totals = totals

    def collect(self):
        messages = GaugeMetricFamily("arrivee_messages", "Messages in the log", labels=["direction", "status"])
        for direction, status, count in self.data["messages"]:
            messages.add_metric([direction, status], count)
        yield messages
        handoffs = GaugeMetricFamily("arrivee_handoffs", "Handoffs by status", labels=["status"])
        for status, count in self.data["handoffs"]:
            handoffs.add_metric([status], count)
        yield handoffs
        yield GaugeMetricFamily("arrivee_stores", "Stores", value=self.data["stores"])
        waits = self.data["claim_wait_seconds"]
        yield SummaryMetricFamily(
            "arrivee_claim_wait_seconds",
            "Arrival to claim, last 1000 handoffs",
            count_value=len(waits),
            sum_value=sum(waits),
        )
        depth = GaugeMetricFamily("arrivee_queue_depth", "Items waiting, by queue", labels=["queue"])
        oldest = GaugeMetricFamily(
            "arrivee_queue_oldest_seconds", "Age of the oldest item waiting, by queue (0 when empty)", labels=["queue"]
        )
        for queue, count, age in self.waiting:
            depth.add_metric([queue], count)
            oldest.add_metric([queue], age)
        yield depth
        yield oldest
        yield from telemetry.families(self.totals)


@bp.get("/metrics")
@authenticated
def metrics():
    # The figures span every store, so a token limited to one store may not read them.
    if g.api_token.store_id is not None:
        raise ApiError(403, "forbidden", "/metrics needs a token without a store")
    svc = services()
    lanes = svc.dispatcher.backlog() if hasattr(svc.dispatcher, "backlog") else []
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Figures(figures(svc.db), backlog(svc.db, lanes, svc.clock()), svc.telemetry.snapshot()))
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
