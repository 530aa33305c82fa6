"""Do the live boards cost the webhook? The webhook load of bench/webhook.py (wrk, signed distinct texts, 16
connections) while N board event streams (/board/<token>/events, one store each) are held open the way browsers
hold them: a stream the server ends is opened again at once.

    .venv/bin/python -m bench.streams [--streams 0,16,32,48] [--seconds 8] [--rounds 3] [--conf config/gunicorn.conf.py]
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import threading
import time
import uuid
from pathlib import Path

from . import machine, stack, webhook

_RETRY = re.compile(rb"^retry: (\d+)", re.M)


class Boards:
    """N EventSource-like readers, each its own thread and socket: connect, GET the stream, read until the server
    closes, reconnect after the stream's last `retry:` (as a browser's EventSource does). Counts connections and bytes; `first_byte_ms` is how long each connection waited for its
    first bytes (a stream queued behind busy server threads shows here)."""

    def __init__(self, port: int, paths: list[str]):
        self.port, self.paths = port, paths
        self.stop = threading.Event()
        self.connects = 0
        self.bytes = 0
        self.first_byte_ms: list[float] = []
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._hold, args=(p,), daemon=True) for p in paths]

    def start(self) -> Boards:
        for t in self._threads:
            t.start()
        return self

    def _hold(self, path: str) -> None:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nAccept: text/event-stream\r\n\r\n".encode()
        retry = 1.0
        while not self.stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    t = time.perf_counter()
                    s.sendall(request)
                    first = True
                    while not self.stop.is_set():
                        try:
                            chunk = s.recv(65536)
                        except TimeoutError:
                            continue
                        if not chunk:
                            break
                        found = _RETRY.findall(chunk)
                        if found:
                            retry = int(found[-1]) / 1000
                        with self._lock:
                            self.bytes += len(chunk)
                            if first:
                                self.connects += 1
                                self.first_byte_ms.append((time.perf_counter() - t) * 1000)
                        first = False
            except OSError:
                pass
            self.stop.wait(retry)

    def close(self) -> None:
        self.stop.set()
        for t in self._threads:
            t.join(3)


def _stores(db_url: str, n: int) -> list[str]:
    """The webhook's store, and n more stores; the boards' tokens."""
    from bot.data.db import Database
    from bot.usecases.stores import create_store

    db = Database(db_url)
    create_store(db, "Bench Store", webhook.STORE_NUMBER, escalation_seconds=3600)
    tokens = []
    for i in range(n):
        store = create_store(db, f"Board Store {i}", f"+1514555{2000 + i:04d}", escalation_seconds=3600)
        tokens.append(store["board_token"] if isinstance(store, dict) else store.board_token)
    db.dispose()
    return tokens


def case(env, conf: str, streams: int, port: int, url: str, warm, main, seconds: float, db_kind: str = "sqlite"):
    with stack.database(db_kind, env.tmp) as db_url:
        tokens = _stores(db_url, streams)
        queue = "bench-" + uuid.uuid4().hex[:6]
        environ = stack.app_env(env, db_url, port, queue)
        web = stack.Web(env, "bot:create_app()", environ, port, name="web-streams", conf=conf).wait()
        boards = Boards(port, [f"/board/{t}/events" for t in tokens]).start()
        try:
            deadline = time.monotonic() + 5
            while boards.connects < streams and time.monotonic() < deadline:
                time.sleep(0.05)
            opened = boards.connects
            webhook._load(url, warm, 2, 16)
            result = webhook._measured(web, url, main, seconds, 16)
            result["streams"] = streams
            result["streams_open_at_start"] = opened
            result["stream_connects"] = boards.connects
            result["stream_first_byte_p90_ms"] = (
                statistics.quantiles(boards.first_byte_ms, n=10)[-1] if len(boards.first_byte_ms) > 1 else None
            )
        finally:
            boards.close()
            web.stop()
        result["stored"], result["signalled"] = webhook._stored(db_url, env, queue)
    return result


def run(configs: list[tuple[str, str]], counts: list[int], seconds: float, rounds: int, log=print) -> dict:
    """configs: (label, gunicorn config file). Rounds interleave every (config, count) case."""
    out: dict = {"load_before": machine.loadavg(), "rows": []}
    with stack.Env() as env:
        env.start_standin()
        port = stack.free_port()
        url = f"http://127.0.0.1:{port}/twilio/sms"
        main, warm = env.tmp / "m.txt", env.tmp / "w.txt"
        webhook.write_requests(main, url, int(7000 * seconds) + 1000)
        webhook.write_requests(warm, url, 15000, start=10_000_000)
        runs: dict[tuple[str, int], list[dict]] = {(c, n): [] for c, _ in configs for n in counts}
        for r in range(rounds):
            for label, conf in configs:
                for n in counts:
                    res = case(env, conf, n, port, url, warm, main, seconds)
                    runs[(label, n)].append(res)
                    log(
                        f"round {r + 1}/{rounds} {label}, {n} streams: {res['rps']:.0f} req/s, p99 "
                        f"{res['p99_us'] / 1000:.1f} ms, max {res['max_us'] / 1000:.0f} ms, non-200 {res['non200']}, "
                        f"timeouts {res.get('timeouts', 0)}, stream connects {res['stream_connects']}"
                    )
        for (label, n), rs in runs.items():
            rs.sort(key=lambda x: x["rps"])
            mid = rs[(len(rs) - 1) // 2]
            out["rows"].append(
                {
                    "config": label,
                    "streams": n,
                    "rps": mid["rps"],
                    "runs_rps": [x["rps"] for x in rs],
                    "p99_ms": mid["p99_us"] / 1000,
                    "max_ms": mid["max_us"] / 1000,
                    "cpu_ms_per_request": mid["cpu_ms_per_request"],
                    "timeouts": mid.get("timeouts", 0),
                    "non200": mid["non200"],
                    "stream_connects": mid["stream_connects"],
                    "stored": mid["stored"],
                    "answered": mid["requests"] - mid["non200"],
                }
            )
    out["load_after"] = machine.loadavg()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.streams", description=__doc__)
    parser.add_argument("--streams", default="0,16,32,48")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--conf", action="append", help="label=path of a gunicorn config (default: the Procfile's)", default=[]
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    configs = [tuple(c.split("=", 1)) for c in args.conf] or [("Procfile", "config/gunicorn.conf.py")]
    result = run(configs, [int(x) for x in args.streams.split(",")], args.seconds, args.rounds)
    text = json.dumps(result, indent=1)
    if args.json:
        args.json.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
