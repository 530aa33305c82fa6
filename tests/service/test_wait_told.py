"""The honest wait through the whole path: after five handoffs today the arrival acknowledgement tells the likely
wait and the place in line, and the staff board shows the same figure; before that, nothing is promised."""

from __future__ import annotations

import pytest

from tests.support.conversation import Shop

STORE, JULIE = "+15145550100", "+15145550111"


@pytest.fixture
def shop(svc):
    return Shop(svc, number=STORE, language="fr", escalation_seconds=600)


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", JULIE, language="fr")


def handed_off(shop, julie, n: int, minutes_to_claim: float = 1.5, minutes_to_done: float = 1.5) -> None:
    """Customer n arrives, Julie takes the handoff and hands it off, as the day goes."""
    phone = shop.customer(f"+1514555{2000 + n:04d}")
    shop.order(str(1000 + n), phone, f"Client {n}")
    phone.texts(f"rendu place {n}")
    shop.wait(minutes_to_claim * 60)
    julie.texts(f"OK {1000 + n}")
    shop.wait(minutes_to_done * 60)
    julie.texts(f"FAIT {1000 + n}")
    shop.wait(120)


def test_no_figure_is_promised_before_five_handoffs_today(shop, julie):
    for n in range(4):
        handed_off(shop, julie, n)
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Tremblay")
    marie.new()
    [ack] = marie.texts("rendu place 12")
    assert "Attente" not in ack and "minute" not in ack


def test_after_five_handoffs_the_acknowledgement_and_the_board_tell_the_same_wait(shop, julie):
    for n in range(6):
        handed_off(shop, julie, n)
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Tremblay")
    marie.new()
    [ack] = marie.texts("rendu place 12")
    assert ack.endswith("Attente probable : environ 3 minutes.")  # GSM-7 on the wire: a plain space
    [card] = shop.board()["waiting"]
    assert (card["wait_low"], card["wait_high"]) == (3, 3)

    alex = shop.customer("+15145550124")
    shop.order("1235", alex, "Alex Martin", language="en")
    alex.new()
    [ack] = alex.texts("here spot 14")
    assert "1 customer ahead of you. Likely wait: about 4 minutes." in ack  # one handling time more


def test_the_check_in_page_shows_the_wait_the_customer_was_told(shop, julie):
    import re

    for n in range(6):
        handed_off(shop, julie, n)
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Tremblay")
    link = "/c/" + re.search(r"/c/([A-Za-z0-9_-]+)", marie.new()[0]).group(1)
    page = shop.client.get(link).get_data(as_text=True)
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    shop.client.post(link, data={"form_token": token, "action": "here", "spot": "12"})
    page = shop.client.get(link).get_data(as_text=True)
    assert "Attente probable\u00a0: environ 3 minutes." in page


def test_no_figure_is_promised_while_someone_ahead_has_waited_untaken_longer_than_it(shop, julie):
    for n in range(6):
        handed_off(shop, julie, n)
    alex = shop.customer("+15145550124")
    shop.order("1235", alex, "Alex Martin", language="en")
    alex.texts("here spot 14")
    shop.wait(10 * 60)  # nobody takes Alex: the day's "about 3 minutes" no longer describes the lot
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Tremblay")
    marie.new()
    [ack] = marie.texts("rendu place 12")
    assert ack.endswith("Il y a 1 client avant vous.") and "Attente" not in ack
    [_, card] = shop.board()["waiting"]
    assert (card["wait_low"], card["wait_high"]) == (None, None)
