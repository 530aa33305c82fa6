"""A day's orders imported from a CSV file (orders.import_orders, behind the admin page): all or nothing, through
the same checks and texts as an order created by hand."""

from __future__ import annotations

import pytest

from bot.core.problems import describe
from bot.usecases import orders
from bot.usecases.errors import Refused
from tests.support.conversation import Shop

HEADER = "number;customer_name;customer_phone;language;status\n"


@pytest.fixture
def shop(svc):
    return Shop(svc, language="fr")


def load(shop, text: str):
    return orders.import_orders(shop.svc, shop.store.id, text.encode("utf-8-sig"))


def test_every_row_becomes_an_order_and_ready_ones_text_their_customer(shop):
    marie, alex = shop.customer("+15145550123"), shop.customer("+15145550124")
    done = load(shop, HEADER + "1234;Marie Lavoie;514-555-0123;fr;prête\n1235;Alex Martin;514 555 0124;en;pending\n")
    assert done.created == ("1234", "1235") and done.existing == ()
    assert shop.order_state("1234")["status"] == "ready" and shop.order_state("1235")["status"] == "pending"
    assert shop.order_state("1235")["customer_phone"] == "+15145550124"
    [ready_text] = marie.new()
    assert "#1234" in ready_text and "ARRIVÉ" in ready_text
    assert alex.new() == []


def test_a_file_with_bad_rows_is_refused_whole_naming_each_line_and_imports_nothing(shop):
    marie = shop.customer("+15145550123")
    with pytest.raises(Refused) as refused:
        load(
            shop,
            HEADER + "1234;Marie Lavoie;514-555-0123;fr;ready\n"
            "1235;Alex Martin;555;en;pending\n"
            "1236;Zoé Côté;514-555-0125;es;ready\n"
            "1234;Marie Lavoie;514-555-0123;fr;ready\n",
        )
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, "customer_phone"),
        (4, "language"),
        (5, "number"),
    ]
    assert [describe(p.problem, "fr") for p in refused.value.problems] == [
        "555 n'est pas un numéro de téléphone",
        "doit être l'un de 'en', 'fr'",
        "la commande 1234 est aussi à la ligne 2",
    ]
    assert orders.day_orders(shop.svc.db, shop.store.id, shop.svc.clock()) == []
    assert marie.new() == []  # not even the good rows' customers were texted


def test_a_row_whose_order_exists_is_reported_and_not_created_again(shop):
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie")
    marie.new()
    done = load(shop, HEADER + "1234;Marie Lavoie;514-555-0123;fr;ready\n1235;Alex Martin;514-555-0124;en;\n")
    assert done.created == ("1235",) and done.existing == ((2, "1234"),)
    assert marie.new() == []  # her order, ready already, was not marked ready again
    assert [o["number"] for o in orders.day_orders(shop.svc.db, shop.store.id, shop.svc.clock())] == ["1235", "1234"]
