"""The /metrics endpoint through the Flask test client: a token to read it, counts of messages and handoffs."""

from __future__ import annotations

import pytest

from bot import create_app
from bot.usecases.stores import create_token
from tests.support.conversation import Shop


@pytest.fixture
def client(svc):
    return create_app(services=svc).test_client()


def test_metrics_need_a_token_and_count_messages_and_handoffs(svc, client):
    assert client.get("/metrics").status_code == 401
    shop = Shop(svc)
    shop.staff("Julie Tremblay", "+15145550111")
    shop.order("1234", "+15145550123", "Marie Lavoie")
    shop.post_sms("+15145550123", "rendu place 4")
    body = client.get("/metrics", headers={"Authorization": "Bearer " + create_token(svc.db, "prom")}).text
    assert 'arrivee_handoffs{status="waiting"} 1.0' in body
    assert 'arrivee_messages{direction="in",status="processed"} 1.0' in body


def test_metrics_refuse_a_token_limited_to_one_store(svc, client):
    shop = Shop(svc)
    scoped = create_token(svc.db, "till", shop.store.id)
    assert client.get("/metrics", headers={"Authorization": f"Bearer {scoped}"}).status_code == 403
