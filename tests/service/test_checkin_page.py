"""The one-tap check-in page through the Flask test client: the link in "order ready", the page in both languages,
"on my way" and "I'm here" making the same arrival a text makes, and links that are unknown or over."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.data.models import Handoff, Order
from bot.usecases.checkin import token_hash
from tests.support.conversation import Shop

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"
LINK = re.compile(r"https://pickup\.example\.test/c/([A-Za-z0-9_-]+)")


@pytest.fixture
def shop(svc):
    return Shop(svc, number=STORE, language="fr", escalation_seconds=120)


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", JULIE, language="fr")


@pytest.fixture
def marie(shop):
    return shop.customer(MARIE)


def ready_link(shop, phone, number="1234", language="fr") -> str:
    shop.order(number, phone, "Marie Tremblay", language=language)
    [text] = phone.new()
    return "/c/" + LINK.search(text).group(1)


def form_token(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def post(shop, link: str, **fields):
    page = shop.client.get(link).get_data(as_text=True)
    return shop.client.post(link, data={"form_token": form_token(page), **fields})


def test_order_ready_text_carries_a_link_unique_to_the_order_and_keeps_only_its_hash(shop, marie):
    first = ready_link(shop, marie, "1234")
    second = ready_link(shop, marie, "1235")
    assert first != second and len(first) == len("/c/") + 16  # 12 random bytes: 96 bits
    with shop.svc.db.read() as session:
        hashes = set(session.scalars(select(Order.checkin_hash)))
    assert token_hash(first[3:]) in hashes and first[3:] not in hashes


def test_the_page_opens_in_the_customers_language_with_a_switch(shop, marie):
    link = ready_link(shop, marie, language="fr")
    page = shop.client.get(link)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="fr">' in body
    assert "Je suis là" in body and "Je suis en route" in body and "#1234" in body and "Plein Air Laurier" in body
    assert "<script" not in body
    english = shop.client.get(link + "?lang=en").get_data(as_text=True)
    assert "I&#39;m here" in english and "Français" in english
    assert page.headers["Referrer-Policy"] == "no-referrer" and "no-store" in page.headers["Cache-Control"]
    assert "Set-Cookie" not in page.headers


def test_im_here_alerts_staff_and_acknowledges_the_customer_as_a_text_would(shop, julie, marie):
    link = ready_link(shop, marie)
    answer = post(shop, link, action="here", where="car", spot="12", vehicle="Rav4 bleu", note="coffre ouvert")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("sent=1")
    [alert] = julie.new()
    assert "place 12" in alert and "Rav4 bleu" in alert and "coffre ouvert" in alert and "Marie T." in alert
    [ack] = marie.new()
    assert "place 12" in ack and "#1234" in ack
    state = shop.order_state("1234")["handoff"]
    assert state["status"] == "waiting" and state["spot"] == "12"
    page = shop.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "L&#39;équipe est avisée" in page and "Vous avez bougé" in page
    assert [h["spot"] for h in shop.board()["waiting"]] == ["12"]


def test_a_store_offering_the_door_gets_a_door_handoff_with_no_spot(shop, julie, marie):
    link = ready_link(shop, marie)
    assert post(shop, link, action="here", where="door").status_code == 303
    [alert] = julie.new()
    assert "à la porte" in alert
    assert shop.order_state("1234")["handoff"]["spot"] is None


def test_a_door_only_store_shows_no_spot_field(svc):
    shop = Shop(svc, number=STORE, handoff_mode="door")
    julie = shop.staff("Julie Tremblay", JULIE)
    marie = shop.customer(MARIE)
    link = ready_link(shop, marie)
    page = shop.client.get(link).get_data(as_text=True)
    assert 'name="spot"' not in page and "porte de cueillette" in page
    assert post(shop, link, action="here", spot="7").status_code == 303
    assert "à la porte" in julie.new()[0]


def test_a_car_handoff_without_a_spot_is_asked_for_it_on_the_page(shop, julie, marie):
    link = ready_link(shop, marie)
    answer = post(shop, link, action="here", where="car", spot="")
    assert answer.status_code == 422 and "Entrez votre numéro de place" in answer.get_data(as_text=True)
    assert julie.new() == [] and shop.order_state("1234")["handoff"] is None


def test_on_my_way_records_the_eta_and_shows_the_customer_as_incoming(shop, julie, marie):
    link = ready_link(shop, marie)
    assert post(shop, link, action="on_the_way", eta="10").status_code == 303
    [ack] = marie.new()
    assert "10 min" in ack
    assert shop.order_state("1234")["handoff"]["status"] == "on_the_way"
    assert len(shop.board()["on_the_way"]) == 1
    page = shop.client.get(link).get_data(as_text=True)
    assert "On vous attend" in page and 'id="on-the-way"' not in page


def test_an_opted_out_customer_can_still_check_in_and_staff_are_told(shop, julie, marie):
    link = ready_link(shop, marie)
    marie.texts("STOP")
    assert post(shop, link, action="here", spot="4").status_code == 303
    [alert] = julie.new()
    assert "place 4" in alert and "A refusé les textos" in alert
    assert marie.new() == []


def test_unknown_links_are_404_and_links_of_orders_over_are_410(shop, julie, marie):
    assert shop.client.get("/c/nosuchtokenatall").status_code == 404
    link = ready_link(shop, marie)
    assert post(shop, link, action="here", spot="4").status_code == 303
    julie.texts("OK")
    julie.texts("FAIT")
    gone = shop.client.get(link)
    assert gone.status_code == 410 and "terminée" in gone.get_data(as_text=True)
    assert shop.client.post(link, data={"action": "here", "spot": "4"}).status_code in (403, 410)


def test_a_cancelled_orders_link_is_gone(shop, marie):
    from bot.usecases import orders

    link = ready_link(shop, marie)
    orders.cancel_order(shop.svc, shop.store.id, "1234")
    assert shop.client.get(link).status_code == 410


def test_a_post_without_the_pages_form_token_or_from_another_site_is_refused(shop, julie, marie):
    link = ready_link(shop, marie)
    assert shop.client.post(link, data={"action": "here", "spot": "4"}).status_code == 403
    token = form_token(shop.client.get(link).get_data(as_text=True))
    evil = {"Origin": "https://evil.example"}
    answer = shop.client.post(link, data={"form_token": token, "action": "here", "spot": "4"}, headers=evil)
    assert answer.status_code == 403
    assert julie.new() == []
    ours = {"Origin": "https://pickup.example.test"}
    answer = shop.client.post(link, data={"form_token": token, "action": "here", "spot": "4"}, headers=ours)
    assert answer.status_code == 303


def test_moving_to_another_spot_updates_the_handoff_and_tells_staff(shop, julie, marie):
    link = ready_link(shop, marie)
    post(shop, link, action="here", spot="4")
    julie.new()
    post(shop, link, action="here", spot="9")
    [update] = julie.new()
    assert "place 9" in update
    with shop.svc.db.read() as session:
        assert session.scalars(select(Handoff.spot)).one() == "9"


def test_a_cross_site_post_is_refused_by_sec_fetch_site_and_a_null_origin_leaves_the_form_token_to_decide(
    shop, julie, marie
):
    link = ready_link(shop, marie)
    token = form_token(shop.client.get(link).get_data(as_text=True))
    form = {"form_token": token, "action": "here", "spot": "4"}
    assert shop.client.post(link, data=form, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert shop.client.post(link, data={**form, "form_token": "x"}, headers={"Origin": "null"}).status_code == 403
    assert shop.client.post(link, data=form, headers={"Origin": "null"}).status_code == 303


def test_tapping_im_here_again_with_nothing_new_texts_nobody(shop, julie, marie):
    link = ready_link(shop, marie)
    post(shop, link, action="here", spot="4", vehicle="Rav4")
    julie.new(), marie.new()
    assert post(shop, link, action="here", spot="4").status_code == 303
    assert post(shop, link, action="here", spot="4", vehicle="Rav4").status_code == 303
    assert julie.new() == [] and marie.new() == []
    post(shop, link, action="here", spot="4", note="coffre ouvert")
    [update] = julie.new()
    assert "coffre ouvert" in update
