"""Fixtures of the browser tests: headless Chromium (Playwright) and a real stack (gunicorn, worker, Redis) on the
console transport; each browser test module calls tests.support.browser.skip_without_chromium() first. And the store
and people of the owner-command tests."""

from __future__ import annotations

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, TABLET
from tests.support.conversation import Shop
from tests.support.live import LiveStack


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def stack(database_url, tmp_path):
    live = LiveStack(database_url, None, tmp_path).start()
    yield live
    live.stop()
    # pytest shows this only when the test failed: what the server and the worker were doing.
    for log_file in sorted(tmp_path.glob("*.log")):
        print(f"--- {log_file.name} (last lines)\n" + "\n".join(log_file.read_text().splitlines()[-40:]))


@pytest.fixture
def pages(browser, stack):
    """New pages, each in its own browser context (its own cookies), closed before the stack stops so no
    live stream keeps the server waiting."""
    contexts = []

    def new_page(viewport=TABLET):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


# --- the owner-command tests (test_owner_commands_en.py, test_owner_commands_fr.py) ------------------------------
# One store and its people, speaking the test module's LANGUAGE; a module defining its own fixtures of these names
# (test_conversations_*.py) keeps its own.

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
