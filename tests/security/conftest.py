"""Fixtures for the security tests: Services like the shared `svc`, with chosen settings."""

from __future__ import annotations

import pytest

from bot import create_app
from bot.wiring import Services
from tests.support.fakes import FakeClock, FakeSender, InlineDispatcher


@pytest.fixture
def make_svc(svc):
    """Services on the same database as `svc`, with some settings changed (fakes of their own)."""

    def make(**changes) -> Services:
        dispatcher = InlineDispatcher()
        built = Services(
            settings=svc.settings.with_(**changes),
            db=svc.db,
            dispatcher=dispatcher,
            sender=FakeSender(),
            clock=FakeClock(),
            send_inline=True,
        )
        dispatcher.svc = built
        return built

    return make


@pytest.fixture
def app(svc):
    return create_app(services=svc)


@pytest.fixture
def client(app):
    return app.test_client()
