"""Fixtures of the whole conversations through real processes: gunicorn and a worker wired to the Twilio stand-in
(the `twilio` fixture is in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.support.live import LiveStack


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    live = LiveStack(database_url, twilio, tmp_path).start()
    yield live
    live.stop()
