"""Fixtures of the service tests: one store and its people, speaking the test module's LANGUAGE (the owner-command
tests use them); a module defining its own fixtures of these names (test_conversations_*.py, test_board.py) keeps its
own."""

from __future__ import annotations

import pytest

from tests.support.conversation import Shop

OWNER, JULIE, MARC, MARIE = "+15145550113", "+15145550111", "+15145550115", "+15145550123"


@pytest.fixture
def language(request) -> str:
    return getattr(request.module, "LANGUAGE", "fr")


@pytest.fixture
def shop(svc, language):
    return Shop(svc, language=language, escalation_seconds=300)


@pytest.fixture
def sophie(shop, language):
    """The owner, off duty: she gets alerts only when no staff member is on duty."""
    return shop.staff("Sophie Roy", OWNER, role="owner", language=language, on_duty=False)


@pytest.fixture
def julie(shop, language):
    return shop.staff("Julie Tremblay", JULIE, language=language)


@pytest.fixture
def marc(shop, language):
    return shop.staff("Marc Gagnon", MARC, language=language)


@pytest.fixture
def marie(shop, language):
    """A customer whose order 1234 is ready (its text already read)."""
    shop.order("1234", MARIE, "Marie Lavoie", language=language)
    customer = shop.customer(MARIE)
    customer.new()
    return customer
