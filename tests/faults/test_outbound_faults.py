"""An outgoing text is sent once: Twilio errors are retried with backoff, a retry after an unclear failure (a
timeout, a dropped connection) first asks Twilio's log, and permanent errors are not retried but mark the person."""

from __future__ import annotations

import time
from datetime import UTC

import pytest

from bot.data.models import Customer, Staff

from .support import JULIE, MARC, STORE, bodies

MARIE, LUC = "+15145550123", "+15145550124"


@pytest.fixture
def stack(launch):
    return launch(workers=1)


@pytest.fixture
def shop(stack, shop_factory):
    shop = shop_factory()
    shop.staff("Julie Tremblay", JULIE)
    shop.customer(MARIE)
    return shop


def test_twilio_5xx_and_429_are_retried_with_growing_waits_and_the_text_is_sent_once(stack, shop, twilio):
    for status in (503, 500, 429):
        twilio.fail_next(to=JULIE, status=status)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    shop.wait_settled(timeout=20)

    [alert] = shop.rows("out", template="staff_arrival")
    assert alert.status == "sent" and alert.attempts == 4
    tries = sorted(
        [r["received_at"] for r in twilio.rejected() if r["to"] == JULIE]
        + [m["received_at"] for m in twilio.messages(to=JULIE)]
    )
    gaps = [b - a for a, b in zip(tries, tries[1:])]
    # SEND_BACKOFF_SECONDS=0.3: at least 0.15, 0.3 and 0.6 s (half of 0.3, 0.6, 1.2: the jitter), rounded up to the
    # second by the schedule, never down.
    assert len(tries) == 4 and all(gap >= least for gap, least in zip(gaps, (0.15, 0.3, 0.6)))
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 2, "at_twilio": 2, "duplicates": 0}


UNCLEAR = {  # phone: (fault on the arrival answer to that customer, whether Twilio took the text)
    "+15145550131": ({"accept": True, "delay": 3}, True),  # Twilio sent it, but answered after our 1 s timeout
    "+15145550132": ({"accept": True, "drop": True}, True),  # Twilio sent it, then the connection dropped
    "+15145550133": ({"drop": True}, False),  # the connection dropped before Twilio took it
    "+15145550134": ({"delay": 3}, False),  # Twilio never answered, and never sent it
}


def test_a_retry_after_an_unclear_failure_asks_twilios_log_first_and_never_sends_twice(stack, shop, twilio):
    for phone, (fault, _took_it) in UNCLEAR.items():
        shop.customer(phone)
        twilio.fail_next(to=phone, **fault)
        assert stack.text(phone, STORE, "rendu place 4").status_code == 200
    shop.wait_processed(len(UNCLEAR))
    shop.wait_settled(timeout=20)
    time.sleep(0.5)

    for phone, (_fault, took_it) in UNCLEAR.items():
        [answer] = shop.rows("out", template="arrival_ack", to_addr=phone)
        [at_twilio] = twilio.messages(to=phone)
        assert (answer.status, answer.twilio_sid, answer.attempts) == ("sent", at_twilio["sid"], 2), phone
        assert len([r for r in twilio.rejected() if r["to"] == phone]) == (0 if took_it else 1), phone
    assert shop.ledger(twilio) == {"in": 4, "processed": 4, "out": 8, "at_twilio": 8, "duplicates": 0}


def test_staff_numbers_twilio_cannot_text_are_marked_unreachable_and_alerts_go_to_a_colleague(stack, shop, twilio):
    lea = "+15145550116"
    shop.staff("Léa Côté", lea)
    shop.staff("Marc Gagnon", MARC)
    shop.customer(LUC, "Luc Roy")
    twilio.fail_next(to=JULIE, code=21614)  # not a mobile number
    twilio.fail_next(to=lea, code=21211)  # not a valid number
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    shop.wait_settled()

    failed = [m for m in shop.rows("out", template="staff_arrival") if m.status == "failed"]
    assert [(m.to_addr, m.error_code, m.attempts) for m in failed] == [(JULIE, 21614, 1), (lea, 21211, 1)]
    assert shop.person(Staff, JULIE).unreachable and shop.person(Staff, lea).unreachable
    assert len(bodies(twilio, MARC)) == 1  # Marc had his own alert; no re-routed copy doubles it

    # The next arrival is not even tried on their numbers.
    assert stack.text(LUC, STORE, "rendu place 5").status_code == 200
    shop.wait_processed(2)
    shop.wait_settled()
    assert len(bodies(twilio, MARC)) == 2 and len(twilio.rejected()) == 2
    assert [m.to_addr for m in shop.rows("out", template="staff_arrival")] == [JULIE, lea, MARC, MARC]
    assert shop.ledger(twilio) == {"in": 2, "processed": 2, "out": 4, "at_twilio": 4, "duplicates": 0}


def test_a_failed_staff_alert_with_nobody_else_on_duty_goes_to_the_manager(stack, shop, twilio):
    shop.staff("Sophie Roy", "+15145550113", role="manager", on_duty=False)
    twilio.fail_next(to=JULIE, code=21614)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    [copy] = [m["body"] for m in twilio.wait_for(1, to="+15145550113", timeout=10)]
    assert "place 4" in copy
    shop.wait_settled()
    assert shop.ledger(twilio) == {"in": 1, "processed": 1, "out": 2, "at_twilio": 2, "duplicates": 0}


def test_a_customer_who_unsubscribed_at_the_carrier_is_marked_opted_out_and_not_retried(stack, shop, twilio):
    twilio.fail_next(to=MARIE, code=21610)
    assert stack.text(MARIE, STORE, "rendu place 4").status_code == 200
    shop.wait_settled()
    [ack] = shop.rows("out", template="arrival_ack")
    assert (ack.status, ack.error_code, ack.attempts) == ("failed", 21610, 1)
    assert shop.person(Customer, MARIE).opted_out
    assert len(bodies(twilio, JULIE)) == 1  # staff still hear of her

    assert stack.text(MARIE, STORE, "encore là?").status_code == 200
    shop.wait_processed(2)
    shop.wait_settled()
    assert bodies(twilio, MARIE) == [] and len(twilio.rejected()) == 1


def test_the_log_lookup_finds_a_first_try_behind_many_newer_texts_to_the_same_phone(twilio):
    """A busy store's staff phone gets several alerts a second: by the time a stuck alert is looked up, more than a
    page of newer ones may lie on top of it in Twilio's log."""
    from datetime import datetime, timedelta

    from bot.messaging.senders import Outgoing, TwilioSender

    sender = TwilioSender(twilio.account_sid, twilio.auth_token, twilio.url, timeout=5)
    since = datetime.now(UTC) - timedelta(seconds=1)
    first = sender.send(Outgoing(to=JULIE, from_=STORE, body="Arrivée : Marie L., place 4", key="k0"))
    for i in range(130):
        sender.send(Outgoing(to=JULIE, from_=STORE, body=f"Arrivée : Client{i} T., place {i}", key=f"k{i + 1}"))
    found = [m for m in sender.recent(JULIE, STORE, since) if m.body == "Arrivée : Marie L., place 4"]
    assert [m.sid for m in found] == [first.sid]
    assert sender.recent(JULIE, STORE, datetime.now(UTC) + timedelta(seconds=5)) == []
