"""The store's landline setting, the same through every door: the API's PATCH, the Settings page, the use case."""

from __future__ import annotations

import pytest

from bot.usecases import stores
from bot.usecases.errors import Invalid
from bot.usecases.stores import create_token
from tests.service.test_admin_pages import SOPHIE, Browser, field_errors, notices, settings_form
from tests.support.conversation import Shop


@pytest.fixture
def shop(svc):
    shop = Shop(svc, language="fr")
    shop.staff("Sophie Roy", SOPHIE, role="owner", language="fr", on_duty=False)
    return shop


def test_the_api_sets_the_landline_in_e164_and_clears_it(svc, shop):
    admin = {"Authorization": "Bearer " + create_token(svc.db, "admin")}
    base = f"/api/v1/stores/{shop.store.id}"
    response = shop.client.patch(base, headers=admin, json={"landline": "(514) 555-0199"})
    assert response.status_code == 200 and response.json["landline"] == "+15145550199"
    assert shop.client.get(base, headers=admin).json["landline"] == "+15145550199"
    refused = shop.client.patch(base, headers=admin, json={"landline": "not a phone", "name": "Changed"})
    assert refused.status_code == 422 and refused.json["field"] == "landline"
    assert stores.get_store(svc.db, shop.store.id).name == "Plein Air Laurier"  # nothing applied
    assert shop.client.patch(base, headers=admin, json={"landline": None}).json["landline"] is None


def test_the_use_case_refuses_what_is_not_a_phone_number(svc, shop):
    for bad in ("12", 5145550199, "+1 514 555 01999 9"):
        with pytest.raises(Invalid) as refused:
            stores.update_store(svc.db, shop.store.id, {"landline": bad})
        assert refused.value.field == "landline"
    assert stores.update_store(svc.db, shop.store.id, {"landline": "+33 1 23 45 67 89"}).landline == "+33123456789"
    assert stores.update_store(svc.db, shop.store.id, {"landline": " "}).landline is None


def test_the_settings_page_saves_the_landline_and_names_a_bad_one(svc, shop):
    sophie = Browser(shop.app)
    sophie.sign_in(svc, SOPHIE)
    base = f"/admin/stores/{shop.store.id}"
    page = sophie.page(f"{base}/settings")
    assert "Téléphone du magasin pour les appels" in page
    page = sophie.submit(f"{base}/settings", settings_form(landline="514 555-0199"))
    assert notices(page) == ["Réglages enregistrés."]
    assert stores.get_store(svc.db, shop.store.id).landline == "+15145550199"
    assert 'value="+15145550199"' in sophie.page(f"{base}/settings")

    response = sophie.post(f"{base}/settings", settings_form(landline="nope"))
    assert response.status_code == 422
    assert len(field_errors(response.get_data(as_text=True))) == 1
    assert stores.get_store(svc.db, shop.store.id).landline == "+15145550199"
