"""A phone call when nobody claims: after the last text escalation the store's landline rings once, says who waits
where in the store's language, and a "1" claims the pickup for the lead with the same texts as "OK 1234"."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot.data.models import Call, Handoff
from bot.usecases import calls, stores, timers
from tests.support.conversation import demo_team
from tests.support.fakes import FakeCaller

MARIE, LANDLINE = "+15145550123", "+15145550199"
_sids = itertools.count(1)


@pytest.fixture
def caller(svc):
    svc.caller = FakeCaller()
    return svc.caller


@pytest.fixture
def shop(svc, caller):
    shop = demo_team(svc, escalation_seconds=300)
    stores.update_store(svc.db, shop.store.id, {"landline": "514 555-0199"})
    shop.order("1234", MARIE, name="Marie Lavoie")
    shop.marie = shop.customer(MARIE)
    shop.marie.texts("chu rendue place 4")
    svc.sender.clear()
    return shop


def voice(shop, path: str, **form: str):
    """Twilio asking our voice webhook, signed as Twilio signs it."""
    form = {"CallSid": form.pop("CallSid", f"CA{next(_sids):032x}"), "AccountSid": "AC" + "0" * 32, **form}
    signature = RequestValidator(shop.svc.webhook_token).compute_signature(
        shop.svc.settings.public_base_url + path, form
    )
    return shop.client.post(path, data=form, headers={"X-Twilio-Signature": signature})


def unclaimed_past_every_text(shop):
    shop.wait(301)  # re-alert
    shop.wait(300)  # managers and owners
    shop.wait(300)  # the landline


def test_nobody_claims_after_the_last_text_the_landline_rings_once(shop, caller, svc):
    shop.wait(301)
    shop.wait(300)
    assert caller.calls == []  # texts first: the last escalation has only just gone
    shop.wait(300)
    [call] = caller.calls
    assert call["to"] == LANDLINE and call["from"] == shop.number
    assert call["url"].startswith("https://pickup.example.test/twilio/voice/calls/")

    shop.wait(900)
    timers.sweep(svc)
    with svc.db.read() as session:
        [handoff_id] = session.scalars(select(Handoff.id))
    assert calls.place(svc, handoff_id) == "called_already"  # the job again, or a sweeper's: still one call
    assert len(caller.calls) == 1


def test_the_call_says_who_waits_where_in_the_stores_french_and_waits_for_one_key(shop, caller):
    unclaimed_past_every_text(shop)
    [call] = caller.calls
    path = call["url"].removeprefix("https://pickup.example.test")
    answer = voice(shop, path, CallSid=call["sid"])
    assert answer.status_code == 200 and answer.mimetype == "text/xml"
    xml = answer.get_data(as_text=True)
    assert '<Gather action="' + path + '" method="POST" numDigits="1"' in xml
    assert '<Say language="fr-CA">' in xml
    assert "Un client attend à la place 4 pour la commande 1 2 3 4" in xml


def test_pressing_1_claims_it_for_the_lead_with_the_same_texts_as_a_claim_by_text(shop, caller, svc):
    unclaimed_past_every_text(shop)
    [call] = caller.calls
    svc.sender.clear()
    path = call["url"].removeprefix("https://pickup.example.test")

    answer = voice(shop, path, CallSid=call["sid"], Digits="1")
    assert "C'est noté pour Julie" in answer.get_data(as_text=True)
    # Sophie the owner is off duty: Julie, first on duty, is the lead.
    assert svc.sender.to(MARIE) == ["Julie Tremblay s'en vient avec votre commande #1234!"]
    assert svc.sender.to(shop.julie.number) and "#1234" in svc.sender.to(shop.julie.number)[0]
    [other] = svc.sender.to(shop.sam.number)
    assert "Julie" in other
    with svc.db.read() as session:
        handoff = session.scalars(select(Handoff)).one()
        assert (handoff.status, handoff.claimed_by.name) == ("claimed", "Julie Tremblay")
        assert session.scalars(select(Call.status)).one() == "claimed"

    # Twilio asking again (a retried request) claims nothing more and texts nobody.
    svc.sender.clear()
    again = voice(shop, path, CallSid=call["sid"], Digits="1")
    assert "C'est noté pour Julie" in again.get_data(as_text=True)
    assert svc.sender.outbox == []


def test_another_key_claims_nothing(shop, caller, svc):
    unclaimed_past_every_text(shop)
    [call] = caller.calls
    svc.sender.clear()
    answer = voice(shop, call["url"].removeprefix("https://pickup.example.test"), CallSid=call["sid"], Digits="9")
    assert "Au revoir" in answer.get_data(as_text=True)
    assert svc.sender.outbox == []
    assert shop.board()["waiting"]


def test_a_claim_by_text_before_the_call_means_no_call(shop, caller):
    shop.wait(301)
    shop.wait(300)
    shop.julie.texts("OK")
    shop.wait(300)
    assert caller.calls == []


def test_no_call_outside_store_hours(svc, caller):
    # Open Thursday 9:00 to 10:20 in Montréal; the customer arrives at 10:00 and the call would be due at 10:15+.
    shop = demo_team(svc, escalation_seconds=600)
    stores.update_store(svc.db, shop.store.id, {"landline": LANDLINE, "hours": {"thu": ["09:00", "10:20"]}})
    shop.order("1234", MARIE)
    shop.customer(MARIE).texts("ici place 4")
    shop.wait(601)
    shop.wait(600)
    shop.wait(600)
    assert caller.calls == []
    with svc.db.read() as session:
        handoff = session.scalars(select(Handoff)).one()
        assert (handoff.status, handoff.escalation_level) == ("waiting", 2)  # every text went; the call did not
    assert calls.place(svc, handoff.id) == "called_already"  # decided once: skipped, and the sweeper stops asking
    with svc.db.read() as session:
        assert session.scalars(select(Call.status)).one() == "skipped"
    timers.sweep(svc)
    assert caller.calls == []


def test_a_call_twilio_refuses_is_not_tried_again(shop, caller, svc):
    caller.fail = 1
    unclaimed_past_every_text(shop)
    shop.wait(600)
    timers.sweep(svc)
    assert caller.calls == []
    with svc.db.read() as session:
        assert session.scalars(select(Call.status)).one() == "failed"


def test_the_voice_webhook_refuses_what_twilio_did_not_sign(shop, caller):
    unclaimed_past_every_text(shop)
    [call] = caller.calls
    path = call["url"].removeprefix("https://pickup.example.test")
    forged = shop.client.post(path, data={"CallSid": call["sid"], "Digits": "1"}, headers={"X-Twilio-Signature": "x"})
    assert forged.status_code == 403
    assert shop.board()["waiting"]
    assert voice(shop, path, CallSid="CA" + "f" * 32, Digits="1").status_code == 404  # not this call's SID
    assert voice(shop, "/twilio/voice/calls/999").status_code == 404
