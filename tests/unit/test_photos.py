"""A customer's picture of their car: what a message with one decides, and the signed links that show it."""

from __future__ import annotations

from datetime import timedelta

from bot.core import conversation as c
from bot.core.photos import is_photo, mms_from
from bot.core.understanding import Meaning
from bot.usecases import photos
from tests.unit.test_conversation import NOW, PENDING, STORE, TEAM, customer, kinds, waiting


def test_a_photo_alone_from_a_customer_with_a_ready_order_is_an_arrival_staff_are_alerted_at_once():
    effects = c.decide_customer(Meaning("other"), STORE, customer(), TEAM, NOW, text="", photo=True)
    assert kinds(effects)[:2] == ["OpenHandoff", "AttachPhoto"]
    opened = effects[0]
    assert opened.status == "waiting" and opened.alerted and opened.spot is None
    alert = next(e for e in effects if isinstance(e, c.TextStaff))
    assert alert.key == "staff_arrival" and alert.staff_ids == (1, 2)
    assert alert.vars["where_fr"] == "auto sur la photo" and alert.vars["where_en"] == "car in the photo"
    assert not any(isinstance(e, c.Reply) and e.key == "ask_spot" for e in effects)
    assert any(isinstance(e, c.Reply) and e.key == "arrival_ack" for e in effects)


def test_the_photo_goes_on_the_handoff_before_any_staff_text_so_the_alert_carries_it():
    effects = c.decide_customer(Meaning("arrived", spot="4"), STORE, customer(), TEAM, NOW, text="ici 4", photo=True)
    order = kinds(effects)
    assert order.index("AttachPhoto") < order.index("TextStaff")
    assert next(e for e in effects if isinstance(e, c.TextStaff)).vars["where_fr"] == "place 4"


def test_a_photo_alone_from_a_customer_whose_order_is_not_ready_is_not_an_arrival():
    effects = c.decide_customer(Meaning("other"), STORE, customer(orders=(PENDING,)), TEAM, NOW, text="  ", photo=True)
    assert effects == []


def test_a_photo_alone_answers_the_spot_question():
    h = waiting(spot=None, alerted=False)
    effects = c.decide_customer(
        Meaning("other"), STORE, customer(handoff=h, awaiting="spot"), TEAM, NOW, text="", photo=True
    )
    assert kinds(effects)[:2] == ["UpdateHandoff", "AttachPhoto"]
    assert effects[1] == c.AttachPhoto(h.id)
    assert any(isinstance(e, c.TextStaff) and e.key == "staff_arrival" for e in effects)


def test_a_photo_alone_while_waiting_reaches_the_staff_alerted_with_the_picture():
    h = waiting()
    effects = c.decide_customer(Meaning("other"), STORE, customer(handoff=h), TEAM, NOW, text="", photo=True)
    assert effects[0] == c.AttachPhoto(h.id)
    [alert] = [e for e in effects if isinstance(e, c.TextStaff)]
    assert alert.key == "staff_photo" and alert.staff_ids == (1, 2) and alert.handoff_id == h.id


def test_a_photo_alone_after_a_claim_reaches_only_the_one_who_took_it():
    h = waiting(status="claimed", claimed_by_id=2, claimed_by_name="Sam Wilson")
    effects = c.decide_customer(Meaning("other"), STORE, customer(handoff=h), TEAM, NOW, text="", photo=True)
    [alert] = [e for e in effects if isinstance(e, c.TextStaff)]
    assert alert.staff_ids == (2,)


def test_a_photo_from_a_number_with_no_order_is_attached_to_nothing():
    effects = c.decide_customer(Meaning("other"), STORE, customer(orders=()), TEAM, NOW, text="", photo=True)
    assert not any(isinstance(e, c.AttachPhoto) for e in effects)


def test_a_photo_is_not_remembered_for_the_next_text_when_the_order_number_is_asked():
    effects = c.decide_customer(Meaning("arrived"), STORE, customer(orders=()), TEAM, NOW, text="ici", photo=True)
    update = next(e for e in effects if isinstance(e, c.UpdateCustomer))
    assert "photo" not in (update.changes["pending"] or {})


def test_an_opted_out_customer_who_sends_a_photo_gets_no_text_but_staff_see_the_car():
    effects = c.decide_customer(Meaning("other"), STORE, customer(opted_out=True), TEAM, NOW, text="", photo=True)
    assert not any(isinstance(e, (c.Reply, c.TextCustomer)) for e in effects)
    assert any(isinstance(e, c.AttachPhoto) for e in effects)
    assert any(isinstance(e, c.TextStaff) and e.key == "staff_arrival" for e in effects)


def test_only_pictures_count_and_only_north_american_numbers_send_mms():
    assert is_photo("image/jpeg") and is_photo("IMAGE/PNG") and not is_photo("audio/amr")
    assert mms_from("+15145550100") and not mms_from("+33612345678")


def test_a_photo_link_names_its_photo_until_it_expires():
    token = photos.token("secret", 42, NOW)
    assert photos.photo_for_token("secret", token, NOW) == 42
    assert photos.token("secret", 42, NOW) == token  # stable: the board's version does not move
    assert photos.photo_for_token("secret", token, NOW + photos.LINK_LIFETIME - timedelta(seconds=1)) == 42
    assert photos.photo_for_token("secret", token, NOW + photos.LINK_LIFETIME) is None


def test_a_photo_link_cannot_be_forged_or_pointed_at_another_photo():
    token = photos.token("secret", 42, NOW)
    photo_id, expires, signature = token.split(".")
    assert photos.photo_for_token("other secret", token, NOW) is None
    assert photos.photo_for_token("secret", f"43.{expires}.{signature}", NOW) is None
    assert photos.photo_for_token("secret", f"42.{int(expires) + 86400}.{signature}", NOW) is None
    assert photos.photo_for_token("secret", "42", NOW) is None
    assert photos.photo_for_token("secret", "４２.1.x", NOW) is None
