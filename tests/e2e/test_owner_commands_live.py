"""The owner's commands through real processes: signed HTTP webhook → Redis → worker → Twilio stand-in, with the
owner and staff registered through the API."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.data.db import Database
from bot.data.models import Message
from bot.usecases import logins

STORE, OWNER, JULIE, MARIE = "+15145550100", "+15145550113", "+15145550111", "+15145550123"


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def shop(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    for person in (
        {"name": "Sophie Roy", "phone": "(514) 555-0113", "role": "owner", "on_duty": False},
        {"name": "Julie Tremblay", "phone": "514 555 0111", "role": "staff"},
    ):
        assert stack.api("POST", f"/stores/{store['id']}/staff", token, json=person).status_code == 201
    bodies(twilio, OWNER, 1), bodies(twilio, JULIE, 1)  # their welcome texts
    twilio.reset()
    created = stack.api(
        "POST",
        f"/stores/{store['id']}/orders",
        token,
        json={
            "number": "1234",
            "customer_name": "Marie Lavoie",
            "customer_phone": MARIE,
            "language": "fr",
            "status": "ready",
        },
    )
    assert created.status_code == 201, created.text
    return store, token


def bodies(twilio, to, count, timeout=10.0):
    return [m["body"] for m in twilio.wait_for(count, timeout=timeout, to=to)]


def texts_to(db, phone) -> list[str]:
    """Every text the bot wrote to that phone, sent or not: what the worker decided, whatever Twilio saw so far."""
    with db.read() as session:
        return list(
            session.scalars(
                select(Message.body).where(Message.direction == "out", Message.phone == phone).order_by(Message.id)
            )
        )


def test_pause_then_resume_then_a_sign_in_link_by_text(stack, twilio, shop, db):
    bodies(twilio, MARIE, 1)  # the order-ready text

    stack.text(OWNER, STORE, "PAUSE De retour à 14 h")
    [paused] = bodies(twilio, OWNER, 1)
    assert paused.startswith("Cueillette suspendue") and "De retour à 14 h" in paused

    stack.text(MARIE, STORE, "chu rendue place 4")
    answer = bodies(twilio, MARIE, 2)[1]
    assert answer == "Plein Air Laurier a suspendu la cueillette à l'auto pour le moment. De retour à 14 h"
    # The worker writes every text a message causes in the transaction that marks it processed, before sending
    # any: with the customer's answer at Twilio, an alert to Julie would have been written already.
    # (Her welcome to the team, from when she was added, is the only text she has.)
    assert [t for t in texts_to(db, JULIE) if "bienvenue" not in t] == [] and twilio.messages(to=JULIE) == []

    stack.text(OWNER, STORE, "REPRENDRE")
    assert bodies(twilio, OWNER, 2)[1] == "La cueillette reprend : les arrivées alertent de nouveau l'équipe."
    stack.text(MARIE, STORE, "rendu place 4")
    [alert] = bodies(twilio, JULIE, 1)
    assert alert.startswith("Arrivée : Marie L., place 4")

    stack.text(OWNER, STORE, "CONNEXION")
    link_text = bodies(twilio, OWNER, 3)[2]
    assert link_text.startswith("Lien de connexion à la gestion de Plein Air Laurier")
    assert f"{stack.url}/admin/login/" in link_text
    token = re.search(r"/admin/login/(\S+)", link_text).group(1)
    now = datetime.now(UTC)
    assert logins.redeem(db, token, now) == OWNER
    assert logins.redeem(db, token, now) is None  # once
