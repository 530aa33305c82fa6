"""The send rate limit: a token bucket per sending number, kept in Redis so every worker draws from the same one,
with a slot held back for staff alerts so a burst of customer texts never delays them."""

from __future__ import annotations

import logging
import threading
import time

from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Refills the bucket for the time passed (Redis's own clock, the same for every worker), then for each floor in
# turn takes one token if `floor` tokens would still be left after it. Returns one string per floor: "0" when
# taken, else the seconds until it could be (a string: Redis turns a Lua number into an integer). Several texts
# from one number take their tokens in one call, as one after the other would.
TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(state[1]), tonumber(state[2])
if tokens == nil or at == nil then tokens, at = capacity, now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local waits = {}
for i = 3, #ARGV do
  local floor = tonumber(ARGV[i])
  if tokens >= 1 + floor then
    tokens = tokens - 1
    waits[#waits + 1] = '0'
  else
    waits[#waits + 1] = tostring((1 + floor - tokens) / rate)
  end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(1000 * (capacity / rate + 1)))
return waits
"""


class LocalBucket:
    """The same bucket in process memory: used while Redis is away, when each worker can only limit itself."""

    def __init__(self):
        self._lock = threading.Lock()
        self._state: dict[str, tuple[float, float]] = {}

    def take(self, key: str, rate: float, capacity: float, floors: list[float]) -> list[float]:
        with self._lock:
            now = time.monotonic()
            tokens, at = self._state.get(key, (capacity, now))
            tokens = min(capacity, tokens + max(0.0, now - at) * rate)
            waits = []
            for floor in floors:
                if tokens >= 1 + floor:
                    tokens -= 1
                    waits.append(0.0)
                else:
                    waits.append((1 + floor - tokens) / rate)
            self._state[key] = (tokens, now)
            return waits


class RateLimiter:
    """At most `rate` texts a second from each sending number, in bursts of at most `capacity` (one second's worth,
    and never less than 2). Ordinary texts leave one token in the bucket; staff alerts (`urgent`) may take it."""

    RESERVED_FOR_URGENT = 1

    def __init__(self, redis, rate: float, prefix: str = "arrivee"):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.redis = redis
        self.rate = float(rate)
        self.capacity = max(2.0, self.rate)
        self.prefix = prefix
        self._take = redis.register_script(TAKE) if redis is not None else None
        self._local = LocalBucket()
        self._redis_failed = False

    def key(self, sender: str) -> str:
        return f"{self.prefix}:send-rate:{sender}"

    def wait_time(self, sender: str, urgent: bool = False) -> float:
        """Take a token now (0.0), or say how long until one could be taken."""
        return self.wait_times(sender, [urgent])[0]

    def wait_times(self, sender: str, urgents: list[bool]) -> list[float]:
        """wait_time for several texts from one number, in this order, in one round trip to Redis."""
        floors = [0 if urgent else self.RESERVED_FOR_URGENT for urgent in urgents]
        if self._take is not None:
            try:
                waits = [
                    float(w) for w in self._take(keys=[self.key(sender)], args=[self.rate, self.capacity, *floors])
                ]
                if self._redis_failed:
                    log.info("send rate limit shared through Redis again")
                    self._redis_failed = False
                return waits
            except RedisError:
                if not self._redis_failed:
                    log.warning("Redis unavailable: each worker limits its own send rate until it is back")
                    self._redis_failed = True
        return self._local.take(sender, self.rate, self.capacity, floors)

    def take_now(self, texts: list[tuple[str, bool]]) -> list[bool]:
        """For each (sender, urgent), in order: whether a token was there to take at once. One round trip per
        sending number, where `acquire(max_wait=0)` for each text would make one per text."""
        by_sender: dict[str, list[int]] = {}
        for i, (sender, _urgent) in enumerate(texts):
            by_sender.setdefault(sender, []).append(i)
        taken = [False] * len(texts)
        for sender, indexes in by_sender.items():
            for i, wait in zip(indexes, self.wait_times(sender, [texts[i][1] for i in indexes])):
                taken[i] = wait <= 0
        return taken

    def acquire(self, sender: str, urgent: bool = False, max_wait: float = 10.0) -> bool:
        """Wait for a token, at most `max_wait` seconds; False if none came (the caller puts the text back). Returns
        False at once when the bucket says no token comes within what is left of `max_wait`: sleeping would only
        hold the thread."""
        deadline = time.monotonic() + max_wait
        while True:
            wait = self.wait_time(sender, urgent)
            if wait <= 0:
                return True
            left = deadline - time.monotonic()
            if wait > left:
                return False
            time.sleep(wait)
