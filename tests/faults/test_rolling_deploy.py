"""A deploy as docs/deploy.md describes it, under a steady stream of arrivals: the release step migrates while the
old processes run, then each worker is replaced (the new one started, the old one stopped with SIGTERM) and the
web's gunicorn replaces its workers (SIGHUP). Every text answered 200 is processed, every answer reaches Twilio
once: nothing lost, nothing doubled."""

from __future__ import annotations

import signal
import threading
import time

from .support import JULIE, STORE

ARRIVALS = 30


def test_a_rolling_restart_during_arrivals_loses_no_text_and_sends_none_twice(launch, shop_factory, twilio):
    stack = launch(workers=2)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    customers = [f"+1514555{400 + i:04d}" for i in range(ARRIVALS)]
    for phone in customers:
        shop.customer(phone)
    answers: dict[str, int | str] = {}
    done = threading.Event()

    def arrive():
        for phone in customers:
            try:
                answers[phone] = stack.text(phone, STORE, "rendu place 4").status_code
            except Exception as exc:  # noqa: BLE001 - a refused connection is a lost text: reported below
                answers[phone] = type(exc).__name__
            time.sleep(0.2)
        done.set()

    sender = threading.Thread(target=arrive)
    sender.start()
    time.sleep(0.5)
    stack.cli("init-db")  # the release step, old processes still running
    for old in list(stack.workers):
        stack.start_worker()
        time.sleep(1.0)
        stack.kill_worker(old, sig=signal.SIGTERM)
        assert old.wait(30) == 0  # a graceful stop: the text and the job in hand finished first
    assert stack.web is not None
    stack.web.send_signal(signal.SIGHUP)  # gunicorn: new workers, the old ones finish their requests
    assert done.wait(60)
    sender.join()

    assert answers == dict.fromkeys(customers, 200)
    shop.wait_processed(ARRIVALS, timeout=60)
    shop.wait_settled(timeout=60)
    ledger = shop.ledger(twilio)
    assert ledger == {
        "in": ARRIVALS,
        "processed": ARRIVALS,
        "out": 2 * ARRIVALS,  # each arrival: the customer's acknowledgement and Julie's alert
        "at_twilio": 2 * ARRIVALS,
        "duplicates": 0,
    }
    assert all(len(twilio.messages(to=phone)) == 1 for phone in customers)
