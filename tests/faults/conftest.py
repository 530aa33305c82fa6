"""Fault tests: real processes (gunicorn, `python worker.py`, a private redis-server, the Twilio stand-in over HTTP),
a fault injected into one of them, and the ledger checked afterwards: texts in, texts out, duplicates zero."""

from __future__ import annotations

import pytest

from tests.support.live import LiveStack, RedisServer

from .support import Shop

# Short clocks, so that a fault and its recovery fit in a test: a text is 'stale' after 1 s, each worker sweeps
# twice a second, a Twilio call times out after 1 s (a 'sending' row is stuck after 1 + 2 × 1 s), and the first
# retry comes after 0.15-0.3 s. The loop guard is raised: staff here text "OK" faster than people do.
FAST = {
    "SWEEP_AFTER_SECONDS": "1",
    "SWEEP_EVERY_SECONDS": "0.5",
    "TWILIO_TIMEOUT_SECONDS": "1",
    "SEND_BACKOFF_SECONDS": "0.3",
    "LOOP_TEXTS_PER_MINUTE": "60",
}


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def launch(database_url, twilio, redis_server, tmp_path):
    """launch(workers=1, url=None, **settings) starts the web and workers against this test's Redis and database."""
    stacks: list[LiveStack] = []

    def start(workers: int = 1, url: str | None = None, **settings: str) -> LiveStack:
        stack = LiveStack(
            url or database_url,
            twilio,
            tmp_path,
            redis_url=redis_server.url,
            env={**FAST, **{k: str(v) for k, v in settings.items()}},
        )
        stacks.append(stack)
        return stack.start(workers=workers)

    yield start
    for stack in stacks:
        stack.stop(fast=True)


@pytest.fixture
def shop_factory(database_url):
    shops: list[Shop] = []

    def make(**kwargs) -> Shop:
        shop = Shop(database_url, **kwargs)
        shops.append(shop)
        return shop

    yield make
    for shop in shops:
        shop.close()
