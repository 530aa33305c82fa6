"""Roles: staff commands count only from that store's registered staff phones; a customer who types a staff
command changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.data.models import AutoReply, Store
from tests.support.conversation import Shop

MARIE, JULIE, STRANGER = "+15145550123", "+15145550111", "+15145550999"


def test_a_customer_typing_done_does_not_close_their_own_handoff(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", JULIE, language="en")
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("here spot 4")
    julie.texts("OK 1234")
    marie.texts("DONE 1234")
    marie.texts("FAIT")
    state = shop.order_state("1234")
    assert state["status"] == "ready" and state["handoff"]["status"] == "claimed"


def test_a_customer_typing_ok_claims_nothing(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", JULIE, language="en")
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("here spot 4")
    julie.new()
    marie.texts("OK 1234")
    handoff = shop.order_state("1234")["handoff"]
    assert handoff["status"] == "waiting" and handoff["claimed_by"] is None


def test_a_stranger_typing_done_with_an_order_number_neither_closes_nor_takes_the_order(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", JULIE, language="en")
    marie, stranger = shop.customer(MARIE), shop.customer(STRANGER)
    shop.order("1234", marie, "Marie Lavoie")
    assert stranger.texts("DONE 1234") == []
    assert stranger.texts("OK 1234") == []
    state = shop.order_state("1234")
    assert state["status"] == "ready" and state["customer_phone"] == MARIE and state["handoff"] is None
    marie.new()
    [ack] = marie.texts("here spot 4")
    assert "spot 4" in ack and julie.new()  # Marie's pickup goes on as if nothing happened


def test_staff_of_one_store_are_customers_at_another(svc):
    laurier = Shop(svc, number="+15145550100", language="en")
    julie = laurier.staff("Julie Tremblay", JULIE, language="en")
    plateau = Shop(svc, number="+15145550200", language="en", name="Plein Air Plateau")
    sam = plateau.staff("Sam Wilson", "+15145550112", language="en")
    marie = plateau.customer(MARIE)
    plateau.order("1234", marie, "Marie Lavoie")
    marie.texts("here spot 4")
    sam.new()
    # Julie texts the Plateau store's number, not her own store's.
    plateau.post_sms(JULIE, "OK 1234")
    plateau.post_sms(JULIE, "DONE 1234")
    plateau.post_sms(JULIE, "LIST")
    state = plateau.order_state("1234")
    assert state["handoff"]["status"] == "waiting" and state["customer_phone"] == MARIE
    assert julie.received() == []  # no staff reply, no list of who is waiting at a store not hers
    assert sam.new() == []


def test_a_staff_member_is_not_an_owner_and_a_customer_neither(svc):
    shop = Shop(svc, language="en")
    shop.staff("Julie Tremblay", JULIE, role="staff", language="en")
    shop.order("1234", MARIE, "Marie Lavoie")
    for sender in (JULIE, MARIE, STRANGER):
        for text in (
            "PAUSE back in 10",
            "RESUME",
            "REPLY HOURS Open 9 to 5",
            "STAFF ADD +15145550166 Eve",
            "SET help Call 555-0000",
        ):
            shop.post_sms(sender, text)
    with svc.db.read() as session:
        store = session.scalars(select(Store)).one()
        assert store.paused is False and len(store.staff) == 1
        assert session.scalars(select(AutoReply)).all() == []
