"""The Online store page: the owner finds the webhook addresses, pastes Shopify's signing key, makes the generic
webhook's secret (shown once); and the Orders page flags a Shopify order that came in with no phone to text."""

from __future__ import annotations

import pytest

from bot.usecases import order_events
from tests.service.test_admin_pages import SOPHIE, Browser, alert, field_errors, notices, text_of
from tests.support.conversation import Shop
from tests.support.shopify import SHOPIFY_SECRET, fixture, shopify_delivery


@pytest.fixture
def shop(svc):
    shop = Shop(svc, language="fr")
    shop.staff("Sophie Roy", SOPHIE, role="owner", language="fr", on_duty=False)
    return shop


@pytest.fixture
def sophie(svc, shop) -> Browser:
    browser = Browser(shop.app)
    browser.sign_in(svc, SOPHIE)
    return browser


def test_the_page_shows_both_webhook_addresses_and_is_in_the_menu(sophie, shop, svc):
    base = f"/admin/stores/{shop.store.id}"
    page = sophie.page(f"{base}/connections")
    assert f"{svc.settings.public_base_url}/webhooks/shopify/{shop.store.id}" in page
    assert f"{svc.settings.public_base_url}/webhooks/orders/{shop.store.id}" in page
    assert "non connectée" in page and "Aucun secret encore" in page
    assert f'href="{base}/connections"' in sophie.page(f"{base}/orders")


def test_pasting_shopifys_key_connects_the_shop_and_orders_come_in(sophie, shop, svc):
    base = f"/admin/stores/{shop.store.id}"
    page = sophie.submit(f"{base}/connections/shopify", {"shopify_secret": SHOPIFY_SECRET})
    assert notices(page) == ["Clé Shopify enregistrée : les commandes de Shopify entrent maintenant."]
    assert "connectée" in page and SHOPIFY_SECRET not in page  # the key is never shown back

    body, headers = shopify_delivery("orders/create", fixture("order_pickup"))
    assert shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers).status_code == 200
    assert shop.order_state("1234")["status"] == "pending"

    deliveries = sophie.page(f"{base}/connections")
    assert "Derniers envois reçus" in deliveries and "orders/create" in deliveries and "#1234" in deliveries
    assert "traité" in deliveries
    assert deliveries.count('id="deliveries"') == 1  # in the page's body, once, not also in its <head>

    # Save with the box left empty (its placeholder says a key is kept) keeps the shop connected...
    kept = sophie.post(f"{base}/connections/shopify", {"shopify_secret": ""})
    assert kept.status_code == 422 and "ne doit pas être vide" in text_of(kept)
    assert shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers).status_code == 200
    # ...and only the Disconnect button disconnects.
    assert 'name="disconnect" value="1"' in sophie.page(f"{base}/connections")
    page = sophie.submit(f"{base}/connections/shopify", {"disconnect": "1"})
    assert "Shopify déconnectée" in notices(page)[0]
    assert shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers).status_code == 401


def test_a_key_that_is_not_one_is_refused_at_its_field(sophie, shop):
    response = sophie.post(f"/admin/stores/{shop.store.id}/connections/shopify", {"shopify_secret": "abc"})
    page = text_of(response)
    assert response.status_code == 422
    assert "Clé de signature Shopify" in alert(page) and field_errors(page)


def test_a_new_webhook_secret_is_shown_once_after_a_confirmation(sophie, shop, svc):
    base = f"/admin/stores/{shop.store.id}"
    assert "Créer un nouveau secret de webhook?" in sophie.page(f"{base}/connections/secret")
    response = sophie.post(f"{base}/connections/secret")
    secret = order_events.connection(svc.db, shop.store.id).webhook_secret
    assert response.status_code == 201 and secret in text_of(response)
    page = sophie.page(f"{base}/connections")
    assert secret not in page and f"il finit par {secret[-4:]}" in page


def test_an_order_with_no_phone_to_text_is_flagged_on_the_orders_page(sophie, shop, svc):
    order_events.set_shopify_secret(svc.db, shop.store.id, SHOPIFY_SECRET)
    order = fixture("order_pickup")
    order["billing_address"]["phone"] = None
    order["customer"]["default_address"]["phone"] = None
    body, headers = shopify_delivery("orders/create", order)
    shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers)

    page = sophie.page(f"/admin/stores/{shop.store.id}/orders")
    assert "Commandes sans numéro de téléphone" in page
    assert "#1234 · Marie Lavoie · reçue le 2026-11-26 10:00" in page


def test_another_stores_owner_cannot_open_the_page(svc, shop):
    other = Shop(svc, number="+15145550200", name="Autre magasin")
    other.staff("Marc", "+15145550114", role="owner")
    browser = Browser(other.app)
    browser.sign_in(svc, "+15145550114")
    assert browser.get(f"/admin/stores/{shop.store.id}/connections").status_code == 404
    assert browser.post(f"/admin/stores/{shop.store.id}/connections/secret").status_code == 404
    assert order_events.connection(svc.db, shop.store.id).webhook_secret is None


def test_the_shops_api_access_is_saved_and_a_foreign_address_refused(sophie, shop, svc):
    base = f"/admin/stores/{shop.store.id}"
    page = sophie.submit(
        f"{base}/connections/shopify-api",
        {"shopify_domain": "plein-air-laurier.myshopify.com", "shopify_token": "shpat_" + "b" * 32},
    )
    assert "Accès Shopify enregistré" in notices(page)[0]
    assert "plein-air-laurier.myshopify.com" in page and "shpat_" not in page
    assert order_events.connection(svc.db, shop.store.id).shopify_domain == "plein-air-laurier.myshopify.com"

    response = sophie.post(
        f"{base}/connections/shopify-api", {"shopify_domain": "169.254.169.254", "shopify_token": "shpat_x"}
    )
    assert response.status_code == 422 and "myshopify.com" in field_errors(text_of(response))[0]
    assert order_events.connection(svc.db, shop.store.id).shopify_domain == "plein-air-laurier.myshopify.com"
