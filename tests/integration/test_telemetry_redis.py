"""Histograms and counters from several processes add up in one Redis hash, and counts made while Redis is away are
kept for later (bot/telemetry.py)."""

from __future__ import annotations

import uuid

import pytest

from bot.telemetry import WEBHOOK, Telemetry


def test_counts_from_several_processes_add_up_through_redis(redis):
    prefix = "test-" + uuid.uuid4().hex[:10]
    web1, web2 = Telemetry(redis, prefix), Telemetry(redis, prefix)
    try:
        web1.observe(WEBHOOK, 0.004)
        web2.observe(WEBHOOK, 0.2)
        web2.flush()
        totals = web1.snapshot()  # flushes its own first
        assert totals["arrivee_webhook_seconds||count"] == 2
        assert totals["arrivee_webhook_seconds||0.005"] == 1 and totals["arrivee_webhook_seconds||0.25"] == 2
        assert totals["arrivee_webhook_seconds||sum"] == pytest.approx(0.204)
    finally:
        redis.delete(f"{prefix}:telemetry")


def test_counts_made_while_redis_is_away_are_kept_for_later(redis):
    from redis import Redis

    prefix = "test-" + uuid.uuid4().hex[:10]
    away = Telemetry(Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2), prefix)
    away.observe(WEBHOOK, 0.01)
    away.flush()
    assert away.snapshot()["arrivee_webhook_seconds||count"] == 1  # this process's own, shown meanwhile
    away.redis = redis
    try:
        away.flush()
        assert Telemetry(redis, prefix).snapshot()["arrivee_webhook_seconds||count"] == 1
    finally:
        redis.delete(f"{prefix}:telemetry")
