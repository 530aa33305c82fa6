"""The demo conversation through real processes: signed HTTP webhook → Redis → RQ worker → Twilio stand-in."""

from __future__ import annotations

import time

import pytest
import requests

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"


@pytest.fixture
def shop(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    assert (
        stack.api(
            "POST",
            f"/stores/{store['id']}/staff",
            token,
            json={"name": "Julie Tremblay", "phone": "514 555 0111", "role": "staff"},
        ).status_code
        == 201
    )
    [welcome] = bodies(twilio, JULIE, 1)  # a new staff member is told what texts will come and how to answer
    assert "OK pour en prendre une" in welcome
    twilio.reset()
    return store, token


def bodies(twilio, to, count, timeout=10.0):
    return [m["body"] for m in twilio.wait_for(count, timeout=timeout, to=to)]


def test_order_ready_here_spot_ok_done_reaches_twilio(stack, twilio, shop):
    store, token = shop
    created = stack.api(
        "POST",
        f"/stores/{store['id']}/orders",
        token,
        json={
            "number": "1234",
            "customer_name": "Marie Lavoie",
            "customer_phone": "(514) 555-0123",
            "language": "fr",
            "status": "pending",
        },
    )
    assert created.status_code == 201, created.text
    assert stack.api("POST", f"/stores/{store['id']}/orders/1234/ready", token).json()["status"] == "ready"
    [ready] = bodies(twilio, MARIE, 1)
    assert "#1234" in ready

    response = stack.text(MARIE, STORE, "chu rendue place 4")
    assert response.status_code == 200 and "<Response" in response.text
    [alert] = bodies(twilio, JULIE, 1)
    assert "place 4" in alert and "Marie L." in alert
    assert "place 4" in bodies(twilio, MARIE, 2)[1]

    stack.text(JULIE, STORE, "OK")
    assert "s'en vient" in bodies(twilio, MARIE, 3)[2]
    stack.text(JULIE, STORE, "FAIT")
    assert "magasiné" in bodies(twilio, MARIE, 4)[3]

    order = stack.api("GET", f"/stores/{store['id']}/orders/1234", token).json()
    assert order["status"] == "handed_off" and order["handoff"]["claimed_by"] == "Julie Tremblay"
    sent = twilio.messages()
    assert all(m["status_callback"].split("?")[0] == stack.url + "/twilio/status" for m in sent)
    # order ready, arrival ack, staff alert, "it's yours", "on the way out", "done", closing text
    assert len({m["sid"] for m in sent}) == len(sent) == 7


def test_unsigned_webhook_is_refused_and_nothing_is_sent(stack, twilio, shop):
    response = requests.post(
        stack.url + "/twilio/sms",
        data={"MessageSid": "SM1", "From": MARIE, "To": STORE, "Body": "here spot 4"},
        timeout=5,
    )
    assert response.status_code == 403
    time.sleep(1)
    assert twilio.messages() == []


def test_status_callback_records_delivery(stack, twilio, shop):
    store, token = shop
    stack.api(
        "POST",
        f"/stores/{store['id']}/orders",
        token,
        json={"number": "77", "customer_phone": MARIE, "status": "ready"},
    )
    [sent] = twilio.wait_for(1, timeout=10)
    form = {"MessageSid": sent["sid"], "MessageStatus": "delivered", "AccountSid": twilio.account_sid}
    response = requests.post(
        stack.url + "/twilio/status",
        data=form,
        headers={"X-Twilio-Signature": stack.sign("/twilio/status", form)},
        timeout=5,
    )
    assert response.status_code == 204
    from sqlalchemy import create_engine, text

    from config.settings import normalise_database_url

    # The callback may arrive before the worker has written the SID (as with real Twilio): it is
    # retried from RQ until the message is found.
    engine = create_engine(normalise_database_url(stack.env["DATABASE_URL"]))
    deadline, status = time.monotonic() + 15, None
    while time.monotonic() < deadline and status != "delivered":
        with engine.connect() as conn:
            status = conn.execute(
                text("SELECT status FROM messages WHERE twilio_sid = :s"), {"s": sent["sid"]}
            ).scalar()
        time.sleep(0.2)
    engine.dispose()
    assert status == "delivered"


def test_escalation_fires_from_rqs_scheduler(stack, twilio, shop):
    store, token = shop
    stack.api(
        "POST",
        f"/stores/{store['id']}/orders",
        token,
        json={"number": "55", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"},
    )
    twilio.wait_for(1, to=MARIE)
    from sqlalchemy import create_engine, text

    from config.settings import normalise_database_url

    engine = create_engine(normalise_database_url(stack.env["DATABASE_URL"]))
    with engine.begin() as conn:  # 30 s is the shortest the API allows; a test has no time for that
        conn.execute(text("UPDATE stores SET escalation_seconds = 2"))
    engine.dispose()
    stack.text(MARIE, STORE, "rendu place 8")
    [alert] = bodies(twilio, JULIE, 1)
    assert alert.startswith("Arrivée")
    realert = bodies(twilio, JULIE, 2, timeout=15)[1]
    assert realert.startswith("Attend toujours")
