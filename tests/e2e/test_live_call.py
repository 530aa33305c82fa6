"""The call when nobody claims, through real processes: the worker calls the store's landline at the Twilio stand-in
exactly once, and the signed voice webhook under gunicorn turns a "1" into a claim whose texts reach the stand-in."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import requests
from sqlalchemy import update

from bot.data.db import Database
from bot.data.models import Handoff, Store
from config.settings import load_settings
from tests.support.live import LiveStack

STORE, JULIE, SOPHIE, MARIE, LANDLINE = "+15145550100", "+15145550111", "+15145550113", "+15145550123", "+15145550199"


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    live = LiveStack(database_url, twilio, tmp_path, env={"SWEEP_EVERY_SECONDS": "0.5"}).start()
    yield live
    live.stop()


@pytest.fixture
def shop(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={
            "name": "Plein Air Laurier",
            "sms_number": STORE,
            "timezone": "America/Toronto",
            "language": "fr",
            "escalation_seconds": 30,
        },
    ).json()
    assert stack.api("PATCH", f"/stores/{store['id']}", token, json={"landline": "514-555-0199"}).json()["landline"]
    for name, phone, role, on_duty in (
        ("Julie Tremblay", JULIE, "staff", True),
        ("Sophie Roy", SOPHIE, "owner", False),
    ):
        member = {"name": name, "phone": phone, "role": role, "on_duty": on_duty}
        assert stack.api("POST", f"/stores/{store['id']}/staff", token, json=member).status_code == 201
    order = {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"}
    assert stack.api("POST", f"/stores/{store['id']}/orders", token, json=order).status_code == 201
    twilio.wait_for(3)
    twilio.reset()
    return store


def voice(stack, twilio, path: str, **form: str) -> requests.Response:
    form = {"AccountSid": twilio.account_sid, "From": STORE, "To": LANDLINE, **form}
    return requests.post(
        stack.url + path, data=form, headers={"X-Twilio-Signature": stack.sign(path, form)}, timeout=10
    )


def test_unclaimed_after_the_last_escalation_one_call_and_1_claims_it(stack, twilio, shop):
    assert stack.text(MARIE, STORE, "chu rendue place 4").status_code == 200
    twilio.wait_for(1, to=JULIE, timeout=10)
    # The texts' escalations are what the conversation tests time out; here the clock is moved on instead: the
    # last escalation went 70 s ago, so the call is due, and the worker's sweeper finds it.
    db = Database(load_settings(stack.env).database_url)
    with db.write() as session:
        past = session.get_one(Handoff, 1).alerted_at - timedelta(seconds=100)
        session.execute(update(Handoff).values(alerted_at=past, arrived_at=past, escalation_level=2))
    db.dispose()

    [call] = twilio.wait_for_calls(1, timeout=15)
    assert (call["to"], call["from"]) == (LANDLINE, STORE)
    path = call["url"].removeprefix(stack.url)
    assert path.startswith("/twilio/voice/calls/") and call["params"]["Method"] == "POST"
    time.sleep(3)  # more sweeps and the armed timers' turns: still the one call
    assert len(twilio.calls()) == 1

    said = voice(stack, twilio, path, CallSid=call["sid"])
    assert said.status_code == 200 and "Un client attend à la place 4 pour la commande 1 2 3 4" in said.text
    assert '<Gather action="' + path in said.text and 'language="fr-CA"' in said.text

    twilio.reset()
    pressed = voice(stack, twilio, path, CallSid=call["sid"], Digits="1")
    assert "C'est noté pour Julie" in pressed.text
    [claimed] = twilio.wait_for(1, to=MARIE, timeout=10)
    assert claimed["body"] == "Julie Tremblay s'en vient avec votre commande #1234!"
    [yours] = twilio.wait_for(1, to=JULIE, timeout=10)
    assert "#1234" in yours["body"]

    forged = requests.post(stack.url + path, data={"CallSid": call["sid"], "Digits": "1"}, timeout=5)
    assert forged.status_code == 403


def test_the_real_timers_escalate_by_text_then_call_exactly_once(stack, twilio, shop):
    # Two seconds a step (below the API's 30 s minimum: a test has no time for that), set in the database.
    db = Database(load_settings(stack.env).database_url)
    with db.write() as session:
        session.execute(update(Store).values(escalation_seconds=2))
    db.dispose()
    assert stack.text(MARIE, STORE, "chu rendue place 4").status_code == 200
    alert, realert = twilio.wait_for(2, to=JULIE, timeout=15)
    [escalation] = twilio.wait_for(1, to=SOPHIE, timeout=15)  # the owner, off duty: the last text
    assert "Personne ne s'occupe de Marie L." in escalation["body"]
    [call] = twilio.wait_for_calls(1, timeout=15)
    assert call["to"] == LANDLINE
    # The call came after the last text, by about one step.
    assert call["received_at"] - escalation["received_at"] >= 1.5
    time.sleep(4)  # two steps more, and the sweeper's turns: still the one call
    assert len(twilio.calls()) == 1
