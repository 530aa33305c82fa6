"""Order files on the admin pages: an imported CSV is checked whole before anything is written, and the exported
day's handoffs never hand a spreadsheet a formula, whatever a customer or a point of sale wrote."""

from __future__ import annotations

import csv
import io

import pytest

from bot.core.order_sheet import MAX_ROWS
from bot.usecases import orders, report
from bot.usecases.errors import Refused
from tests.support.conversation import demo_team


@pytest.fixture
def shop(svc):
    return demo_team(svc)


def test_an_exported_name_or_spot_that_looks_like_a_formula_stays_text(shop):
    payload = shop.customer("+15145550123")
    shop.order("1234", payload, '=HYPERLINK("http://evil.example","Marie")')
    payload.texts("here spot 4")
    shop.julie.texts("OK")
    shop.julie.texts("FAIT")
    _day, text = report.day_csv(shop.svc.db, shop.store.id, shop.svc.clock())
    [_header, row] = list(csv.reader(io.StringIO(text)))
    assert row[1].startswith("'=") and not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_an_import_past_the_row_limit_writes_nothing(shop):
    rows = "".join(f"{n},514-555-{n % 10000:04d}\n" for n in range(MAX_ROWS + 1))
    with pytest.raises(Refused):
        orders.import_orders(shop.svc, shop.store.id, ("number,customer_phone\n" + rows).encode())
    assert orders.day_orders(shop.svc.db, shop.store.id, shop.svc.clock()) == []


def test_control_characters_in_an_imported_name_refuse_the_file(shop):
    with pytest.raises(Refused) as refused:
        orders.import_orders(shop.svc, shop.store.id, b"number,customer_name,customer_phone\n1,Ma\x1brie,5145550123\n")
    assert [(p.line, p.column, p.problem.code) for p in refused.value.problems] == [
        (2, "customer_name", "control_characters")
    ]
