"""Change notices through the real Redis: a board waiting on its store's channel wakes as soon as something changes."""

from __future__ import annotations

import threading

import pytest

from bot.usecases.stores import create_token
from bot.wiring import Services, make_redis
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


def test_a_change_notice_wakes_a_waiting_page_at_once(settings):
    svc = Services(settings=settings, db=None, dispatcher=None, sender=None, redis=make_redis(settings))
    changes = svc.notices.subscribe(42)
    try:
        timer = threading.Timer(0.2, svc.notices.publish, args=(42,))
        timer.start()
        assert changes.wait(5) is True
        assert changes.wait(0.2) is False  # one notice, one wake-up
    finally:
        changes.close()


def test_a_change_of_settings_through_the_api_wakes_open_boards(svc, shop, client, admin, base, redis):
    svc.redis = redis  # the in-process services have no Redis of their own; boards wait on this one
    changes = svc.notices.subscribe(shop.store.id)
    try:
        client.patch(base, headers=admin, json={"paused": True, "pause_message": "De retour à 14 h."})
        assert changes.wait(5) is True
    finally:
        changes.close()
