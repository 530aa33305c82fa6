"""Claims are atomic in the database: two staff claiming one handoff at the same moment, by text (two workers) or one
by text and one from the board (bot/usecases/staff.py::act, in another process), give exactly one winner."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from bot.data.models import Order
from bot.usecases.staff import act
from bot.wiring import build
from config.settings import load_settings

from .support import JULIE, MARC, STORE, bodies

CUSTOMERS = ["+15145550121", "+15145550122", "+15145550123", "+15145550124"]


def at_once(*actions) -> None:
    """Run the actions in threads released by one barrier, so that they start within a millisecond."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action):
        barrier.wait()
        try:
            action()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors


def test_two_staff_claiming_at_the_same_moment_by_text_or_from_the_board_give_one_winner(launch, shop_factory, twilio):
    stack = launch(workers=2)
    shop = shop_factory()
    ids = {JULIE: shop.staff("Julie Tremblay", JULIE), MARC: shop.staff("Marc Gagnon", MARC)}
    orders = [shop.customer(phone, f"Client{i} Test") for i, phone in enumerate(CUSTOMERS)]
    board = build(load_settings(stack.env), role="web")  # the board's process: its own wiring, same Redis and DB
    on_screen: dict[str, list[str]] = {}
    for phone in CUSTOMERS:
        assert stack.text(phone, STORE, "rendu place 4").status_code == 200
    shop.wait_processed(4)
    shop.wait_settled()
    with shop.db.read() as session:
        handoff_of = dict(session.execute(select(Order.number, Order.handoff_id)).all())

    for i, order in enumerate(orders):
        if i < 2:  # both by text, taken by the two workers at once
            at_once(
                lambda o=order: stack.text(JULIE, STORE, f"OK {o}"), lambda o=order: stack.text(MARC, STORE, f"OK {o}")
            )
        else:  # Julie by text, Marc on the board
            at_once(
                lambda o=order: stack.text(JULIE, STORE, f"OK {o}"),
                lambda o=order: on_screen.__setitem__(o, act(board, shop.store_id, ids[MARC], "claim", handoff_of[o])),
            )
    shop.wait_processed(4 + 2 + 2 + 2)
    shop.wait_settled()
    time.sleep(1.0)
    board.db.dispose()

    handoffs = {h.id: h for h in shop.handoffs()}
    texts = shop.rows("out")
    for order in orders:
        h = handoffs[handoff_of[order]]
        assert h.status == "claimed" and h.claimed_by_id in ids.values()
        about = [m for m in texts if f"#{order}" in m.body or f" {order}" in m.body]
        count = {
            key: sum(m.template == key for m in about)
            for key in ("claimed", "staff_claimed_you", "staff_claimed_other", "staff_already_claimed")
        }
        screen = on_screen.get(order, [])
        won_on_screen = sum("C'est à vous" in r for r in screen)
        lost_on_screen = sum("s'occupe déjà" in r for r in screen)
        # One winner: the customer told once, the winner told it is theirs, the other told who took it, and the
        # other's own claim answered "already taken" (by text, or on the board's screen).
        assert count["claimed"] == 1 and count["staff_claimed_other"] == 1, (order, count, screen)
        assert count["staff_claimed_you"] + won_on_screen == 1, (order, count, screen)
        assert count["staff_already_claimed"] + lost_on_screen == 1, (order, count, screen)
        winner_phone = JULIE if h.claimed_by_id == ids[JULIE] else MARC
        assert all(m.to_addr == winner_phone for m in about if m.template == "staff_claimed_you")
        assert all(
            m.to_addr != winner_phone for m in about if m.template in ("staff_claimed_other", "staff_already_claimed")
        )
    assert shop.ledger(twilio)["duplicates"] == 0
    assert len(bodies(twilio, CUSTOMERS[0])) == 2  # the arrival's answer, then "someone is coming"
