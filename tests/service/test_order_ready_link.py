"""The "order ready" text carries the one-tap check-in link: an owner's wording without {link} is refused at save,
by text (in the owner's language), on the admin page and through the API, and nothing is saved; a wording kept from
before that rule still sends the link, added at its end."""

from __future__ import annotations

import re

import pytest

from bot.data.models import AutoReply
from bot.usecases.stores import create_token
from tests.support.conversation import Shop

OWNER, MARIE = "+15145550113", "+15145550123"
LINK = re.compile(r"https://\S+/c/[A-Za-z0-9_-]{16}")


@pytest.fixture
def shop(svc):
    return Shop(svc, language="en")


def test_set_order_ready_without_the_link_is_refused_naming_it_and_changes_nothing(shop):
    sophie = shop.staff("Sophie Roy", OWNER, role="owner", language="en", on_duty=False)
    assert sophie.texts("SET order_ready {store}: your order {orders} is ready. See you soon!") == [
        "Not done: the text must keep {link}, the check-in link customers open when they arrive."
    ]
    assert shop.auto_replies() == {}
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie", language="en")
    [ready] = marie.new()
    assert LINK.search(ready) and ready.startswith("Plein Air Laurier: order #1234 is ready for pickup.")


def test_texte_order_ready_sans_le_lien_est_refuse_en_francais(shop):
    sophie = shop.staff("Sophie Roy", OWNER, role="owner", language="fr", on_duty=False)
    assert sophie.texts("TEXTE order_ready {store} : votre commande {orders} est prête. À tantôt!") == [
        "Rien de changé : le texte doit garder {link}, le lien que le client ouvre à son arrivée."
    ]
    assert shop.auto_replies() == {}


def test_an_owners_order_ready_wording_with_the_link_is_sent_with_it(shop):
    sophie = shop.staff("Sophie Roy", OWNER, role="owner", language="en", on_duty=False)
    [done] = sophie.texts("SET order_ready Order {orders} is ready! Check in here: {link}")
    assert done.startswith("Done. The order_ready text (EN) now reads: Order {orders} is ready!")
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie", language="en")
    [ready] = marie.new()
    assert ready.startswith("Order #1234 is ready! Check in here: https://") and LINK.search(ready)


def test_the_api_refuses_an_order_ready_wording_without_the_link_with_a_422_naming_it(shop):
    admin = {"Authorization": "Bearer " + create_token(shop.svc.db, "admin")}
    url = f"/api/v1/stores/{shop.store.id}/auto-replies/order_ready"
    response = shop.client.put(
        url, headers=admin, json={"en": "Order {orders} is ready.", "fr": "Commande {orders} prête : {link}"}
    )
    assert response.status_code == 422 and response.json["field"] == "en"
    assert "{link}" in response.json["message"]
    assert shop.auto_replies() == {}
    ok = shop.client.put(url, headers=admin, json={"en": "Ready: {link}", "fr": "Prête : {link}"})
    assert ok.status_code == 200


def test_a_wording_without_the_link_saved_before_the_rule_still_sends_it(shop):
    with shop.svc.db.write() as session:  # as an older version saved it, unchecked
        session.add(AutoReply(store_id=shop.store.id, key="order_ready", en="Your order {orders} is ready!", fr=None))
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie", language="en")
    [ready] = marie.new()
    assert ready.startswith("Your order #1234 is ready! https://") and LINK.search(ready)
