"""A customer with no name on file (an order keyed without one, an unknown phone that gave an order number): staff
see who they are by the last four digits of their phone, masked, in every alert, in LIST and on the board, in both
languages; never a bare "?", never the whole number on a shared screen."""

from __future__ import annotations

import json

import pytest

from bot.core.handoff import phone_label
from tests.support.conversation import Shop

STORE, JULIE, SAM, CUSTOMER = "+15145550100", "+15145550111", "+15145550112", "+15145550123"
WHOLE_NUMBER = ("5145550123", "514-555-0123", "555-0123")


@pytest.fixture
def shop(svc):
    return Shop(svc, number=STORE, language="fr", escalation_seconds=120)


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", JULIE, language="fr")


@pytest.fixture
def sam(shop):
    return shop.staff("Sam Wilson", SAM, language="en")


def test_the_label_is_the_last_four_digits_of_a_masked_phone():
    assert phone_label("+15145550123") == "***-***-0123"
    assert phone_label("+33612345678") == "***-5678"
    assert phone_label(None) == "?" and phone_label("+12") == "?"


def test_staff_alerts_name_a_nameless_customer_by_their_phones_last_digits_in_both_languages(shop, julie, sam):
    customer = shop.customer(CUSTOMER)
    shop.order("1234", customer, name=None)
    customer.new()
    customer.texts("rendu place 4")
    [alerte] = julie.new()
    [alert] = sam.new()
    assert alerte == "Arrivée : ***-***-0123, place 4. Commande #1234. Répondez OK 1234 pour la prendre."
    assert alert == "Arrival: ***-***-0123, spot 4. Order #1234. Reply OK 1234 to take it."
    assert julie.texts("LISTE") == ["En attente : #1234 4 ***-***-0123 0 min"]
    assert sam.texts("LIST") == ["Waiting: #1234 4 ***-***-0123 0 min"]
    julie.texts("OK 1234")
    [taken] = sam.new()
    assert taken == "Julie Tremblay took ***-***-0123 (spot 4, order #1234)."
    [fait] = julie.texts("FAIT")
    assert fait == "Fait : commande #1234 remise à ***-***-0123. Merci!"


def test_the_board_shows_a_nameless_customer_by_the_same_masked_phone_never_the_whole_number(shop, julie):
    customer = shop.customer(CUSTOMER)
    shop.order("1234", customer, name=None)
    customer.texts("here spot 4")
    board = shop.board()
    [card] = board["waiting"]
    assert card["customer"] == "***-***-0123"
    shown = json.dumps(board) + shop.client.get(f"/board/{shop.store.board_token}/state").get_data(as_text=True)
    assert not any(number in shown for number in WHOLE_NUMBER)
    assert "***-***-0123" in shop.client.get(f"/board/{shop.store.board_token}/state").get_data(as_text=True)


def test_an_unknown_phone_that_gives_an_order_number_with_no_name_is_named_by_its_phone(shop, julie, sam):
    shop.order("1234", "+15145550199", name=None)  # keyed under another phone, no name
    stranger = shop.customer(CUSTOMER)
    stranger.texts("here spot 7")  # asked for the order number
    stranger.texts("1234")
    [alerte] = julie.new()
    [alert] = sam.new()
    assert alerte.startswith("Arrivée : ***-***-0123, place 7. Commande #1234. Numéro inconnu : vérifiez le nom.")
    assert alert.startswith("Arrival: ***-***-0123, spot 7. Order #1234. Phone not on file: check the name.")


def test_a_nameless_customers_cancellation_request_reaches_staff_with_their_phones_last_digits(shop, julie, sam):
    customer = shop.customer(CUSTOMER)
    shop.order("1234", customer, name=None)
    customer.texts("cancel my order please")
    assert julie.new() == ["***-***-0123 demande d'annuler la commande #1234. Merci de faire le suivi."]
    assert sam.new() == ["***-***-0123 asks to cancel order #1234. Please follow up."]


def test_a_named_customer_is_still_shown_by_first_name_and_last_initial(shop, julie):
    customer = shop.customer(CUSTOMER)
    shop.order("1234", customer, "Marie Lavoie")
    customer.texts("rendu place 4")
    assert julie.new()[0].startswith("Arrivée : Marie L., place 4.")
    assert shop.board()["waiting"][0]["customer"] == "Marie L."
