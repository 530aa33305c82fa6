"""Sending keeps to a rate per sending number shared by all workers, staff alerts first; web and worker stop
gracefully on SIGTERM, finishing what they hold."""

from __future__ import annotations

import signal
import threading
import time
import uuid

import requests

from bot.usecases.orders import create_order, mark_ready
from bot.wiring import build
from config.settings import load_settings

from .support import JULIE, STORE, bodies

MARIE = "+15145550123"


def test_a_burst_keeps_to_the_rate_of_the_sending_number_and_the_staff_alert_goes_first(launch, shop_factory, twilio):
    stack = launch(workers=2, SEND_RATE_PER_SECOND=4)  # two workers, one shared bucket
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(MARIE)
    api = build(load_settings(stack.env), role="web")  # the API's process
    customers = [f"+1514555{200 + i:04d}" for i in range(12)]
    for i, phone in enumerate(customers):  # twelve "your order is ready" texts at once
        create_order(api, shop.store_id, f"20{i:02d}", phone, customer_name="Client Test", language="fr")
        mark_ready(api, shop.store_id, f"20{i:02d}")
    api.db.dispose()
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200  # then someone arrives

    sent = twilio.wait_for(14, timeout=20)
    times = sorted(m["received_at"] for m in sent)
    # A bucket of 4 (one kept for staff alerts), refilled at 4 a second: 14 texts take at least (14 - 4) / 4 s, and
    # no second holds more than 4 + 4 (+ 2: a busy machine may delay one send after its token and bunch it with
    # the next). Without the shared bucket the two workers would send all 14 within about a second.
    assert times[-1] - times[0] >= (14 - 4) / 4 - 0.25
    assert max(sum(1 for t in times if start <= t < start + 1.0) for start in times) <= 8 + 2
    alert_at = twilio.messages(to=JULIE)[0]["received_at"]
    ready_after_alert = [m for m in sent if m["to"] in customers and m["received_at"] > alert_at]
    assert len(ready_after_alert) >= 4  # the alert jumped the line of customer texts
    shop.wait_settled()
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 14, "at_twilio": 14, "duplicates": 0}


def test_a_number_out_of_send_slots_holds_up_no_other_stores_alerts(launch, shop_factory, twilio):
    stack = launch(workers=1, SEND_RATE_PER_SECOND=1, DRAIN_THREADS=2)  # a slow number, few threads
    busy = shop_factory()
    busy.staff("Julie Tremblay", JULIE)
    arrivals = [f"+1514555{300 + i:04d}" for i in range(6)]
    for phone in arrivals:
        busy.customer(phone)
    other_number, other_staff, other_customer = "+15145550200", "+15145550211", "+15145550223"
    other = shop_factory(number=other_number, name="Plein Air Rosemont")
    other.staff("Marc Gagnon", other_staff)
    other.customer(other_customer, name="Luc Roy")
    for phone in arrivals:  # six arrivals, twelve texts, from a number that sends one a second
        assert stack.text(phone, STORE, "rendu place 4").status_code == 200
    twilio.wait_for(1, timeout=10)  # the busy store's texts have started going out
    posted = time.time()
    assert stack.text(other_customer, other_number, "rendu place 9").status_code == 200

    alert = twilio.wait_for(1, to=other_staff, timeout=20)[0]
    # The other store's number has all its slots: its alert goes at once, while the busy number's texts wait their
    # turn on the delivery lane. (When the deciding threads waited for slots themselves, both sat on the busy
    # number's texts and this alert came seconds later.)
    assert alert["received_at"] - posted < 2.0
    busy_texts = [m for m in twilio.wait_for(14, timeout=30) if m["from"] == STORE]
    assert len(busy_texts) == 12
    times = sorted(m["received_at"] for m in busy_texts)
    assert times[-1] - times[0] >= (12 - 2) / 1 - 0.5  # the busy number still kept to its rate


def test_a_number_with_a_backlog_holds_up_no_other_stores_deliveries(launch, shop_factory, twilio):
    stack = launch(workers=1, SEND_RATE_PER_SECOND=1)  # one worker: one thread for every store's deliveries
    busy = shop_factory()
    customers = [f"+1514555{400 + i:04d}" for i in range(10)]
    api = build(load_settings(stack.env), role="web")  # the API's process
    for i, phone in enumerate(customers):  # ten "your order is ready" texts at once from a number sending 1 a second
        create_order(api, busy.store_id, f"40{i:02d}", phone, customer_name="Client Test", language="fr")
        mark_ready(api, busy.store_id, f"40{i:02d}")
    twilio.wait_for(1, timeout=10)  # the busy number's texts have started going out
    other = shop_factory(number="+15145550200", name="Plein Air Rosemont")
    luc = "+15145550223"
    posted = time.time()
    create_order(api, other.store_id, "7001", luc, customer_name="Luc Roy", language="fr")
    mark_ready(api, other.store_id, "7001")
    api.db.dispose()

    told = twilio.wait_for(1, to=luc, timeout=20)[0]
    # The other store's number has its slots: Luc is told at once, while the busy number's texts wait their turn
    # scheduled, not on the worker's thread. (When that thread waited for each slot, up to 10 s a text, Luc's text
    # came after the busy number's whole line, nine seconds later.)
    assert told["received_at"] - posted < 2.5
    busy_texts = [m for m in twilio.wait_for(11, timeout=40) if m["to"] in customers]
    assert len(busy_texts) == 10
    times = sorted(m["received_at"] for m in busy_texts)
    assert times[-1] - times[0] >= (10 - 2) / 1 - 0.5  # the busy number still kept to its rate
    busy.wait_settled()
    assert busy.ledger(twilio)["duplicates"] == 0


def test_a_worker_stopped_with_sigterm_finishes_the_text_and_the_job_in_hand_then_exits(launch, shop_factory, twilio):
    stack = launch(workers=1, TWILIO_TIMEOUT_SECONDS=5)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(MARIE)
    api = build(load_settings(stack.env), role="web")
    create_order(api, shop.store_id, "3000", "+15145550199", customer_name="Luc Roy", language="fr")
    # Twilio takes 2 s to answer the staff alert (the drain thread's text) and the order-ready text (an RQ job).
    twilio.fail_next(to=JULIE, accept=True, delay=2)
    twilio.fail_next(to="+15145550199", accept=True, delay=2)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    mark_ready(api, shop.store_id, "3000")
    api.db.dispose()
    shop.wait(
        lambda: {m.template for m in shop.rows("out") if m.status == "sending"} >= {"staff_arrival", "order_ready"},
        what="both sends under way",
    )

    worker = stack.kill_worker(sig=signal.SIGTERM)
    assert worker.wait(15) == 0
    assert {m.template: m.status for m in shop.rows("out")} == {
        "staff_arrival": "sent",
        "arrival_ack": "sent",
        "order_ready": "sent",
    }
    stack.start_worker()
    time.sleep(1.5)  # nothing is left for the next worker to find
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 3, "at_twilio": 3, "duplicates": 0}


def test_the_web_stopped_with_sigterm_answers_the_requests_it_holds_and_every_200_is_processed(
    launch, shop_factory, twilio
):
    stack = launch(workers=1)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    customers = [f"+1514555{300 + i:04d}" for i in range(24)]
    for phone in customers:
        shop.customer(phone)
    answers: dict[str, int | str] = {}
    lock = threading.Lock()

    def post(phone: str) -> None:
        sid = "SM" + uuid.uuid4().hex
        try:
            code = stack.text(phone, STORE, "rendu place 4", sid=sid).status_code
        except requests.RequestException as exc:
            code = type(exc).__name__
        with lock:
            answers[sid] = code

    def flood(phones):
        for phone in phones:
            post(phone)

    threads = [threading.Thread(target=flood, args=(customers[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    shop.wait(lambda: len(answers) >= 8, what="the first answers")
    stack.web.send_signal(signal.SIGTERM)
    for t in threads:
        t.join(30)
    assert stack.web.wait(30) == 0

    ok = {sid for sid, code in answers.items() if code == 200}
    assert len(ok) >= 8 and all(code == 200 or isinstance(code, str) for code in answers.values())
    shop.wait_processed(len(ok))
    shop.wait_settled()
    stored = {m.twilio_sid for m in shop.rows("in")}
    assert ok <= stored  # every text answered 200 was stored (a cut-off request may have been stored too)
    assert len(bodies(twilio, JULIE)) == len(stored)
    assert shop.ledger(twilio) == {
        "in": len(stored),
        "processed": len(stored),
        "out": 2 * len(stored),
        "at_twilio": 2 * len(stored),
        "duplicates": 0,
    }
