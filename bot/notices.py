"""Store change notices over Redis pub/sub: `RedisNotices` publishes them after each commit (the use cases'
ChangeNotices, bot/usecases/ports.py), and live pages (board, simulator) wait on a `Changes` subscription."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redis import Redis
    from redis.client import PubSub

log = logging.getLogger(__name__)


class RedisNotices:
    """Without Redis (`redis` None) nothing is published and every subscription is a plain wait: pages poll."""

    def __init__(self, redis: Redis | None, prefix: str):
        self.redis = redis
        self.prefix = prefix

    def channel(self, store_id: int) -> str:
        # Named after the queue (`prefix`) so stacks sharing one Redis (tests, staging) never wake each other.
        return f"{self.prefix}:store-changed:{store_id}"

    def publish(self, store_id: int | None) -> None:
        """Tell live pages that the store's state changed. Never raises: pages also poll the database."""
        if store_id is None or self.redis is None:
            return
        try:
            self.redis.publish(self.channel(store_id), "changed")
        except Exception:  # noqa: BLE001 - a page missing a wake-up only waits for its next poll
            log.warning("could not publish a change of store %s", store_id, exc_info=True)

    def subscribe(self, store_id: int) -> Changes:
        return Changes(self.redis, self.channel(store_id))


class Changes:
    """A subscription to one store's change notices; `wait` returns early on a notice, else after the timeout.
    Without Redis it degrades to a plain sleep, so callers simply poll."""

    def __init__(self, redis: Redis | None, channel: str):
        self._pubsub: PubSub | None = None
        if redis is None:
            return
        try:
            pubsub = redis.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(channel)
            self._pubsub = pubsub
        except Exception:  # noqa: BLE001 - Redis away: fall back to polling
            log.warning("live updates fall back to polling on %s", channel, exc_info=True)

    def wait(self, timeout: float) -> bool:
        """True when a change notice arrived within `timeout` seconds."""
        if self._pubsub is not None:
            deadline = time.monotonic() + timeout
            try:
                while (left := deadline - time.monotonic()) > 0:
                    if self._pubsub.get_message(timeout=left) is not None:
                        # Several notices in a burst make one wake-up.
                        while self._pubsub.get_message(timeout=0) is not None:
                            pass
                        return True
                return False
            except Exception:  # noqa: BLE001
                log.warning("lost the change subscription; polling instead", exc_info=True)
                self.close()
                left = deadline - time.monotonic()
                if left > 0:
                    time.sleep(left)
                return False
        time.sleep(timeout)
        return False

    def close(self) -> None:
        if self._pubsub is not None:
            try:
                self._pubsub.close()
            except Exception:  # noqa: BLE001
                pass
            self._pubsub = None
