"""/metrics shows histograms (webhook latency, arrival → alert, → claim, → handed off), what waits in line, Twilio
errors by code and sends held back by the rate; a refused Twilio credential is loud."""

from __future__ import annotations

import logging
import re

import pytest

from bot import create_app
from bot.messaging.ratelimit import RateLimiter
from bot.usecases.stores import create_token
from tests.support.conversation import Shop

JULIE, MARIE = "+15145550111", "+15145550123"


@pytest.fixture
def shop(svc):
    shop = Shop(svc)
    shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie Lavoie")
    return shop


def scrape(svc) -> str:
    client = create_app(services=svc).test_client()
    response = client.get("/metrics", headers={"Authorization": "Bearer " + create_token(svc.db, "prom")})
    assert response.status_code == 200
    return response.text


def value(body: str, sample: str) -> float:
    match = re.search(rf"^{re.escape(sample)} (\S+)$", body, re.M)
    assert match, f"{sample} not in /metrics"
    return float(match.group(1))


def test_an_arrival_claimed_and_handed_off_fills_every_histogram(svc, shop):
    shop.post_sms(MARIE, "rendu place 4")
    svc.clock.advance(90)
    shop.post_sms(JULIE, "OK")
    svc.clock.advance(60)
    shop.post_sms(JULIE, "FAIT")
    body = scrape(svc)
    assert value(body, "arrivee_webhook_seconds_count") == 3
    assert value(body, 'arrivee_webhook_seconds_bucket{le="+Inf"}') == 3
    assert value(body, "arrivee_arrival_to_alert_seconds_count") == 1
    assert value(body, 'arrivee_arrival_to_claim_seconds_bucket{le="60.0"}') == 0
    assert value(body, 'arrivee_arrival_to_claim_seconds_bucket{le="120.0"}') == 1
    assert value(body, "arrivee_arrival_to_claim_seconds_sum") == 90
    assert value(body, "arrivee_arrival_to_handoff_seconds_sum") == 150
    assert value(body, 'arrivee_queue_depth{queue="inbound"}') == 0
    assert value(body, 'arrivee_queue_depth{queue="outbox"}') == 0
    assert value(body, 'arrivee_queue_oldest_seconds{queue="outbox"}') == 0
    for name in ("arrivee_twilio_errors_total", "arrivee_twilio_auth_failures_total", "arrivee_sends_held_total"):
        assert f"# TYPE {name} counter" in body


def test_twilio_errors_are_counted_by_code_and_a_refused_credential_is_loud(svc, shop, caplog):
    svc.sender.fail_next(status=401, code=20003)
    with caplog.at_level(logging.ERROR):
        shop.post_sms(MARIE, "rendu place 4")
    [loud] = [r for r in caplog.records if "Twilio refused our credentials" in r.getMessage()]
    assert loud.levelname == "ERROR" and "doctor" in loud.getMessage()
    body = scrape(svc)
    assert value(body, "arrivee_twilio_auth_failures_total") == 1
    assert value(body, 'arrivee_twilio_errors_total{code="20003",where="send"}') == 1
    # The text waits to be retried once the credentials are fixed: not dropped as a permanent failure.
    assert value(body, 'arrivee_queue_depth{queue="outbox"}') == 1


def test_a_status_callback_error_code_is_counted(svc, shop):
    from bot.usecases.outbox import record_status

    shop.post_sms(MARIE, "rendu place 4")
    record_status(svc, "SM" + "f" * 32, "undelivered", 30003)
    assert value(scrape(svc), 'arrivee_twilio_errors_total{code="30003",where="delivery"}') == 1


def test_sends_held_back_by_the_per_number_rate_are_counted(svc, shop):
    svc.limiter = RateLimiter(None, 0.01)  # a bucket of 2: the alert takes one, the customer's text must wait
    shop.post_sms(MARIE, "rendu place 4")
    assert value(scrape(svc), "arrivee_sends_held_total") >= 1
