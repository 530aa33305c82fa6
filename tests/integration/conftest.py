"""Fixtures of the tests through real processes: the Twilio stand-in, and gunicorn with a worker wired to it."""

from __future__ import annotations

import pytest

from tests.support.live import LiveStack
from tests.support.twilio_standin import TwilioStandIn


@pytest.fixture
def twilio():
    with TwilioStandIn() as standin:
        yield standin


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    live = LiveStack(database_url, twilio, tmp_path).start()
    yield live
    live.stop()
