"""Reading a day's orders from a CSV file as Excel and points of sale write them."""

from __future__ import annotations

from bot.core.order_sheet import MAX_ROWS, read_sheet
from bot.core.problems import describe

HEADER = "number,customer_name,customer_phone,language,status\n"


def codes(sheet):
    return [(p.line, p.column, p.problem.code) for p in sheet.problems]


def test_a_comma_separated_file_gives_one_row_per_order_with_its_line():
    sheet = read_sheet((HEADER + "1234,Marie Lavoie,514-555-0123,fr,ready\n1235,Alex Martin,5145550124,en,\n").encode())
    assert sheet.problems == ()
    assert [(r.line, r.values) for r in sheet.rows] == [
        (
            2,
            {
                "number": "1234",
                "customer_name": "Marie Lavoie",
                "customer_phone": "514-555-0123",
                "language": "fr",
                "status": "ready",
            },
        ),
        (
            3,
            {
                "number": "1235",
                "customer_name": "Alex Martin",
                "customer_phone": "5145550124",
                "language": "en",
                "status": "pending",
            },
        ),
    ]


def test_excel_in_french_semicolons_a_byte_order_mark_french_headers_and_values_are_understood():
    data = (
        "\ufeffNuméro;Nom du client;Téléphone;Langue;Statut\r\n"
        "1234;Zoé Côté;514 555-0125;Français;Prête\r\n"
        '1235;"Gagnon; Olivier";514 555-0128;anglais;en attente\r\n'
    ).encode("utf-8")
    sheet = read_sheet(data)
    assert sheet.problems == ()
    first, second = (r.values for r in sheet.rows)
    assert first == {
        "number": "1234",
        "customer_name": "Zoé Côté",
        "customer_phone": "514 555-0125",
        "language": "fr",
        "status": "ready",
    }
    assert (second["customer_name"], second["language"], second["status"]) == ("Gagnon; Olivier", "en", "pending")


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out():
    sheet = read_sheet(b"customer_phone,number\n5145550123,#77\n")
    assert [r.values for r in sheet.rows] == [
        {"number": "#77", "customer_name": None, "customer_phone": "5145550123", "language": None, "status": "pending"}
    ]


def test_blank_lines_and_excels_empty_rows_are_skipped_and_line_numbers_stay_the_files():
    sheet = read_sheet((HEADER + "\n1234,Marie,5145550123,,\n,,,,\n1235,Alex,5145550124,,\n").encode())
    assert [r.line for r in sheet.rows] == [3, 5]


def test_a_value_it_does_not_know_goes_through_as_written_for_the_use_case_to_refuse():
    [row] = read_sheet((HEADER + "1234,Marie,5145550123,es,livrée\n").encode()).rows
    assert (row.values["language"], row.values["status"]) == ("es", "livrée")


def test_a_file_that_is_not_utf8_is_refused_with_how_to_save_it():
    sheet = read_sheet((HEADER + "1234,Zoé Côté,5145550125,fr,ready\n").encode("cp1252"))
    assert codes(sheet) == [(1, None, "csv_encoding")] and sheet.rows == ()
    assert "CSV UTF-8" in describe(sheet.problems[0].problem, "fr")
    assert codes(read_sheet(HEADER.encode("utf-16-le"))) == [(1, None, "csv_encoding")]


def test_an_unknown_or_repeated_column_or_a_missing_phone_column_refuses_the_header():
    assert codes(read_sheet(b"number,phone_number\n1,5145550123\n")) == [(1, None, "csv_unknown_column")]
    assert codes(read_sheet(b"number,phone,telephone\n1,2,3\n")) == [(1, None, "csv_repeated_column")]
    assert codes(read_sheet(b"number,customer_name\n1,Marie\n")) == [(1, None, "csv_header")]


def test_a_row_with_more_cells_than_the_header_is_a_problem_on_its_line():
    sheet = read_sheet((HEADER + "1234,Marie,5145550123,fr,ready\n1235,Lavoie,Marie,5145550123,fr,ready\n").encode())
    assert codes(sheet) == [(3, None, "csv_cells")] and [r.line for r in sheet.rows] == [2]


def test_an_empty_file_or_a_header_alone_has_no_orders():
    assert codes(read_sheet(b"")) == [(1, None, "csv_empty")]
    assert codes(read_sheet(HEADER.encode())) == [(1, None, "csv_empty")]


def test_more_rows_than_a_day_holds_are_refused_whole():
    data = HEADER + "".join(f"{n},Marie,5145550123,,\n" for n in range(MAX_ROWS + 1))
    sheet = read_sheet(data.encode())
    assert codes(sheet) == [(MAX_ROWS + 2, None, "csv_too_many")] and sheet.rows == ()
