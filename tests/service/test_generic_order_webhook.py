"""The generic signed order webhook (POST /webhooks/orders/<store_id>), as a POS or a no-code tool would call it:
created, ready and cancelled with the API's fields, signed over timestamp and body, deduplicated by Idempotency-Key,
and refused when forged or replayed late."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.data.models import Order, OrderEvent
from bot.usecases import order_events
from tests.support.conversation import demo_team
from tests.support.shopify import generic_delivery

MARIE = "+15145550123"
CREATED = {
    "event": "created",
    "order": {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": "514 555-0123", "language": "fr"},
}


@pytest.fixture
def shop(svc):
    shop = demo_team(svc)
    shop.secret = order_events.rotate_webhook_secret(svc.db, shop.store.id)
    return shop


def post(shop, data, secret=None, key=None, at=None, headers=None):
    now = shop.svc.clock().timestamp() if at is None else at
    body, signed = generic_delivery(secret or shop.secret, data, key=key, at=now)
    signed.update(headers or {})
    response = shop.client.post(f"/webhooks/orders/{shop.store.id}", data=body, headers=signed)
    if shop.svc.dispatcher.errors:
        raise shop.svc.dispatcher.errors.pop(0)
    return response


def stored(svc) -> list[tuple[str, str]]:
    with svc.db.read() as session:
        return [(e.topic, e.status) for e in session.scalars(select(OrderEvent).order_by(OrderEvent.id))]


def test_created_makes_a_pending_order_with_the_apis_fields(shop):
    response = post(shop, CREATED)

    assert response.status_code == 200 and response.json["status"] == "accepted"
    order = shop.order_state("1234")
    assert order["status"] == "pending" and order["customer_phone"] == MARIE and order["language"] == "fr"


def test_ready_texts_the_customer_once_even_when_repeated(shop):
    post(shop, CREATED)
    marie = shop.customer(MARIE)
    for _ in range(3):
        post(shop, {"event": "ready", "order": {"number": "1234"}}, key="pos-ready-1234")
    post(shop, {"event": "ready", "order": {"number": "#1234"}})  # the same news under another key

    [ready] = marie.new()
    assert "#1234" in ready
    assert shop.order_state("1234")["status"] == "ready"
    assert [s for t, s in stored(shop.svc)] == ["applied", "applied", "applied"]


def test_a_repeat_answers_duplicate_and_stores_nothing_more(shop):
    first = post(shop, CREATED, key="pos-1234")
    again = post(shop, CREATED, key="pos-1234")
    assert again.status_code == 200 and again.json == {"status": "duplicate", "event_id": first.json["event_id"]}
    assert len(stored(shop.svc)) == 1


def test_cancelled_cancels_and_tells_a_waiting_customer_and_the_staff(shop):
    post(shop, {**CREATED, "order": {**CREATED["order"], "status": "ready"}})
    marie = shop.customer(MARIE)
    marie.new()
    marie.texts("rendue place 4")
    shop.julie.new(), shop.sam.new()

    post(shop, {"event": "cancelled", "order": {"number": "1234"}})

    assert shop.order_state("1234")["status"] == "cancelled"
    assert "annulée" in marie.new()[0]
    assert shop.julie.new() and shop.sam.new()


@pytest.mark.parametrize(
    "tamper",
    [
        {"X-Arrivee-Signature": "sha256=" + "0" * 64},
        {"X-Arrivee-Signature": ""},
        {"X-Arrivee-Timestamp": "1"},  # the signature no longer matches the timestamp
    ],
)
def test_a_forged_signature_is_refused_and_nothing_is_stored(shop, tamper):
    response = post(shop, CREATED, headers=tamper)
    assert response.status_code == 401
    assert stored(shop.svc) == []


def test_a_request_signed_with_another_secret_or_after_rotation_is_refused(shop, svc):
    old = shop.secret
    shop.secret = order_events.rotate_webhook_secret(svc.db, shop.store.id)
    assert post(shop, CREATED, secret=old).status_code == 401
    assert post(shop, CREATED, secret="whsec_not_this_one").status_code == 401
    assert stored(svc) == []


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_timestamp_outside_five_minutes_is_refused_as_a_replay(shop, offset):
    response = post(shop, CREATED, at=shop.svc.clock().timestamp() + offset)
    assert response.status_code == 401 and "5 minutes" in response.json["message"]
    assert stored(shop.svc) == []


def test_no_idempotency_key_is_a_400(shop):
    response = post(shop, CREATED, headers={"Idempotency-Key": ""})
    assert response.status_code == 400 and stored(shop.svc) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"event": "shipped", "order": {"number": "1"}}, "event"),
        ({"event": "created", "order": {"number": "1", "customer_phone": "not a phone"}}, "customer_phone"),
        ({"event": "created", "order": {"number": "1"}}, "customer_phone"),
        ({"event": "ready", "order": {"number": "1", "customer_phone": "+15145550123"}}, "customer_phone"),
        ({"event": "created", "order": {**CREATED["order"], "colour": "red"}}, "colour"),
    ],
)
def test_a_body_the_api_would_refuse_is_a_422_naming_the_field_and_nothing_is_stored(shop, data, field):
    response = post(shop, data)
    assert response.status_code == 422 and response.json["field"] == field
    assert stored(shop.svc) == []


def test_ready_before_created_is_applied_once_the_order_comes_in(shop):
    post(shop, {"event": "ready", "order": {"number": "1234"}})
    assert stored(shop.svc) == [("ready", "unmatched")]
    post(shop, CREATED)
    assert shop.order_state("1234")["status"] == "ready"
    assert len(shop.customer(MARIE).new()) == 1


def test_a_store_without_a_webhook_secret_takes_nothing(svc):
    shop = demo_team(svc)
    body, headers = generic_delivery("whsec_guess", CREATED, at=svc.clock().timestamp())
    assert shop.client.post(f"/webhooks/orders/{shop.store.id}", data=body, headers=headers).status_code == 401
    with svc.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 0
