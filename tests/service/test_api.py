"""The JSON API: bearer tokens, store scope, validation that names the field, the OpenAPI document."""

from __future__ import annotations

import pytest

from bot import create_app
from bot.usecases.stores import create_token


@pytest.fixture
def client(svc):
    return create_app(services=svc).test_client()


@pytest.fixture
def admin(svc):
    return {"Authorization": "Bearer " + create_token(svc.db, "admin")}


@pytest.fixture
def store(client, admin):
    response = client.post(
        "/api/v1/stores",
        headers=admin,
        json={
            "name": "Plein Air Laurier",
            "sms_number": "+1 514 555 0100",
            "timezone": "America/Toronto",
            "language": "fr",
            "escalation_seconds": 120,
            "hours": {"mon": ["09:00", "17:00"]},
        },
    )
    assert response.status_code == 201, response.json
    return response.json


def test_creating_a_store_returns_its_id_and_board_link(store):
    assert store["id"] and store["sms_number"] == "+15145550100"
    assert store["board_url"].startswith("https://pickup.example.test/board/") and len(store["board_url"]) > 60


def test_no_token_is_401_and_a_wrong_token_too(client):
    assert client.get("/api/v1/stores/1").status_code == 401
    assert client.get("/api/v1/stores/1", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_a_store_token_cannot_touch_another_store(svc, client, admin, store):
    other = client.post(
        "/api/v1/stores",
        headers=admin,
        json={"name": "Autre", "sms_number": "+15145550900", "timezone": "America/Toronto", "language": "en"},
    ).json
    scoped = {"Authorization": "Bearer " + create_token(svc.db, "pos", store["id"])}
    assert client.get(f"/api/v1/stores/{store['id']}", headers=scoped).status_code == 200
    assert client.get(f"/api/v1/stores/{other['id']}", headers=scoped).status_code == 403
    assert client.post("/api/v1/stores", headers=scoped, json={}).status_code == 403


def test_orders_are_created_marked_ready_and_read_back_by_their_number(svc, client, admin, store):
    base = f"/api/v1/stores/{store['id']}"
    created = client.post(
        f"{base}/orders",
        headers=admin,
        json={"number": "A-1234", "customer_name": "Marie Lavoie", "customer_phone": "514-555-0123", "language": "fr"},
    )
    assert created.status_code == 201 and created.json["status"] == "pending"
    assert created.json["customer_phone"] == "+15145550123"
    ready = client.post(f"{base}/orders/A-1234/ready", headers=admin)
    assert ready.json["status"] == "ready"
    assert svc.sender.to("+15145550123")[0].startswith(
        "Plein Air Laurier : votre commande #A-1234"
    )  # GSM-7: a plain space
    again = client.post(f"{base}/orders/A-1234/ready", headers=admin)
    assert again.status_code == 200 and len(svc.sender.to("+15145550123")) == 1  # no second text
    got = client.get(f"{base}/orders/A-1234", headers=admin).json
    assert got["status"] == "ready" and got["handoff"] is None
    assert client.get(f"{base}/handoffs?status=waiting", headers=admin).json == []


@pytest.mark.parametrize(
    "body, field",
    [
        ({"number": "1", "customer_phone": "not a phone"}, "customer_phone"),
        ({"number": "1", "customer_phone": "+15145550123", "colour": "red"}, "colour"),
        ({"customer_phone": "+15145550123"}, "number"),
        ({"number": "1", "customer_phone": "+15145550123", "status": "done"}, "status"),
        ({"number": "1", "customer_phone": "+15145550123", "language": "de"}, "language"),
        ({"number": "x" * 41, "customer_phone": "+15145550123"}, "number"),
    ],
)
def test_bad_order_input_is_422_naming_the_field_and_nothing_is_written(client, admin, store, body, field):
    response = client.post(f"/api/v1/stores/{store['id']}/orders", headers=admin, json=body)
    assert response.status_code == 422 and response.json["field"] == field
    assert client.get(f"/api/v1/stores/{store['id']}/orders/1", headers=admin).status_code == 404


def test_a_body_that_is_not_json_is_400(client, admin, store):
    response = client.post(f"/api/v1/stores/{store['id']}/orders", headers=admin, data="number=1")
    assert response.status_code == 400


def test_duplicate_order_number_is_409(client, admin, store):
    body = {"number": "7", "customer_phone": "+15145550123"}
    assert client.post(f"/api/v1/stores/{store['id']}/orders", headers=admin, json=body).status_code == 201
    assert client.post(f"/api/v1/stores/{store['id']}/orders", headers=admin, json=body).status_code == 409


def test_staff_are_added_on_duty_unless_told_otherwise(client, admin, store):
    response = client.post(
        f"/api/v1/stores/{store['id']}/staff",
        headers=admin,
        json={"name": "Julie Tremblay", "phone": "(514) 555-0111", "role": "staff"},
    )
    assert response.status_code == 201
    assert response.json["on_duty"] is True and response.json["phone"] == "+15145550111"
    assert response.json["language"] == "fr"  # the store's, unless given


def test_auto_replies_can_be_overridden_and_unknown_placeholders_are_refused(svc, client, admin, store):
    url = f"/api/v1/stores/{store['id']}/auto-replies/handed_off"
    ok = client.put(url, headers=admin, json={"en": "Bye from {store}!", "fr": "Merci et à la prochaine!"})
    assert ok.status_code == 200 and ok.json["fr"] == "Merci et à la prochaine!"
    bad = client.put(url, headers=admin, json={"en": "Hi {credit_card}"})
    assert bad.status_code == 422 and bad.json["field"] == "en"
    assert (
        client.put(f"/api/v1/stores/{store['id']}/auto-replies/nope", headers=admin, json={"en": "x"}).status_code
        == 422
    )


def test_store_validation_names_the_field(client, admin):
    response = client.post(
        "/api/v1/stores",
        headers=admin,
        json={"name": "X", "sms_number": "+15145550100", "timezone": "Mars/Olympus", "language": "fr"},
    )
    assert response.status_code == 422 and response.json["field"] == "timezone"


def test_openapi_document_lists_every_route(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert {
        "/api/v1/stores",
        "/api/v1/stores/{store_id}/orders/{number}/ready",
        "/api/v1/stores/{store_id}/handoffs",
        "/api/v1/stores/{store_id}/auto-replies/{key}",
    } <= set(doc["paths"])


def test_healthz_reports_database_and_redis(client):
    response = client.get("/healthz")
    assert response.json["checks"]["database"] == "ok"
    assert response.status_code in (200, 503)
