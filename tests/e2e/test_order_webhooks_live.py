"""Order webhooks through real processes: a signed Shopify delivery and a generic one reach gunicorn, are stored,
applied by the RQ worker and the customer's text reaches the Twilio stand-in; the shop is connected with the CLI."""

from __future__ import annotations

import time

import pytest
import requests

from tests.support.shopify import SHOPIFY_SECRET, fixture, generic_delivery, shopify_delivery

STORE, MARIE, ALEX = "+15145550100", "+15145550123", "+15145550124"


@pytest.fixture
def shop(stack):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    return store, token


def order(stack, store, token, number, until=lambda o: True, timeout=10.0):
    """The order as the API shows it, once the worker has made it what `until` expects."""
    deadline = time.monotonic() + timeout
    while True:
        response = stack.api("GET", f"/stores/{store['id']}/orders/{number}", token)
        if response.status_code == 200 and until(response.json()):
            return response.json()
        assert time.monotonic() < deadline, (response.status_code, response.text)
        time.sleep(0.1)


def test_a_shopify_pickup_order_comes_in_and_ready_texts_the_customer_once(stack, twilio, shop):
    store, token = shop
    out = stack.cli("connect-shopify", str(store["id"]), "--secret", SHOPIFY_SECRET)
    url = f"{stack.url}/webhooks/shopify/{store['id']}"
    assert url in out

    forged_body, forged = shopify_delivery("orders/create", fixture("order_pickup"), secret="shpss_" + "9" * 36)
    assert requests.post(url, data=forged_body, headers=forged, timeout=5).status_code == 401

    body, headers = shopify_delivery("orders/create", fixture("order_pickup"))
    response = requests.post(url, data=body, headers=headers, timeout=5)
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    created = order(stack, store, token, "1234")
    assert created["status"] == "pending" and created["customer_phone"] == MARIE

    ready = fixture("fulfillment_order_prepared_for_pickup")
    body, headers = shopify_delivery(
        "fulfillment_orders/line_items_prepared_for_pickup", ready, webhook_id="b54557e4-ready"
    )
    for _ in range(3):  # Shopify's retries of one delivery
        assert requests.post(url, data=body, headers=headers, timeout=5).status_code == 200
    [text] = twilio.wait_for(1, timeout=10, to=MARIE)
    assert "#1234" in text["body"]
    assert order(stack, store, token, "1234")["status"] == "ready"
    time.sleep(1.0)  # time enough for a second text, were one coming
    assert len(twilio.messages(to=MARIE)) == 1


def test_the_generic_webhook_creates_a_ready_order_then_cancels_it(stack, twilio, shop):
    store, token = shop
    out = stack.cli("rotate-webhook-secret", str(store["id"]))
    secret = out.split("secret: ", 1)[1].strip()
    url = f"{stack.url}/webhooks/orders/{store['id']}"

    created = {
        "event": "created",
        "order": {
            "number": "1235",
            "customer_name": "Alex Martin",
            "customer_phone": "514-555-0124",
            "language": "en",
            "status": "ready",
        },
    }
    body, headers = generic_delivery(secret, created, key="pos-1235-created")
    assert requests.post(url, data=body, headers=headers, timeout=5).status_code == 200
    [text] = twilio.wait_for(1, timeout=10, to=ALEX)
    assert "#1235" in text["body"] and "ready" in text["body"]

    late_body, late = generic_delivery(secret, created, key="pos-1235-again", at=time.time() - 600)
    assert requests.post(url, data=late_body, headers=late, timeout=5).status_code == 401

    body, headers = generic_delivery(secret, {"event": "cancelled", "order": {"number": "1235"}})
    assert requests.post(url, data=body, headers=headers, timeout=5).status_code == 200
    assert order(stack, store, token, "1235", until=lambda o: o["status"] != "ready")["status"] == "cancelled"
