"""The JSON API: hashed, scoped, revocable tokens; every input checked with an answer naming the field;
nothing half-written when something fails."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from bot.data.models import ApiToken, AutoReply, Customer, Message, Order, Store
from bot.usecases import orders, stores
from bot.usecases.stores import create_token


@pytest.fixture
def admin(svc):
    return {"Authorization": "Bearer " + create_token(svc.db, "admin")}


@pytest.fixture
def store(svc):
    return stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")


@pytest.fixture
def other(svc):
    return stores.create_store(svc.db, "Autre Boutique", "+15145550900", "America/Toronto", "en")


def rows(svc, model) -> int:
    with svc.db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


# --- tokens -----------------------------------------------------------------------------------------------


def test_tokens_are_stored_only_as_their_sha256(svc):
    token = create_token(svc.db, "pos")
    with svc.db.read() as session:
        row = session.scalars(select(ApiToken)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.token_hash, row.name)


def test_a_request_without_a_valid_bearer_token_is_401_and_says_how_to_authenticate(client, store):
    for headers in (
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer arv_nope"},
        {"Authorization": "Bearer " + "x" * 5000},
    ):
        response = client.get(f"/api/v1/stores/{store.id}", headers=headers)
        assert response.status_code == 401 and response.json["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_at_once(svc, client, store):
    token = create_token(svc.db, "till", store.id)
    headers = {"Authorization": "Bearer " + token}
    assert client.get(f"/api/v1/stores/{store.id}", headers=headers).status_code == 200
    assert stores.revoke_token(svc.db, token, svc.clock()) == 1
    assert client.get(f"/api/v1/stores/{store.id}", headers=headers).status_code == 401
    assert stores.revoke_token(svc.db, token, svc.clock()) == 0  # already revoked


def test_the_revoke_token_command_revokes_by_name_or_by_the_token_itself(svc, app, client, store):
    first, second = create_token(svc.db, "till"), create_token(svc.db, "till")
    kept = create_token(svc.db, "pos")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["revoke-token", "till"])
    assert result.exit_code == 0 and "revoked 2 tokens" in result.output
    result = runner.invoke(args=["revoke-token", kept])
    assert result.exit_code == 0 and "revoked 1 token" in result.output
    for token in (first, second, kept):
        assert client.get(f"/api/v1/stores/{store.id}", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    result = runner.invoke(args=["revoke-token", "nobody"])
    assert result.exit_code != 0 and "no live token" in result.output


def test_a_store_token_gets_403_on_every_resource_of_another_store(svc, client, store, other):
    orders.create_order(svc, other.id, "77", "+15145550177", "Luc Roy", status="ready")
    scoped = {"Authorization": "Bearer " + create_token(svc.db, "pos", store.id)}
    base = f"/api/v1/stores/{other.id}"
    calls = [
        ("get", base, None),
        ("get", f"{base}/orders/77", None),
        ("get", f"{base}/handoffs", None),
        ("post", f"{base}/orders/77/ready", None),
        ("post", f"{base}/orders", {"number": "1", "customer_phone": "+15145550123"}),
        ("post", f"{base}/staff", {"name": "Eve", "phone": "+15145550166", "role": "owner"}),
        ("put", f"{base}/auto-replies/help", {"en": "pwned"}),
        ("get", "/api/v1/stores/999999", None),  # not even whether it exists
        (
            "post",
            "/api/v1/stores",
            {"name": "X", "sms_number": "+15145550901", "timezone": "America/Toronto", "language": "fr"},
        ),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(url, headers=scoped, json=body)
        assert response.status_code == 403, (method, url, response.json)
    assert rows(svc, Order) == 1 and rows(svc, AutoReply) == 0


# --- validation -------------------------------------------------------------------------------------------

STORE_BODY = {"name": "Plein Air", "sms_number": "+15145550199", "timezone": "America/Toronto", "language": "fr"}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "x" * 121}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "Plein\x00Air"}, "name"),
        ({"name": 42}, "name"),
        ({"sms_number": "555"}, "sms_number"),
        ({"sms_number": "+1 514 555 01999999999"}, "sms_number"),
        ({"timezone": "America/" + "x" * 300}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"language": "de"}, "language"),
        ({"escalation_seconds": 10}, "escalation_seconds"),
        ({"escalation_seconds": True}, "escalation_seconds"),
        ({"hours": {"mon": ["17:00", "09:00"]}}, "hours.mon"),
        ({"hours": {"mon": ["9:00", "17:00"]}}, "hours.mon"),
        ({"hours": {"mon": ["09:00", "24:30"]}}, "hours.mon"),
        ({"hours": {"mon": "09:00-17:00"}}, "hours.mon"),
        ({"hours": {"lundi": ["09:00", "17:00"]}}, "hours"),
        ({"handoff_mode": "drone"}, "handoff_mode"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_bad_store_input_is_422_naming_the_field_and_creates_nothing(svc, client, admin, changes, field):
    response = client.post("/api/v1/stores", headers=admin, json={**STORE_BODY, **changes})
    assert response.status_code == 422, response.json
    assert response.json["field"] == field and response.json["message"]
    assert rows(svc, Store) == 0


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "Julie", "phone": "not a phone", "role": "staff"}, "phone"),
        ({"name": "Julie", "phone": "+15145550111", "role": "admin"}, "role"),
        ({"name": "Julie", "phone": "+15145550111", "role": "staff", "language": ""}, "language"),
        ({"name": "Julie", "phone": "+15145550111", "role": "staff", "on_duty": "yes"}, "on_duty"),
        ({"name": "J" * 121, "phone": "+15145550111", "role": "staff"}, "name"),
        ({"name": "Julie", "phone": ["+15145550111"], "role": "staff"}, "phone"),
    ],
)
def test_bad_staff_input_is_422_naming_the_field(client, admin, store, body, field):
    response = client.post(f"/api/v1/stores/{store.id}/staff", headers=admin, json=body)
    assert response.status_code == 422 and response.json["field"] == field


@pytest.mark.parametrize(
    "body, field",
    [
        ({"number": "1", "customer_phone": "+15145550123", "customer_name": "M" * 121}, "customer_name"),
        ({"number": "1", "customer_phone": "+15145550123", "customer_name": "Marie\x00"}, "customer_name"),
        ({"number": "1\x00", "customer_phone": "+15145550123"}, "number"),
        ({"number": "#", "customer_phone": "+15145550123"}, "number"),
        ({"number": -1, "customer_phone": "+15145550123"}, "number"),
        ({"number": "1", "customer_phone": "+15145550123", "items": "skis"}, "items"),
        ({"number": "1", "customer_phone": "+15145550123", "items": ["x"] * 201}, "items"),
        ({"number": "1", "customer_phone": "911"}, "customer_phone"),
    ],
)
def test_bad_order_input_is_422_naming_the_field_and_writes_nothing(svc, client, admin, store, body, field):
    response = client.post(f"/api/v1/stores/{store.id}/orders", headers=admin, json=body)
    assert response.status_code == 422 and response.json["field"] == field
    assert rows(svc, Order) == 0 and rows(svc, Customer) == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("Merci {", "unmatched"),
        ("Merci {}", "plain names"),
        ("Merci {0}", "plain names"),
        ("Merci {store!r}", "plain names"),
        ("Merci {store:>999999999}", "plain names"),
        ("Merci {store.__class__}", "plain names"),
        ("Merci {credit_card}", "unknown placeholder"),
        ("x" * 481, "480"),
        ("Nul\x00", "NUL"),
    ],
)
def test_an_auto_reply_that_could_not_be_rendered_is_refused(svc, client, admin, store, text, message):
    response = client.put(f"/api/v1/stores/{store.id}/auto-replies/handed_off", headers=admin, json={"fr": text})
    assert response.status_code == 422 and response.json["field"] == "fr" and message in response.json["message"]
    assert rows(svc, AutoReply) == 0


def test_a_help_text_longer_than_one_sms_is_refused(client, admin, store):
    response = client.put(
        f"/api/v1/stores/{store.id}/auto-replies/help", headers=admin, json={"en": "{store}: " + "call us " * 25}
    )
    assert response.status_code == 422 and "one SMS" in response.json["message"]


def test_unknown_query_parameters_are_refused_like_unknown_fields(client, admin, store):
    response = client.get(f"/api/v1/stores/{store.id}/handoffs?status=waiting&debug=1", headers=admin)
    assert response.status_code == 422 and response.json["field"] == "debug"
    assert client.get(f"/api/v1/stores/{store.id}/handoffs?status=", headers=admin).status_code == 200


def test_ids_beyond_what_the_database_holds_are_404_not_500(client, admin):
    response = client.get(f"/api/v1/stores/{2**63}", headers=admin)
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_api_routing_errors_answer_json(client, admin, store):
    missing = client.get("/api/v1/nothing-here", headers=admin)
    assert missing.status_code == 404 and missing.json["error"] == "not_found"
    wrong = client.delete(f"/api/v1/stores/{store.id}", headers=admin)
    assert wrong.status_code == 405 and wrong.json["error"] == "method_not_allowed" and "GET" in wrong.headers["Allow"]
    huge = client.post("/api/v1/stores", headers=admin, data="x" * (300 * 1024), content_type="application/json")
    assert huge.status_code == 413 and huge.json["error"] == "too_large"


# --- nothing half-written ---------------------------------------------------------------------------------


class BrokenClock:
    """A clock that hands out a time without a zone: the database layer refuses it mid-transaction, as any
    failure between writing the order and queueing its text would."""

    def __init__(self, clock):
        self.clock = clock

    def __call__(self):
        return self.clock().replace(tzinfo=None)


def test_an_order_created_ready_whose_text_cannot_be_queued_leaves_nothing_behind(svc, store):
    svc.clock = BrokenClock(svc.clock)
    with pytest.raises(StatementError):
        orders.create_order(svc, store.id, "1234", "+15145550123", "Marie Lavoie", status="ready")
    assert rows(svc, Order) == 0 and rows(svc, Customer) == 0 and rows(svc, Message) == 0
    assert svc.sender.outbox == []


def test_an_owner_text_broken_in_the_database_still_lets_the_order_ready_text_go_out(svc, client, admin, store):
    # Refused by the API, but a row written some other way must not stop the customer's text.
    with svc.db.write() as session:
        session.add(AutoReply(store_id=store.id, key="order_ready", fr="{} {store.x} {", en=None))
    response = client.post(
        f"/api/v1/stores/{store.id}/orders",
        headers=admin,
        json={"number": "1234", "customer_phone": "+15145550123", "customer_name": "Marie Lavoie", "status": "ready"},
    )
    assert response.status_code == 201 and response.json["status"] == "ready"
    [text] = svc.sender.to("+15145550123")
    assert text.startswith("Plein Air Laurier : votre commande #1234")
