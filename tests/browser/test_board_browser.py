"""The staff board and the phone simulator in headless Chromium, against real gunicorn, worker and Redis
processes on the console transport, with the demo store."""

from __future__ import annotations

import re
import time

import pytest
import requests

from tests.support.browser import PHONE, TABLET, WAIT_MS, skip_without_chromium

STORE, JULIE, SAM, MARIE, ALEX = "+15145550100", "+15145550111", "+15145550112", "+15145550123", "+15145550124"

skip_without_chromium()
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def demo(stack):
    """Loads the demo store; returns its board link, as `python -m bot demo` prints it."""
    printed = stack.cli("demo")
    board = re.search(r"^board: (\S+)$", printed, re.M).group(1)
    assert re.search(r"^simulator: " + re.escape(stack.url) + "/simulator$", printed, re.M)
    assert board.startswith(stack.url + "/board/")
    return board


def open_board(pages, url: str, name: str, viewport=TABLET):
    page = pages(viewport)
    page.goto(url)
    page.get_by_role("button", name=re.compile(name)).click()
    expect(page.locator("#connection.live")).to_be_visible(timeout=WAIT_MS)
    return page


def card(page, status: str, text: str):
    return page.locator(f'[data-list="{status}"] .card', has_text=text)


def log(stack) -> list[dict]:
    return requests.get(stack.url + "/simulator/messages", timeout=5).json()["messages"]


def test_an_arrival_appears_live_and_a_claim_from_the_board_reaches_the_customer_in_the_simulator(pages, stack, demo):
    board = open_board(pages, demo, "Julie Tremblay")
    expect(board.locator("h2", has_text="En attente")).to_be_visible()
    expect(board.locator('[data-list="waiting"] .empty')).to_have_text("Personne n'attend.")

    simulator = pages()
    simulator.goto(stack.url + "/simulator?lang=fr")
    expect(simulator.locator("#store-number")).to_contain_text(STORE)
    expect(simulator.locator(f'.pick[data-phone="{MARIE}"]')).to_be_visible(timeout=WAIT_MS)

    # Marie texts the store through the signed webhook, as Twilio would: the board shows her without a reload.
    assert stack.text(MARIE, STORE, "chu rendue place 4, Civic rouge").status_code == 200
    arrival = card(board, "waiting", "Marie L.")
    expect(arrival).to_be_visible(timeout=WAIT_MS)
    expect(arrival).to_contain_text("Place 4")
    expect(arrival).to_contain_text("#1234")
    expect(arrival).to_have_class(re.compile(r"\bnew\b"))
    expect(board.locator("#announce")).to_contain_text("Nouvelle arrivée : Marie L.")
    expect(board.locator("body")).to_have_class(re.compile(r"\bflash\b"))

    arrival.get_by_role("button", name="Je m'en occupe").click()
    expect(board.locator("#replies .reply").first).to_contain_text("C'est à vous : Marie L., place 4")
    expect(card(board, "claimed", "Marie L.")).to_contain_text("Pris par Julie Tremblay", timeout=WAIT_MS)

    # The customer's text, as the simulator shows it on Marie's phone.
    marie = simulator.locator(f'.phone[data-phone="{MARIE}"]')
    expect(marie.locator(".bubble.out", has_text="Julie Tremblay s'en vient avec votre commande #1234!")).to_be_visible(
        timeout=WAIT_MS
    )

    # Julie closes it by text from the simulator; the board moves it to today's handoffs live.
    simulator.locator(f'.pick[data-phone="{JULIE}"]').click()
    julie = simulator.locator(f'.phone[data-phone="{JULIE}"]')
    julie.locator("input").fill("FAIT")
    julie.get_by_role("button", name="Envoyer").click()
    expect(julie.locator(".phone-status")).to_have_text("le webhook a répondu 200")
    expect(card(board, "done", "Marie L.")).to_be_visible(timeout=WAIT_MS)
    expect(marie.locator(".bubble.out", has_text="C'est tout bon")).to_be_visible(timeout=WAIT_MS)
    expect(julie.locator(".bubble.in", has_text="FAIT")).to_be_visible()


def test_two_boards_claiming_at_once_give_one_claim(pages, stack, demo):
    julie = open_board(pages, demo, "Julie Tremblay")
    sam = open_board(pages, demo, "Sam Wilson", viewport=PHONE)
    expect(sam.locator("h2", has_text="Waiting")).to_be_visible()

    # Alex's order is still being prepared: the board marks it ready, which texts him.
    julie.locator("#ready-number").fill("1235")
    julie.locator("#ready-form button").click()
    expect(julie.locator("#replies .reply").first).to_have_text("La commande #1235 est marquée prête.")
    assert stack.text(ALEX, STORE, "here, spot 7, blue Tesla").status_code == 200
    for page in (julie, sam):
        expect(card(page, "waiting", "Alex M.")).to_be_visible(timeout=WAIT_MS)

    # Both click before either claim reaches the server: each page's claim request is held until both are out, so
    # that the first one's answer cannot take the card off the other board before its button is clicked.
    held = []
    for page in (julie, sam):
        page.route("**/claim", lambda route: held.append(route))
    card(julie, "waiting", "Alex M.").get_by_role("button", name="Je m'en occupe").evaluate("b => b.click()")
    card(sam, "waiting", "Alex M.").get_by_role("button", name="Claim").evaluate("b => b.click()")
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(held) < 2 and time.monotonic() < deadline:
        julie.wait_for_timeout(10)  # lets Playwright hand over the held requests
    assert len(held) == 2, "both boards sent their claim"
    for route in held:
        route.continue_()

    replies = []
    for page in (julie, sam):
        reply = page.locator("#replies .reply").last
        expect(reply).to_have_text(re.compile(r"C'est à vous|It's yours|already took|s'occupe déjà"), timeout=WAIT_MS)
        replies.append(reply.text_content())
    winners = [r for r in replies if r.startswith(("C'est à vous", "It's yours"))]
    assert len(winners) == 1, replies
    winner = "Julie Tremblay" if winners[0].startswith("C'est") else "Sam Wilson"
    for page in (julie, sam):
        expect(card(page, "claimed", "Alex M.")).to_contain_text(winner, timeout=WAIT_MS)

    claimed_texts = [m for m in log(stack) if m["phone"] == ALEX and m["template"] == "claimed"]
    assert len(claimed_texts) == 1 and claimed_texts[0]["body"].startswith(winner)
