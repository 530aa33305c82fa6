"""Carrier compliance, end to end through the signed webhook: opt-out and opt-in keywords in English and
French, HELP/AIDE within one SMS, and an opted-out number never texted, even by a text queued before."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core.texts import segments
from bot.data.models import Customer, Message
from bot.usecases import outbox
from tests.support.conversation import Shop

MARIE = "+15145550123"
OPT_OUT = [
    "STOP",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "REVOKE",
    "OPTOUT",
    "ARRET",
    "ARRÊT",
    "stop",
    "Stop.",
    "arrêt",
    "stop texting me",
    "Please stop texting me",
    "unsubscribe please",
    "Arrêtez de m'écrire",
]
OPT_IN = ["START", "UNSTOP", "YES", "start"]


def opted_out(svc, phone=MARIE) -> bool:
    with svc.db.read() as session:
        return session.scalars(select(Customer.opted_out).where(Customer.phone == phone)).one()


@pytest.fixture
def shop(svc):
    return Shop(svc, language="en")


@pytest.fixture
def marie(shop):
    phone = shop.customer(MARIE)
    shop.order("1234", phone, "Marie Lavoie")
    phone.new()
    return phone


@pytest.mark.parametrize("keyword", OPT_OUT)
def test_each_opt_out_keyword_confirms_once_and_then_nothing_more_is_sent(svc, shop, marie, keyword):
    [confirmation] = marie.texts(keyword)
    assert "START" in confirmation and segments(confirmation) == 1
    assert opted_out(svc)
    shop.order("5678", marie, "Marie Lavoie")  # ready: would text her
    assert marie.texts("here spot 4") == [] and marie.texts("HELP") == [] and marie.texts(keyword) == []
    assert marie.new() == []


@pytest.mark.parametrize("keyword", OPT_IN)
def test_each_opt_in_keyword_subscribes_again(svc, shop, marie, keyword):
    marie.texts("STOP")
    [welcome] = marie.texts(keyword)
    assert "STOP" in welcome and not opted_out(svc)
    shop.order("5678", marie, "Marie Lavoie")
    [ready] = marie.new()
    assert "#5678" in ready


def test_asking_to_cancel_an_order_is_not_an_opt_out(svc, shop, marie):
    [reply] = marie.texts("cancel my order")
    assert "cancellation request" in reply and not opted_out(svc)


@pytest.mark.parametrize(
    "keyword, store_language, expected",
    [
        ("HELP", "en", "curbside pickup"),
        ("INFO", "en", "curbside pickup"),
        ("help", "en", "curbside pickup"),
        ("AIDE", "fr", "cueillette"),
        ("aide", "en", "cueillette"),
        ("HELP", "fr", "cueillette"),
    ],
)
def test_help_keywords_answer_the_store_help_text_in_their_language_within_one_sms(
    svc, keyword, store_language, expected
):
    # AIDE is French; HELP and INFO are typed by French and English speakers alike, so they get the
    # conversation's language (the customer's, else the store's).
    shop = Shop(svc, language=store_language)
    stranger = shop.customer("+15145550999")  # no order needed to get help
    [help_text] = stranger.texts(keyword)
    assert expected in help_text and shop.store.name in help_text
    assert len(help_text) <= 160 and segments(help_text) == 1


def test_help_follows_the_customer_language_at_a_store_of_the_other_language(svc):
    shop = Shop(svc, language="fr")
    alex = shop.customer("+15145550124")
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [help_text] = alex.texts("HELP")
    assert "curbside pickup" in help_text and "Reply STOP" in help_text


@pytest.mark.parametrize("keyword", ["HELP", "AIDE"])
def test_the_help_text_of_a_store_with_a_very_long_name_still_fits_one_sms(svc, keyword):
    name = "Boutique Plein Air Côté & Frères — Sports d'hiver, vélo et randonnée du Plateau-Mont-Royal inc. (succ. 2)"
    shop = Shop(svc, language="fr", name=name)
    [help_text] = shop.customer("+15145550999").texts(keyword)
    assert len(help_text) <= 160 and segments(help_text) == 1
    # The name shortened at a word, ô (not in GSM-7) written o, the em dash dropped.
    assert help_text.startswith("Boutique Plein Air Coté & Frères Sports d'hiver")
    assert "STOP" in help_text or "ARRET" in help_text  # the instructions are never cut


def test_an_opted_out_number_is_not_texted_even_by_a_text_queued_before_the_opt_out(svc, shop):
    svc.send_inline = False
    svc.dispatcher.broken = True  # the queue is down: the "order ready" text waits in the outbox
    shop.order("1234", MARIE, "Marie Lavoie")
    with svc.db.read() as session:
        queued = session.scalars(select(Message).where(Message.direction == "out")).one()
    assert queued.status == "queued"
    with svc.db.write() as session:  # meanwhile she opted out (STOP to another text, a carrier report)
        session.scalars(select(Customer).where(Customer.phone == MARIE)).one().opted_out = True
    assert outbox.deliver(svc, queued.id) == "skipped"
    assert svc.sender.outbox == []


def test_staff_can_opt_out_of_alerts_and_back_in(svc, shop, marie):
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    sam = shop.staff("Sam Wilson", "+15145550112", language="en")
    julie.texts("STOP")
    marie.texts("here spot 4")
    assert julie.new() == [] and len(sam.new()) == 1
    julie.texts("START")
    julie.new()
    shop.order("5678", "+15145550124", "Alex Martin")
    shop.customer("+15145550124").texts("here spot 7")
    assert len(julie.new()) == 1
