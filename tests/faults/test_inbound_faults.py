"""An inbound text answered 200 is processed exactly once in effect: Twilio delivering it again (also at the same
moment), a worker killed in the middle of it, Redis down when it arrives, the database briefly unreachable."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy.engine import make_url

from tests.support.live import TcpProxy

from .support import JULIE, STORE, bodies, inbound_list_length

CUSTOMERS = ["+15145550121", "+15145550122", "+15145550123"]


def test_a_text_twilio_delivers_five_times_three_at_once_is_processed_once(launch, shop_factory, twilio):
    stack = launch(workers=2)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(CUSTOMERS[0])
    sid = "SM" + uuid.uuid4().hex
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: stack.text(CUSTOMERS[0], STORE, "rendu place 4", sid=sid), range(3)))
    answers += [stack.text(CUSTOMERS[0], STORE, "rendu place 4", sid=sid) for _ in range(2)]
    assert [a.status_code for a in answers] == [200] * 5

    shop.wait_processed(1)
    shop.wait_settled()
    time.sleep(1.0)  # long enough for any second processing to have shown up
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 2, "at_twilio": 2, "duplicates": 0}
    assert len(bodies(twilio, JULIE)) == 1 and len(shop.handoffs()) == 1


def test_a_worker_killed_while_deciding_a_text_leaves_it_for_the_next_worker(
    launch, shop_factory, twilio, redis_server
):
    # Stale after 3 s here, not 1: the next worker's start-up sweep must not queue the text a second time while
    # the first worker holds it, or the test could not tell that the first one took it.
    stack = launch(workers=0, SWEEP_AFTER_SECONDS=3)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(CUSTOMERS[0])
    assert stack.text(CUSTOMERS[0], STORE, "rendu place 4").status_code == 200
    with shop.write_lock():  # the worker takes the text, then waits on the lock, mid-decision
        stack.start_worker()
        shop.wait(lambda: inbound_list_length(redis_server.url, stack) == 0, what="the worker to take the text")
        time.sleep(0.5)
        stack.kill_worker()
    [text] = shop.rows("in")
    assert text.status == "received" and twilio.messages() == []

    stack.start_worker()
    shop.wait_processed(1)
    shop.wait_settled()
    time.sleep(1.0)
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 2, "at_twilio": 2, "duplicates": 0}
    assert len(shop.handoffs()) == 1


def test_workers_killed_while_sending_a_texts_replies_leave_nothing_unsent_or_sent_twice(launch, shop_factory, twilio):
    stack = launch(workers=2)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    for phone in CUSTOMERS[:2]:
        shop.customer(phone)
    # Twilio holds each staff alert's request for 5 s, and both workers are killed in the middle of those calls. The
    # first alert was recorded by Twilio (it went out), the second was not; each customer's answer, claimed with
    # its alert in the decision's transaction but sent after it, never started.
    twilio.fail_next(to=JULIE, delay=5, accept=True)
    twilio.fail_next(to=JULIE, delay=5, accept=False)
    for i, phone in enumerate(CUSTOMERS[:2]):  # one after the other: each worker's drain takes one
        assert stack.text(phone, STORE, "rendu place 4").status_code == 200
        shop.wait(
            lambda n=i + 1: (
                len([m for m in shop.rows("out") if m.template == "staff_arrival" and m.status == "sending"]) == n
            ),
            what=f"{i + 1} alerts sending",
        )
    for worker in list(stack.workers):
        stack.kill_worker(worker)
    assert sorted((m.template, m.status) for m in shop.rows("out")) == [
        ("arrival_ack", "sending"),
        ("arrival_ack", "sending"),
        ("staff_arrival", "sending"),
        ("staff_arrival", "sending"),
    ]

    stack.start_worker()
    shop.wait_settled()
    time.sleep(1.0)
    assert shop.ledger(twilio) == {"in": 2, "processed": 2, "out": 4, "at_twilio": 4, "duplicates": 0}
    assert len(bodies(twilio, JULIE)) == 2 and len(twilio.rejected()) == 1
    assert all(len(bodies(twilio, phone)) == 1 for phone in CUSTOMERS[:2])


def test_texts_that_arrive_while_redis_is_down_are_answered_200_and_processed_once_it_is_back(
    launch, shop_factory, twilio, redis_server
):
    stack = launch(workers=1)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    for phone in CUSTOMERS:
        shop.customer(phone)
    redis_server.stop()
    sids = ["SM" + uuid.uuid4().hex for _ in CUSTOMERS]
    answers = [stack.text(phone, STORE, "rendu place 4", sid=sid) for phone, sid in zip(CUSTOMERS, sids)]
    answers.append(stack.text(CUSTOMERS[0], STORE, "rendu place 4", sid=sids[0]))  # Twilio re-delivers one
    assert [a.status_code for a in answers] == [200] * 4
    assert [m.status for m in shop.rows("in")] == ["received"] * 3
    redis_server.start()  # back, and empty: the texts' ids were never in it

    shop.wait_processed(3)
    shop.wait_settled()
    time.sleep(1.0)
    assert shop.ledger(twilio) == {"in": 3, "processed": 3, "out": 6, "at_twilio": 6, "duplicates": 0}
    assert len(bodies(twilio, JULIE)) == 3


def test_texts_keep_flowing_while_redis_stays_down(launch, shop_factory, twilio, redis_server):
    stack = launch(workers=1)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    for phone in CUSTOMERS:
        shop.customer(phone)
    redis_server.stop()
    assert all(stack.text(phone, STORE, "rendu place 4").status_code == 200 for phone in CUSTOMERS)
    # No queue: the worker's sweeper finds the stored texts in the database and processes them itself.
    shop.wait_processed(3)
    shop.wait_settled()
    assert shop.ledger(twilio) == {"in": 3, "processed": 3, "out": 6, "at_twilio": 6, "duplicates": 0}

    redis_server.start()
    time.sleep(1.5)  # sweeps with Redis back find nothing left to do
    assert shop.ledger(twilio) == {"in": 3, "processed": 3, "out": 6, "at_twilio": 6, "duplicates": 0}


def test_texts_that_arrive_while_the_database_is_unreachable_are_kept_in_redis_and_processed_once(
    launch, shop_factory, twilio, database_url
):
    if not database_url.startswith("postgresql"):
        pytest.skip("an unreachable database is a networked one's fault; SQLite is a local file")
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    phones = CUSTOMERS + ["+15145550124"]
    try:
        stack = launch(workers=1, url=url.set(port=proxy.port).render_as_string(hide_password=False))
        shop = shop_factory()  # the test's own connection goes straight to PostgreSQL, not through the relay
        shop.staff("Julie Tremblay", JULIE)
        for phone in phones:
            shop.customer(phone)
        assert stack.text(phones[0], STORE, "rendu place 4").status_code == 200
        shop.wait_settled()
        alert = shop.rows("out", template="staff_arrival")[0]
        stack.kill_worker()
        assert stack.text(phones[1], STORE, "rendu place 4").status_code == 200  # stored; no worker yet

        proxy.cut()
        stack.start_worker()  # it takes that text, and cannot reach the database to decide it
        sids = ["SM" + uuid.uuid4().hex for _ in phones[2:]]
        answers = [stack.text(phone, STORE, "rendu place 4", sid=sid) for phone, sid in zip(phones[2:], sids)]
        answers.append(stack.text(phones[2], STORE, "rendu place 4", sid=sids[0]))  # Twilio re-delivers one
        form = {"MessageSid": alert.twilio_sid, "MessageStatus": "delivered", "AccountSid": twilio.account_sid}
        callback = requests.post(
            stack.url + "/twilio/status",
            data=form,
            timeout=5,
            headers={"X-Twilio-Signature": stack.sign("/twilio/status", form)},
        )
        assert [a.status_code for a in answers] == [200] * 3 and callback.status_code == 204
        time.sleep(2.0)
        assert [m.status for m in shop.rows("in")] == ["processed", "received"]  # kept, not given up
        proxy.restore()

        shop.wait_processed(4)
        shop.wait_settled()
        shop.wait(lambda: shop.rows("out", id=alert.id)[0].status == "delivered", what="the deferred callback")
        time.sleep(1.0)
        assert shop.ledger(twilio) == {"in": 4, "processed": 4, "out": 8, "at_twilio": 8, "duplicates": 0}
        assert len(bodies(twilio, JULIE)) == 4
    finally:
        proxy.stop()
