"""The demo store: loaded once, and replayable from its first state with `demo --reset`."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.data.models import Customer, Handoff, Message
from bot.demo import CUSTOMER, STORE_NUMBER, load_demo
from tests.support.conversation import Phone, Shop

JULIE, ALEX = "+15145550111", "+15145550124"


def played(svc) -> Shop:
    """The demo loaded and played: Marie is handed her order, Alex opts out."""
    load_demo(svc)
    demo = Shop.existing(svc, STORE_NUMBER)
    Phone(demo, CUSTOMER).texts("chu rendue place 4")
    Phone(demo, JULIE).texts("OK")
    Phone(demo, JULIE).texts("FAIT")
    Phone(demo, ALEX).texts("STOP")
    return demo


def test_demo_reset_brings_the_demo_store_back_to_its_first_state(svc):
    demo = played(svc)
    assert demo.texts_written_to(Phone(demo, CUSTOMER))[-1].startswith("C'est tout bon")
    assert demo.order_state("1234")["status"] == "handed_off"

    load_demo(svc, reset=True)

    again = Shop.existing(svc, STORE_NUMBER)
    assert again.store.id == demo.store.id and again.store.board_token == demo.store.board_token  # same links
    assert again.order_state("1234")["status"] == "ready" and again.order_state("1234")["handoff"] is None
    assert again.order_state("1235")["status"] == "pending"
    with svc.db.read() as session:
        store_id = again.store.id
        assert session.scalar(select(func.count(Handoff.id)).where(Handoff.store_id == store_id)) == 0
        assert True not in session.scalars(select(Customer.opted_out).where(Customer.store_id == store_id)).all()
        texts = session.execute(select(Message.direction, Message.template).where(Message.store_id == store_id)).all()
    assert texts == [("out", "order_ready")]  # only the fresh order-ready text to Marie


def test_demo_reset_replays_the_whole_conversation(svc):
    played(svc)
    load_demo(svc, reset=True)
    demo = Shop.existing(svc, STORE_NUMBER)
    marie, julie, alex = Phone(demo, CUSTOMER), Phone(demo, JULIE), Phone(demo, ALEX)
    marie.new(), julie.new(), alex.new()  # what they got before the reset
    [ack] = marie.texts("chu rendue place 4")
    assert ack.startswith("Merci Marie, c'est noté : place 4")
    [alert] = julie.new()
    assert alert.startswith("Arrivée : Marie L., place 4")
    demo.ready("1235")
    [ready] = alex.new()  # no longer opted out
    assert ready.startswith("Plein Air Laurier: order #1235 is ready")


def test_demo_reset_leaves_other_stores_alone(svc):
    played(svc)
    shop = Shop(svc, number="+15145550999", name="Autre magasin")
    luc = shop.customer("+15145550777")
    shop.order("9000", luc, "Luc Côté")
    luc.texts("rendu place 2")
    load_demo(svc, reset=True)
    assert shop.order_state("9000")["handoff"]["spot"] == "2"
    assert len(shop.texts_written_to(luc)) == 2
