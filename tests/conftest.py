"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL when DATABASE_URL says so), fakes, the Twilio
stand-in and a real stack on it; and each test's tier marker, given by the folder it is in (README.md, "Test tiers")."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.data.db import Database
from bot.wiring import Services
from config.settings import load_settings, normalise_database_url
from tests.support.fakes import FakeClock, FakeSender, InlineDispatcher
from tests.support.live import LiveStack
from tests.support.twilio_standin import TwilioStandIn

TESTS = Path(__file__).resolve().parent
# One marker per folder (declared in pytest.ini), so `-m service` or `-m "not browser"` picks a tier.
TIERS = ("unit", "service", "integration", "e2e", "browser", "faults", "security", "bench")


def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(item.fspath).resolve()
        if TESTS in path.parents and (folder := path.relative_to(TESTS).parts[0]) in TIERS:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture
def database_url(tmp_path):
    """SQLite in a temp dir, or a fresh schema in the PostgreSQL database named by DATABASE_URL."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    base = normalise_database_url(base)
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis():
    """A client of the real Redis the integration tests use; each test names its keys so none share them."""
    from redis import Redis

    client = Redis.from_url(REDIS_URL)
    yield client
    client.close()


@pytest.fixture
def settings(database_url):
    return load_settings(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "SMS_TRANSPORT": "console",
            "SECRET_KEY": "test-secret",
            "PUBLIC_BASE_URL": "https://pickup.example.test",
        }
    )


@pytest.fixture
def svc(settings):
    """Services with fakes: texts land in an outbox, jobs run inline, time moves only when told."""
    db = Database(settings.database_url)
    db.create_all()
    dispatcher = InlineDispatcher()
    services = Services(
        settings=settings, db=db, dispatcher=dispatcher, sender=FakeSender(), clock=FakeClock(), send_inline=True
    )
    dispatcher.svc = services
    yield services
    db.dispose()


@pytest.fixture
def twilio():
    """The Twilio stand-in over HTTP, for the tests through real processes."""
    with TwilioStandIn() as standin:
        yield standin


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    """gunicorn and a worker wired to the Twilio stand-in (tests/browser has its own, on the console transport)."""
    live = LiveStack(database_url, twilio, tmp_path).start()
    yield live
    live.stop()
