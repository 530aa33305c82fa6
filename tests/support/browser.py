"""Headless Chromium for the page tests (board, simulator, admin): where it is, how it is started, how long to wait.
The fixtures that start it and a real stack on the console transport are in tests/browser/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying hosts this machine can't reach.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TABLET = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Long enough for a loaded CI machine; a live update normally shows within a second.
WAIT_MS = 15_000


def skip_without_chromium() -> None:
    """Called at a browser test module's top: the whole module is skipped on a machine without Chromium."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def admin_sign_in(page, stack, phone: str) -> None:
    """Signs `page` in to the admin pages as the owner or manager with `phone`, through a one-time link as the CLI
    prints it (the link page asks to confirm; its button spends the link)."""
    page.goto(stack.cli("login-link", phone))
    page.locator("#sign-in").click()
    page.wait_for_url("**/admin/stores/**")
