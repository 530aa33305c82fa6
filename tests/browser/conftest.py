"""Fixtures of the browser tests: headless Chromium (Playwright) and a real stack (gunicorn, worker, Redis) on the
console transport; each browser test module calls tests.support.browser.skip_without_chromium() first."""

from __future__ import annotations

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, TABLET
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
