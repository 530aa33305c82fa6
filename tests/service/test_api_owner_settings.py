"""The API's owner settings: PATCH a store (pause included), the staff roster (list, change, remove)."""

from __future__ import annotations

import pytest

from bot.usecases.stores import create_token
from tests.support.conversation import Shop


@pytest.fixture
def shop(svc):
    return Shop(svc, language="fr")


@pytest.fixture
def client(shop):
    return shop.client


@pytest.fixture
def admin(svc):
    return {"Authorization": "Bearer " + create_token(svc.db, "admin")}


@pytest.fixture
def base(shop):
    return f"/api/v1/stores/{shop.store.id}"


def test_every_store_setting_can_be_changed_with_patch(client, admin, base):
    response = client.patch(
        base,
        headers=admin,
        json={
            "name": "Plein Air Mont-Royal",
            "language": "en",
            "timezone": "America/Vancouver",
            "hours": {"mon": ["10:00", "18:00"], "sun": None},
            "escalation_seconds": 90,
            "handoff_mode": "door",
            "paused": True,
            "pause_message": "Back at 2 pm.",
        },
    )
    assert response.status_code == 200, response.json
    got = client.get(base, headers=admin).json
    assert got["name"] == "Plein Air Mont-Royal" and got["language"] == "en"
    assert got["timezone"] == "America/Vancouver" and got["hours"]["mon"] == ["10:00", "18:00"]
    assert got["escalation_seconds"] == 90 and got["handoff_mode"] == "door"
    assert got["paused"] is True and got["pause_message"] == "Back at 2 pm."


def test_a_bad_value_in_a_patch_is_422_naming_it_and_nothing_changes(client, admin, base):
    response = client.patch(base, headers=admin, json={"name": "Nouveau nom", "escalation_seconds": 5})
    assert response.status_code == 422 and response.json["field"] == "escalation_seconds"
    assert "30 to 3600" in response.json["message"]
    assert client.get(base, headers=admin).json["name"] == "Plein Air Laurier"
    unknown = client.patch(base, headers=admin, json={"sms_number": "+15145550999"})
    assert unknown.status_code == 422 and unknown.json["field"] == "sms_number"


def test_a_store_can_be_created_paused(client, admin):
    response = client.post(
        "/api/v1/stores",
        headers=admin,
        json={
            "name": "Boutique",
            "sms_number": "+15145550177",
            "timezone": "America/Toronto",
            "language": "fr",
            "paused": True,
            "pause_message": "Ouverture lundi.",
        },
    )
    assert response.status_code == 201 and response.json["paused"] is True


def test_pausing_through_the_api_answers_arrivals_with_the_message_and_alerts_nobody(shop, client, admin, base):
    julie = shop.staff("Julie Tremblay", "+15145550111")
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    client.patch(base, headers=admin, json={"paused": True, "pause_message": "De retour à 14 h."})
    [answer] = marie.texts("rendue place 4")
    assert "suspendu" in answer and "De retour à 14 h." in answer
    assert julie.new() == []
    client.patch(base, headers=admin, json={"paused": False})
    marie.texts("rendue place 4")
    assert julie.new()


def test_the_roster_lists_changes_and_removes_staff(shop, client, admin, base):
    shop.staff("Julie Tremblay", "+15145550111")
    shop.staff("Sophie Roy", "+15145550113", role="owner")
    roster = client.get(f"{base}/staff", headers=admin).json
    assert [m["name"] for m in roster] == ["Julie Tremblay", "Sophie Roy"]
    julie = roster[0]
    changed = client.patch(
        f"{base}/staff/{julie['id']}",
        headers=admin,
        json={"on_duty": False, "language": "en", "role": "manager", "name": "Julie T."},
    )
    assert changed.status_code == 200
    assert changed.json == {**julie, "on_duty": False, "language": "en", "role": "manager", "name": "Julie T."}
    assert client.delete(f"{base}/staff/{julie['id']}", headers=admin).status_code == 204
    assert [m["name"] for m in client.get(f"{base}/staff", headers=admin).json] == ["Sophie Roy"]
    assert client.delete(f"{base}/staff/{julie['id']}", headers=admin).status_code == 404


def test_a_removed_staff_member_gets_no_alert_and_is_a_customer_again(shop, client, admin, base):
    julie = shop.staff("Julie Tremblay", "+15145550111")
    sam = shop.staff("Sam Wilson", "+15145550112", language="en")
    member_id = next(m["id"] for m in client.get(f"{base}/staff", headers=admin).json if m["name"] == "Julie Tremblay")
    client.delete(f"{base}/staff/{member_id}", headers=admin)
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("ici place 4")
    assert julie.new() == [] and sam.new()
    assert julie.texts("OK") == []  # no longer staff: an "OK" from a number with no order gets no answer


def test_removing_someone_who_had_taken_a_pickup_gives_it_back_to_the_team(shop, client, admin, base):
    julie = shop.staff("Julie Tremblay", "+15145550111")
    sam = shop.staff("Sam Wilson", "+15145550112", language="en")
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("ici place 4")
    julie.texts("OK 1234")
    sam.new()
    member_id = next(m["id"] for m in client.get(f"{base}/staff", headers=admin).json if m["name"] == "Julie Tremblay")
    client.delete(f"{base}/staff/{member_id}", headers=admin)
    [alert] = sam.new()
    assert alert.startswith("Arrival: Marie L., spot 4") and "OK 1234" in alert
    assert shop.order_state("1234")["handoff"]["status"] == "waiting"
    assert "It's yours" in sam.texts("OK 1234")[0]


def test_a_customer_whose_pickup_goes_back_to_the_team_through_the_api_is_told_in_their_language(
    shop, client, admin, base
):
    julie = shop.staff("Julie Tremblay", "+15145550111")
    shop.staff("Sam Wilson", "+15145550112", language="en")
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("here, spot 4")  # she writes English: her replies follow (SPEC 10)
    julie.texts("OK 1234")
    marie.new()
    member_id = next(m["id"] for m in client.get(f"{base}/staff", headers=admin).json if m["name"] == "Julie Tremblay")
    assert client.delete(f"{base}/staff/{member_id}", headers=admin).status_code == 204
    assert marie.new() == [
        "Sorry Marie, change of plan: another team member will bring order #1234 out to you shortly."
    ]


def test_the_texts_a_customer_may_get_include_the_one_for_a_pickup_gone_back_to_the_team(client, admin, base):
    refused = client.put(f"{base}/auto-replies/no_such_text", headers=admin, json={"en": "x", "fr": "x"})
    assert refused.status_code == 422 and "claimed_reassigned" in refused.json["message"]
    keys = client.get("/api/v1/openapi.json").json
    assert "claimed_reassigned" in str(keys)
    put = client.put(
        f"{base}/auto-replies/claimed_reassigned",
        headers=admin,
        json={"en": "Someone else is coming with {orders}.", "fr": "Quelqu'un d'autre s'en vient avec {orders}."},
    )
    assert put.status_code == 200, put.json


def test_the_only_owner_cannot_be_removed_or_demoted(shop, client, admin, base):
    shop.staff("Sophie Roy", "+15145550113", role="owner")
    sophie = client.get(f"{base}/staff", headers=admin).json[0]
    refused = client.delete(f"{base}/staff/{sophie['id']}", headers=admin)
    assert refused.status_code == 409 and "only owner" in refused.json["message"]
    assert client.patch(f"{base}/staff/{sophie['id']}", headers=admin, json={"role": "staff"}).status_code == 409
    shop.staff("Marc Gagnon", "+15145550115", role="owner")
    assert client.delete(f"{base}/staff/{sophie['id']}", headers=admin).status_code == 204


def test_a_phone_taken_off_the_roster_can_be_added_back(client, admin, base):
    added = client.post(
        f"{base}/staff", headers=admin, json={"name": "Julie", "phone": "514-555-0111", "role": "staff"}
    ).json
    client.delete(f"{base}/staff/{added['id']}", headers=admin)
    again = client.post(
        f"{base}/staff", headers=admin, json={"name": "Julie Tremblay", "phone": "+15145550111", "role": "manager"}
    )
    assert again.status_code == 201 and again.json["role"] == "manager" and again.json["name"] == "Julie Tremblay"
    duplicate = client.post(f"{base}/staff", headers=admin, json={"name": "X", "phone": "5145550111", "role": "staff"})
    assert duplicate.status_code == 409


def test_the_store_s_own_number_cannot_be_added_as_staff(shop, client, admin, base):
    own = client.post(
        f"{base}/staff", headers=admin, json={"name": "Caisse", "phone": shop.store.sms_number, "role": "staff"}
    )
    assert own.status_code == 422 and own.json["field"] == "phone"
    assert "own number" in own.json["message"]
    assert client.get(f"{base}/staff", headers=admin).json == []


def test_staff_changes_are_checked_and_scoped_to_the_store(svc, shop, client, admin, base):
    shop.staff("Julie Tremblay", "+15145550111")
    julie = client.get(f"{base}/staff", headers=admin).json[0]
    bad = client.patch(f"{base}/staff/{julie['id']}", headers=admin, json={"role": "boss"})
    assert bad.status_code == 422 and bad.json["field"] == "role"
    assert client.patch(f"{base}/staff/{julie['id']}", headers=admin, json={"phone": "1"}).status_code == 422
    other = Shop(svc, number="+15145550900", name="Autre")
    scoped = {"Authorization": "Bearer " + create_token(svc.db, "pos", other.store.id)}
    assert client.get(f"{base}/staff", headers=scoped).status_code == 403
    other_base = f"/api/v1/stores/{other.store.id}"
    assert client.patch(f"{other_base}/staff/{julie['id']}", headers=scoped, json={"on_duty": False}).status_code == 404


def test_an_unknown_auto_reply_key_is_422_listing_the_keys(client, admin, base):
    response = client.put(f"{base}/auto-replies/thanks", headers=admin, json={"en": "Thanks!"})
    assert response.status_code == 422 and response.json["field"] == "key"
    assert "handed_off" in response.json["message"] and "order_ready" in response.json["message"]


def test_the_openapi_document_describes_the_new_calls(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "patch" in paths["/api/v1/stores/{store_id}"]
    assert {"get", "post"} <= set(paths["/api/v1/stores/{store_id}/staff"])
    assert {"patch", "delete"} <= set(paths["/api/v1/stores/{store_id}/staff/{staff_id}"])


def test_a_staff_member_added_through_the_api_is_welcomed_by_text(svc, client, admin, base):
    response = client.post(
        f"{base}/staff",
        headers=admin,
        json={"name": "Luc Côté", "phone": "514-555-0188", "role": "staff", "language": "en"},
    )
    assert response.status_code == 201
    [welcome] = svc.sender.to("+15145550188")
    assert welcome.startswith("Plein Air Laurier: you're on the pickup team.") and "reply OK" in welcome
