"""The store cancels an order (orders.cancel_order, as the admin page does) while its customer texts through the
signed webhook: who is told, what becomes of the pickup, and that its timers stay silent."""

from __future__ import annotations

import pytest

from bot.usecases import orders
from bot.usecases.errors import Conflict
from tests.support.conversation import demo_team


@pytest.fixture
def shop(svc):
    return demo_team(svc)


@pytest.fixture
def marie(shop):
    return shop.customer("+15145550123")


def cancel(shop, number):
    return orders.cancel_order(shop.svc, shop.store.id, number)


def test_a_customer_waiting_in_the_lot_is_told_and_every_alerted_staff_member_too(shop, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("chu rendue place 4")
    shop.julie.new(), shop.sam.new()

    assert cancel(shop, "1234")["status"] == "cancelled"

    [told] = marie.new()
    assert "commande #1234 a été annulée" in told and "rien à ramasser" in told
    [julie_told] = shop.julie.new()
    assert julie_told.startswith("Annulée : la commande #1234 pour Marie L. (place 4)")
    [sam_told] = shop.sam.new()
    assert sam_told.startswith("Cancelled: order #1234 for Marie L. (spot 4). Don't bring it out.")
    assert shop.order_state("1234")["handoff"]["status"] == "cancelled"


def test_the_cancelled_pickups_escalation_timers_stay_silent(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.new(), shop.sam.new()
    cancel(shop, "1234")
    shop.julie.new(), shop.sam.new()

    shop.wait(300)  # past the re-alert
    shop.wait(300)  # and past the escalation to the owner
    assert shop.julie.new() == [] and shop.sam.new() == [] and shop.owner.new() == []


def test_the_spot_reminder_of_a_customer_who_gave_no_spot_stays_silent(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.new()
    [question] = marie.texts("je suis arrivée")
    assert "place" in question
    cancel(shop, "1234")
    assert len(marie.new()) == 1 and shop.julie.new() == []  # nobody had been alerted yet

    shop.wait(120)  # past the grace after which staff would be alerted without a spot
    assert shop.julie.new() == []
    # Her late answer opens no pickup: she has no order left, and is asked which one she means.
    assert "numéro de commande" in marie.texts("7")[0]
    assert shop.julie.new() == []


def test_only_the_staff_member_who_took_it_is_told(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.sam.texts("OK 1234")
    shop.julie.new(), marie.new()

    cancel(shop, "1234")

    [told] = shop.sam.new()
    assert "Cancelled: order #1234" in told
    assert shop.julie.new() == []
    assert "annulée" in marie.new()[0]
    # DONE now finds nothing to close.
    assert shop.sam.texts("DONE 1234") == ["No pickup matches 1234. Reply LIST to see who's waiting."]


def test_a_customer_on_the_way_is_told_in_their_language(shop):
    alex = shop.customer("+15145550124")
    shop.order("1235", alex, "Alex Martin", language="en")
    alex.texts("omw 10 min")

    cancel(shop, "1235")

    [told] = alex.new()
    assert told == (
        "Plein Air Laurier: order #1235 has been cancelled. There's nothing left to pick up. Sorry for the trouble!"
    )
    assert shop.julie.new() == []  # on the way: no staff member had been texted about him


def test_cancelling_twice_texts_nobody_twice(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.new()
    cancel(shop, "1234")
    assert len(marie.new()) == 1 and len(shop.julie.new()) == 1

    assert cancel(shop, "1234")["status"] == "cancelled"
    assert marie.new() == [] and shop.julie.new() == []


def test_one_of_two_orders_cancelled_leaves_the_pickup_going_with_the_other(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    shop.order("1236", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.new(), marie.new()

    cancel(shop, "1236")

    assert "On a toujours la commande #1234 pour vous." in marie.new()[0]
    assert "Apportez quand même #1234." in shop.julie.new()[0]
    assert shop.order_state("1234")["handoff"]["status"] == "waiting"
    assert shop.julie.texts("OK 1234")[0].startswith("C'est à vous")


def test_an_order_not_yet_picked_up_is_cancelled_without_a_text(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.new()

    cancel(shop, "1234")

    assert marie.new() == [] and shop.julie.new() == []
    assert shop.order_state("1234") == {**shop.order_state("1234"), "status": "cancelled", "handoff": None}


def test_a_handed_off_order_cannot_be_cancelled(shop, marie):
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.texts("OK")
    shop.julie.texts("FAIT")

    with pytest.raises(Conflict) as refused:
        cancel(shop, "1234")
    assert refused.value.describe("fr") == "la commande 1234 a déjà été remise"
    assert shop.order_state("1234")["status"] == "handed_off"


def test_a_cancelled_order_cannot_be_marked_ready(shop, marie):
    shop.order("1234", marie, "Marie Lavoie", ready=False)
    cancel(shop, "1234")
    with pytest.raises(Conflict) as refused:
        shop.ready("1234")
    assert refused.value.describe("en") == "order 1234 is cancelled"
    assert marie.new() == []
