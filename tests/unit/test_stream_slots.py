"""Live streams hold at most their share of a web worker's threads: past it a page is told to come back later, so
Twilio's webhooks always find a thread (bot/web/pages.py, config/gunicorn.conf.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.web import pages


class QuietChanges:
    def wait(self, timeout: float) -> bool:
        return False

    def close(self) -> None:
        pass


SVC = SimpleNamespace(notices=SimpleNamespace(subscribe=lambda store_id: QuietChanges()))


def stream():
    return pages.live_stream(SVC, 1, lambda: "v1", seconds=60, poll=60)


@pytest.fixture(autouse=True)
def no_limit_afterwards():
    yield
    pages.limit_streams(None)


def test_past_the_limit_a_page_gets_one_change_and_a_later_retry_at_once():
    pages.limit_streams(1)
    first = stream()
    assert next(first) == "retry: 1000\n\n"
    busy = list(stream())
    assert busy == [f"retry: {pages.BUSY_RETRY_MS}\n\nevent: change\ndata: busy\n\n"]
    first.close()


def test_a_stream_that_ends_gives_its_slot_back():
    pages.limit_streams(1)
    first = stream()
    next(first)
    first.close()
    second = stream()
    assert next(second) == "retry: 1000\n\n"
    second.close()


def test_a_stream_the_server_never_started_holds_no_slot():
    pages.limit_streams(1)
    never_started = stream()
    never_started.close()
    started = stream()
    assert next(started) == "retry: 1000\n\n"
    started.close()


def test_with_no_slot_at_all_every_page_polls():
    pages.limit_streams(0)
    assert list(stream()) == [f"retry: {pages.BUSY_RETRY_MS}\n\nevent: change\ndata: busy\n\n"]


def test_without_a_limit_streams_are_not_counted():
    pages.limit_streams(None)
    streams = [stream() for _ in range(50)]
    assert all(next(s) == "retry: 1000\n\n" for s in streams)
    for s in streams:
        s.close()


@pytest.mark.parametrize("worker_class, threads, slots", [("gthread", 16, 8), ("sync", 1, 0)])
def test_gunicorns_config_keeps_half_of_each_workers_threads_from_streams(worker_class, threads, slots):
    import runpy
    import signal
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config" / "gunicorn.conf.py"))
    cfg = SimpleNamespace(threads=threads, worker_class_str=worker_class)
    saved = signal.getsignal(signal.SIGTERM)
    try:
        conf["post_worker_init"](SimpleNamespace(cfg=cfg, handle_exit=lambda sig, frame: None))
    finally:
        signal.signal(signal.SIGTERM, saved)
    held = [stream() for _ in range(slots + 1)]
    assert [next(s) for s in held] == ["retry: 1000\n\n"] * slots + [
        f"retry: {pages.BUSY_RETRY_MS}\n\nevent: change\ndata: busy\n\n"
    ]
    for s in held:
        s.close()


def test_the_events_group_lets_streams_use_every_thread():
    import runpy
    import signal
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config" / "gunicorn_events.conf.py"))
    assert conf["worker_class"] == "gthread" and conf["threads"] == 256 and conf["stream_share"] == 1.0
    cfg = SimpleNamespace(threads=conf["threads"], worker_class_str="gthread")
    saved = signal.getsignal(signal.SIGTERM)
    try:
        conf["post_worker_init"](SimpleNamespace(cfg=cfg, handle_exit=lambda sig, frame: None))
    finally:
        signal.signal(signal.SIGTERM, saved)
    held = [stream() for _ in range(256)]
    assert all(next(s) == "retry: 1000\n\n" for s in held)
    for s in held:
        s.close()
