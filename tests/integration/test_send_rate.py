"""The send rate limit's bucket in Redis: texts of one number share it, staff alerts may take the last token."""

from __future__ import annotations

import time
import uuid

import pytest
from redis import Redis

from bot.messaging.ratelimit import RateLimiter


@pytest.fixture
def limiter(redis):
    prefix = "test-" + uuid.uuid4().hex[:8]
    yield RateLimiter(redis, rate=2, prefix=prefix)  # a bucket of 2 tokens, refilled at 2 a second
    for key in redis.scan_iter(f"{prefix}:*"):
        redis.delete(key)


STORE = "+15145550100"


def test_after_an_alert_takes_a_token_an_ordinary_text_leaves_the_last_one_for_alerts(limiter):
    assert limiter.take_now([(STORE, True), (STORE, False)]) == [True, False]


def test_the_last_token_is_kept_for_a_staff_alert(limiter):
    assert limiter.take_now([(STORE, False), (STORE, False)]) == [True, False]
    assert limiter.take_now([(STORE, True)]) == [True]


def test_texts_taken_together_get_what_one_at_a_time_would(redis):
    together = RateLimiter(redis, rate=2, prefix="test-" + uuid.uuid4().hex[:8])
    apart = RateLimiter(redis, rate=2, prefix="test-" + uuid.uuid4().hex[:8])
    texts = [(STORE, True), (STORE, False), (STORE, True), (STORE, True)]
    one_at_a_time = [apart.wait_time(sender, urgent) == 0 for sender, urgent in texts]
    assert together.take_now(texts) == one_at_a_time == [True, False, True, False]


def test_each_sending_number_has_a_bucket_of_its_own(limiter):
    other = "whatsapp:+15145550100"
    assert limiter.take_now([(STORE, True), (other, True), (STORE, True), (other, True)]) == [True, True, True, True]
    assert limiter.take_now([(STORE, True), (other, True)]) == [False, False]


def test_a_refused_text_is_told_how_long_until_its_token(limiter):
    limiter.take_now([(STORE, True), (STORE, True)])
    wait = limiter.wait_time(STORE, urgent=True)
    assert 0.4 < wait <= 0.5  # one token at 2 a second


def test_acquire_gives_up_at_once_when_no_token_comes_within_its_wait(limiter):
    limiter.take_now([(STORE, True), (STORE, True)])  # the next token in half a second
    started = time.monotonic()
    assert limiter.acquire(STORE, urgent=True, max_wait=0.25) is False
    assert time.monotonic() - started < 0.1  # not a quarter of a second spent holding the thread for nothing


def test_acquire_waits_for_a_token_that_comes_within_its_wait(limiter):
    limiter.take_now([(STORE, True), (STORE, True)])
    started = time.monotonic()
    assert limiter.acquire(STORE, urgent=True, max_wait=1.0) is True
    assert 0.4 < time.monotonic() - started < 0.9


def test_with_redis_away_each_worker_keeps_the_same_rule_in_its_own_memory():
    limiter = RateLimiter(Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2), rate=2)
    assert limiter.take_now([(STORE, True), (STORE, False), (STORE, True)]) == [True, False, True]
    assert limiter.take_now([(STORE, True)]) == [False]
