"""Escalation timers survive worker restarts and Redis losing everything: they live in RQ's schedule in Redis, and
the sweeper re-arms them from the database when Redis no longer holds them."""

from __future__ import annotations

import time

from .support import JULIE, SOPHIE, STORE

MARIE = "+15145550123"


def test_an_escalation_survives_a_killed_worker_and_a_redis_that_restarted_empty(
    launch, shop_factory, twilio, redis_server
):
    stack = launch(workers=1)
    shop = shop_factory(escalation_seconds=2)
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Sophie Roy", SOPHIE, role="manager", on_duty=False)
    shop.customer(MARIE)
    # Timers count from the arrival, which comes after this moment; the alert itself may reach Twilio late on a
    # loaded machine, so "not early" is measured from here.
    posted = time.time()
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    twilio.wait_for(1, to=JULIE, timeout=10)

    # The worker dies and Redis restarts with nothing: the escalation timer armed in it is gone.
    stack.kill_worker()
    redis_server.restart()
    stack.start_worker()

    realert = twilio.wait_for(2, to=JULIE, timeout=15)[1]
    assert realert["body"].startswith("Attend toujours")
    assert realert["received_at"] - posted >= 2 - 0.5  # not early either
    # Firing, the re-alert armed the next level, which goes to the manager 2 s later.
    [escalation] = twilio.wait_for(1, to=SOPHIE, timeout=15)
    assert escalation["received_at"] - posted >= 2 * 2 - 0.5
    time.sleep(1.0)  # a timer fired twice (the re-armed one and the sweeper's) would show up by now
    assert [len(shop.rows("out", template=t)) for t in ("staff_arrival", "staff_realert", "staff_escalation")] == [
        1,
        1,
        1,
    ]
    assert shop.handoffs()[0].escalation_level == 2
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 4, "at_twilio": 4, "duplicates": 0}


def test_workers_restarting_while_a_timer_waits_neither_lose_nor_double_it(launch, shop_factory, twilio):
    stack = launch(workers=2)
    shop = shop_factory(escalation_seconds=2)
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(MARIE)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    twilio.wait_for(1, to=JULIE, timeout=10)
    for _ in range(2):  # each start-up sweeps; Redis still holds the timer, so none re-arms or fires it again
        stack.kill_worker(next(w for w in stack.workers if w.poll() is None))
        stack.start_worker()
    twilio.wait_for(2, to=JULIE, timeout=15)
    time.sleep(1.0)  # room for a wrongly re-armed timer to fire a third text
    shop.wait_settled()  # a killed worker's last send is recorded by the sweep, which may come later under load
    assert [len(shop.rows("out", template=t)) for t in ("staff_arrival", "staff_realert")] == [1, 1]
    ledger = shop.ledger(twilio)
    assert (ledger["at_twilio"], ledger["duplicates"]) == (ledger["out"], 0)
