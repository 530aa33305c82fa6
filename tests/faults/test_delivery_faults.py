"""Status callbacks update each text; a staff alert that ends failed or undelivered goes to another on-duty colleague,
once, whatever order and number of callbacks Twilio sends."""

from __future__ import annotations

import time

import requests

from bot.data.models import Staff

from .support import JULIE, MARC, STORE, bodies

MARIE = "+15145550123"


def callback(stack, twilio, sid: str, status: str, code: int | None = None) -> int:
    form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": twilio.account_sid}
    if code:
        form["ErrorCode"] = str(code)
    return requests.post(
        stack.url + "/twilio/status",
        data=form,
        timeout=5,
        headers={"X-Twilio-Signature": stack.sign("/twilio/status", form)},
    ).status_code


def test_a_staff_alert_that_ends_undelivered_goes_once_to_another_on_duty_colleague(launch, shop_factory, twilio):
    stack = launch(workers=1)
    shop = shop_factory()
    lea = "+15145550116"
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Léa Côté", lea)
    shop.staff("Marc Gagnon", MARC, on_duty=False)
    shop.customer(MARIE)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    shop.wait_settled()
    julie_alert = shop.rows("out", template="staff_arrival", to_addr=JULIE)[0]
    lea_alert = shop.rows("out", template="staff_arrival", to_addr=lea)[0]

    # Julie's phone is off (30003, which passes): Twilio says sent, then undelivered, then failed. She and Léa
    # both had the alert and Marc is off duty, so nobody gets a copy, and Julie stays reachable.
    for status in ("sent", "undelivered", "failed"):
        assert callback(stack, twilio, julie_alert.twilio_sid, status, 30003 if status != "sent" else None) == 204
    shop.wait(lambda: shop.rows("out", id=julie_alert.id)[0].status == "undelivered", what="Julie's alert status")
    assert not shop.person(Staff, JULIE).unreachable

    # Léa's number is a landline (30006, for good), and Marc is now on duty: he gets her alert, once, though
    # Twilio reports the failure twice; Léa is marked unreachable.
    with shop.db.write() as session:
        session.get(Staff, shop.person(Staff, MARC).id).on_duty = True
    for _ in range(2):
        assert callback(stack, twilio, lea_alert.twilio_sid, "undelivered", 30006) == 204
    [copy] = twilio.wait_for(1, to=MARC, timeout=10)
    assert copy["body"] == lea_alert.body
    assert shop.person(Staff, lea).unreachable
    shop.wait_settled()
    marc_copy = shop.rows("out", to_addr=MARC)[0]
    assert callback(stack, twilio, marc_copy.twilio_sid, "delivered") == 204
    shop.wait(lambda: shop.rows("out", id=marc_copy.id)[0].status == "delivered", what="Marc's copy delivered")
    time.sleep(0.5)
    assert len(bodies(twilio, MARC)) == 1
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 4, "at_twilio": 4, "duplicates": 0}


def test_a_callback_that_comes_before_the_sender_recorded_the_sid_is_applied_when_it_has(launch, shop_factory, twilio):
    stack = launch(workers=1)
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Marc Gagnon", MARC, on_duty=False, role="manager")
    shop.customer(MARIE)
    # Twilio answers the alert's request late (within our 1 s timeout); its "undelivered" callback comes first.
    twilio.fail_next(to=JULIE, accept=True, delay=0.6)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    [sent] = twilio.wait_for(1, to=JULIE, timeout=10)
    assert callback(stack, twilio, sent["sid"], "undelivered", 30003) == 204
    [copy] = twilio.wait_for(1, to=MARC, timeout=15)
    assert copy["body"] == sent["body"]
    shop.wait_settled()
    assert shop.rows("out", to_addr=JULIE)[0].status == "undelivered"
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 3, "at_twilio": 3, "duplicates": 0}
