"""Shopify's order webhooks, posted signed as Shopify posts them (fixtures under tests/fixtures/shopify/), through the
app with jobs run at once: pickup orders come in, ready texts the customer once, cancelled cancels, shipping is
ignored, forgeries are refused with nothing stored, and an older state never overwrites a newer one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.data.models import Order, OrderEvent
from bot.usecases import order_events, orders
from bot.usecases.errors import Invalid
from bot.usecases.ports import ShopLookupError
from bot.usecases.timers import sweep
from tests.support.conversation import demo_team
from tests.support.fakes import FakeShopify
from tests.support.shopify import SHOPIFY_SECRET, changed, fixture, shopify_delivery

MARIE = "+15145550123"


@pytest.fixture
def shop(svc):
    shop = demo_team(svc)
    order_events.set_shopify_secret(svc.db, shop.store.id, SHOPIFY_SECRET)
    return shop


def post(shop, topic, payload, **kwargs):
    body, headers = shopify_delivery(topic, payload, **kwargs)
    response = shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers)
    if shop.svc.dispatcher.errors:
        raise shop.svc.dispatcher.errors.pop(0)
    return response


def events(svc) -> list[tuple[str, str]]:
    with svc.db.read() as session:
        return [(e.topic, e.status) for e in session.scalars(select(OrderEvent).order_by(OrderEvent.id))]


def orders_count(svc) -> int:
    with svc.db.read() as session:
        return session.scalar(select(func.count()).select_from(Order))


def ready_payload(order_id=5783206707309):
    payload = fixture("fulfillment_order_prepared_for_pickup")
    payload["fulfillment_order"]["order_id"] = order_id
    return payload


def test_a_pickup_order_created_in_shopify_is_pending_here_with_its_number_phone_name_and_language(shop):
    response = post(shop, "orders/create", fixture("order_pickup"))

    assert response.status_code == 200 and response.json["status"] == "accepted"
    order = shop.order_state("1234")
    assert order["status"] == "pending"
    assert order["customer_phone"] == MARIE  # "(514) 555-0123" on the billing address, in E.164
    assert order["customer_name"] == "Marie Lavoie" and order["language"] == "fr"  # customer_locale fr-CA
    assert [i["name"] for i in order["items"]] == ["Tuque en laine - Rouge", "Bas de laine mérinos"]
    assert shop.customer(MARIE).new() == []  # pending: nobody is texted yet
    assert events(shop.svc) == [("orders/create", "applied")]


def test_ready_for_pickup_in_shopify_texts_the_customer_once_even_when_the_webhook_repeats(shop):
    post(shop, "orders/create", fixture("order_pickup"))
    marie = shop.customer(MARIE)

    for _ in range(3):  # Shopify retries with the same webhook id
        post(shop, "fulfillment_orders/line_items_prepared_for_pickup", ready_payload(), webhook_id="wh-ready-1")
    # and a second delivery of the same news under another id changes nothing either
    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", ready_payload(), webhook_id="wh-ready-2")

    [ready] = marie.new()
    assert "#1234" in ready and "Plein Air Laurier" in ready
    assert shop.order_state("1234")["status"] == "ready"
    assert [s for t, s in events(shop.svc) if t.startswith("fulfillment")] == ["applied", "applied"]


def test_ready_that_comes_before_its_order_is_applied_when_the_order_comes_in(shop):
    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", ready_payload())
    assert events(shop.svc) == [("fulfillment_orders/line_items_prepared_for_pickup", "unmatched")]

    post(shop, "orders/create", fixture("order_pickup"))

    assert shop.order_state("1234")["status"] == "ready"
    assert len(shop.customer(MARIE).new()) == 1


def test_a_cancellation_in_shopify_cancels_the_order_and_tells_a_waiting_customer_and_the_staff(shop):
    order = fixture("order_pickup")
    post(shop, "orders/create", order)
    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", ready_payload())
    marie = shop.customer(MARIE)
    marie.new()
    marie.texts("chu rendue place 4")
    shop.julie.new(), shop.sam.new()

    cancelled = changed(
        order,
        cancelled_at="2026-12-05T09:40:00-05:00",
        cancel_reason="customer",
        updated_at="2026-12-05T09:40:01-05:00",
    )
    post(shop, "orders/cancelled", cancelled)

    assert shop.order_state("1234")["status"] == "cancelled"
    [told] = marie.new()
    assert "#1234" in told and "annulée" in told
    assert "#1234" in shop.julie.new()[0] and "#1234" in shop.sam.new()[0]


def test_a_shipping_order_and_a_local_delivery_are_ignored(shop):
    post(shop, "orders/create", fixture("order_shipping"))
    local = changed(
        fixture("order_pickup"),
        id=5783206772845,
        name="#1236",
        shipping_lines=[{"code": "Local Delivery", "title": "Local Delivery", "source": "shopify", "price": "3.99"}],
    )
    post(shop, "orders/create", local)

    assert orders_count(shop.svc) == 0
    assert events(shop.svc) == [("orders/create", "ignored"), ("orders/create", "ignored")]


@pytest.mark.parametrize("signature", [None, "", "forged", "bm90IHRoZSByaWdodCBvbmU="])
def test_a_forged_or_missing_signature_is_refused_and_nothing_is_stored(shop, signature):
    body, headers = shopify_delivery("orders/create", fixture("order_pickup"))
    if signature is None:
        del headers["X-Shopify-Hmac-SHA256"]
    else:
        headers["X-Shopify-Hmac-SHA256"] = signature

    response = shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers)

    assert response.status_code == 401
    assert events(shop.svc) == [] and orders_count(shop.svc) == 0


def test_a_delivery_signed_with_another_shops_secret_or_for_another_store_is_refused(shop, svc):
    signed_elsewhere = post(shop, "orders/create", fixture("order_pickup"), secret="shpss_" + "0" * 36)
    body, headers = shopify_delivery("orders/create", fixture("order_pickup"))
    unknown_store = shop.client.post("/webhooks/shopify/999", data=body, headers=headers)

    assert signed_elsewhere.status_code == 401 and unknown_store.status_code == 401
    assert events(svc) == []


def test_a_store_without_a_shopify_secret_takes_nothing(shop, svc):
    order_events.set_shopify_secret(svc.db, shop.store.id, "")
    assert post(shop, "orders/create", fixture("order_pickup")).status_code == 401
    assert events(svc) == []


def test_an_older_update_after_a_newer_one_changes_nothing(shop):
    order = fixture("order_pickup")
    cancelled = changed(order, cancelled_at="2026-12-05T09:40:00-05:00", updated_at="2026-12-05T09:40:01-05:00")
    post(shop, "orders/cancelled", cancelled)  # the newer state comes first: an order we never had
    post(shop, "orders/create", order)  # then the older one

    assert orders_count(shop.svc) == 0
    assert events(shop.svc) == [("orders/cancelled", "unmatched"), ("orders/create", "stale")]


def test_a_cancellation_decided_while_its_creation_was_being_applied_still_cancels_the_order(shop, svc, monkeypatch):
    order = fixture("order_pickup")
    svc.dispatcher.broken = True  # both stored, neither applied yet: two workers will take them
    post(shop, "orders/create", order)
    cancelled = changed(order, cancelled_at="2026-12-05T09:40:00-05:00", updated_at="2026-12-05T09:40:01-05:00")
    post(shop, "orders/cancelled", cancelled)
    svc.dispatcher.broken = False
    create = orders.create_order

    def second_worker_first(*args, **kwargs):
        # The first worker has decided to create the order; before it lands, the second decides the cancellation.
        assert order_events.apply_event(svc, 2) == "unmatched"
        return create(*args, **kwargs)

    monkeypatch.setattr(orders, "create_order", second_worker_first)
    order_events.apply_event(svc, 1)

    assert shop.order_state("1234")["status"] == "cancelled"
    assert events(svc) == [("orders/create", "applied"), ("orders/cancelled", "applied")]


def test_the_cancellation_of_an_order_shipped_elsewhere_is_ignored(shop):
    shipped = fixture("order_shipping")
    post(shop, "orders/cancelled", changed(shipped, cancelled_at="2026-12-05T09:40:00-05:00"))
    assert events(shop.svc) == [("orders/cancelled", "ignored")]


def test_an_older_update_does_not_undo_a_cancellation(shop):
    order = fixture("order_pickup")
    post(shop, "orders/create", order)
    post(
        shop,
        "orders/updated",
        changed(order, cancelled_at="2026-12-05T09:40:00-05:00", updated_at="2026-12-05T09:40:01-05:00"),
    )
    post(shop, "orders/updated", changed(order, updated_at="2026-12-05T09:20:00-05:00", note="older edit"))

    assert shop.order_state("1234")["status"] == "cancelled"
    assert events(shop.svc)[-1] == ("orders/updated", "stale")


def test_an_order_with_no_usable_phone_is_kept_and_flagged_then_comes_in_once_it_has_one(shop):
    order = fixture("order_pickup")
    order["billing_address"]["phone"] = "555-0123"  # no area code: nothing can text it
    order["customer"]["default_address"]["phone"] = None
    post(shop, "orders/create", order)

    assert orders_count(shop.svc) == 0
    [held] = order_events.orders_without_phone(shop.svc.db, shop.store.id)
    assert held.number == "1234" and held.customer_name == "Marie Lavoie"

    fixed = changed(order, phone="+1 514 555 0123", updated_at="2026-12-05T09:30:00-05:00")
    post(shop, "orders/updated", fixed)

    assert shop.order_state("1234")["customer_phone"] == MARIE
    assert order_events.orders_without_phone(shop.svc.db, shop.store.id) == []


def test_an_english_customer_locale_makes_an_english_order(shop):
    post(shop, "orders/create", changed(fixture("order_pickup"), customer_locale="en-CA"))
    assert shop.order_state("1234")["language"] == "en"


def test_topics_we_do_not_read_are_answered_200_and_not_stored(shop):
    response = post(shop, "products/update", {"id": 1})
    assert response.status_code == 200 and response.json["status"] == "ignored"
    assert events(shop.svc) == []


def test_shopifys_documented_ready_payload_names_no_order_and_is_kept_unmatched(shop):
    post(shop, "orders/create", fixture("order_pickup"))
    post(
        shop,
        "fulfillment_orders/line_items_prepared_for_pickup",
        fixture("fulfillment_order_prepared_for_pickup_documented"),
    )

    assert events(shop.svc)[-1] == ("fulfillment_orders/line_items_prepared_for_pickup", "unmatched")
    assert shop.order_state("1234")["status"] == "pending"


def documented_ready(fulfillment_order_id="6841237405805"):
    payload = fixture("fulfillment_order_prepared_for_pickup_documented")
    payload["fulfillment_order"]["id"] = f"gid://shopify/FulfillmentOrder/{fulfillment_order_id}"
    return payload


def test_with_api_access_shopify_is_asked_which_order_a_documented_ready_payload_is(shop, svc):
    svc.shopify = FakeShopify({"6841237405805": "5783206707309"})
    order_events.set_shopify_api(svc.db, shop.store.id, "plein-air-laurier.myshopify.com", "shpat_" + "a" * 32)
    post(shop, "orders/create", fixture("order_pickup"))

    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", documented_ready())

    assert svc.shopify.asked == [("plein-air-laurier.myshopify.com", "shpat_" + "a" * 32, "6841237405805")]
    assert shop.order_state("1234")["status"] == "ready"
    assert len(shop.customer(MARIE).new()) == 1


def test_shopify_unreachable_leaves_the_ready_event_for_the_sweep_which_applies_it_later(shop, svc):
    svc.shopify = FakeShopify({"6841237405805": "5783206707309"})
    svc.shopify.failures.append(ShopLookupError("Shopify answered 503", transient=True))
    order_events.set_shopify_api(svc.db, shop.store.id, "plein-air-laurier.myshopify.com", "shpat_x")
    post(shop, "orders/create", fixture("order_pickup"))

    body, headers = shopify_delivery("fulfillment_orders/line_items_prepared_for_pickup", documented_ready())
    assert shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers).status_code == 200
    assert isinstance(svc.dispatcher.errors.pop(0), ShopLookupError)  # the job failed: RQ would retry it
    assert events(svc)[-1] == ("fulfillment_orders/line_items_prepared_for_pickup", "received")

    svc.clock.advance(120)
    assert sweep(svc)["order_events"] == 1
    assert shop.order_state("1234")["status"] == "ready"


def test_a_token_shopify_refuses_leaves_the_event_unmatched_saying_why(shop, svc):
    svc.shopify = FakeShopify()
    svc.shopify.failures.append(ShopLookupError("Shopify answered 401", transient=False))
    order_events.set_shopify_api(svc.db, shop.store.id, "plein-air-laurier.myshopify.com", "shpat_old")
    post(shop, "orders/create", fixture("order_pickup"))
    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", documented_ready())

    with svc.db.read() as session:
        last = session.scalars(select(OrderEvent).order_by(OrderEvent.id.desc())).first()
    assert last.status == "unmatched" and "401" in last.note


@pytest.mark.parametrize("domain", ["evil.example.com", "shop.myshopify.com.evil.io", "http://127.0.0.1", "a b"])
def test_only_a_myshopify_address_is_taken_for_the_api(shop, svc, domain):
    with pytest.raises(Invalid):
        order_events.set_shopify_api(svc.db, shop.store.id, domain, "shpat_x")


def test_an_event_stored_while_the_queue_was_down_is_applied_by_the_sweep(shop, svc):
    svc.dispatcher.broken = True
    assert post(shop, "orders/create", fixture("order_pickup")).status_code == 200
    assert events(svc) == [("orders/create", "received")]

    svc.dispatcher.broken = False
    svc.clock.advance(120)
    assert sweep(svc)["order_events"] == 1
    assert shop.order_state("1234")["status"] == "pending"


def test_an_event_applied_twice_by_two_workers_creates_and_texts_once(shop, svc):
    post(shop, "orders/create", fixture("order_pickup"))
    post(shop, "fulfillment_orders/line_items_prepared_for_pickup", ready_payload())
    with svc.db.write() as session:  # as if a worker died after applying, before recording it
        for event in session.scalars(select(OrderEvent)):
            event.status = "applying"
    for event_id in (1, 2):
        order_events.apply_event(svc, event_id)

    assert orders_count(svc) == 1 and len(shop.customer(MARIE).new()) == 1
    assert [s for _t, s in events(svc)] == ["applied", "applied"]
