"""Whether this host's worker has joined RQ in Redis: the worker container's healthcheck, `python -m bot.jobs.liveness`
(compose.yaml). Light on purpose: it runs every 30 s beside the worker and imports only RQ and the settings."""

from __future__ import annotations

import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redis import Redis


def registered(connection: Redis, hostname: str) -> bool:
    """An RQ worker started on HOSTNAME is registered (it registers once its Redis answers, and leaves on a stop)."""
    from rq import Worker

    return any(worker.hostname == hostname for worker in Worker.all(connection=connection))


def main() -> int:
    from redis import Redis

    from config.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return 1
    hostname = socket.gethostname()
    try:
        connection = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
        found = registered(connection, hostname)
    except Exception as exc:  # noqa: BLE001 - Redis unreachable is this check's "not working", not a crash
        print(f"worker: Redis did not answer ({type(exc).__name__}): check REDIS_URL", file=sys.stderr)
        return 1
    if not found:
        print(f"worker: no RQ worker registered from {hostname}", file=sys.stderr)
        return 1
    print(f"worker: registered from {hostname}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
