"""A day's orders as a CSV file (a point of sale's or Excel's export) read into rows: UTF-8 with or without a byte
order mark, comma or semicolon separated (Excel in French uses semicolons), a header row naming the columns in
English or French. Each problem is kept with its line number; the values are checked afterwards by the same use case
that creates an order by hand. Pure."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from .problems import Problem
from .statuses import OrderStatus

COLUMNS = ("number", "customer_name", "customer_phone", "language", "status")
REQUIRED = ("number", "customer_phone")
MAX_ROWS = 2000

# Header names people write, folded (lower case, no accents, spaces and dashes as "_"), to the column they mean.
_HEADERS = {
    **{c: c for c in COLUMNS},
    "order": "number",
    "order_number": "number",
    "no": "number",
    "numero": "number",
    "commande": "number",
    "no_de_commande": "number",
    "numero_de_commande": "number",
    "name": "customer_name",
    "customer": "customer_name",
    "nom": "customer_name",
    "client": "customer_name",
    "nom_du_client": "customer_name",
    "phone": "customer_phone",
    "telephone": "customer_phone",
    "tel": "customer_phone",
    "cell": "customer_phone",
    "cellulaire": "customer_phone",
    "telephone_du_client": "customer_phone",
    "lang": "language",
    "langue": "language",
    "statut": "status",
    "etat": "status",
}
# Cell values, folded, to the values the use case takes. Anything else goes through as written, to be refused there.
_LANGUAGES = {"en": "en", "english": "en", "anglais": "en", "fr": "fr", "french": "fr", "francais": "fr"}
_STATUSES = {
    "pending": OrderStatus.PENDING,
    "en_attente": OrderStatus.PENDING,
    "attente": OrderStatus.PENDING,
    "ready": OrderStatus.READY,
    "prete": OrderStatus.READY,
    "pret": OrderStatus.READY,
}


@dataclass(frozen=True)
class SheetRow:
    line: int  # the line of the file the row ends on, the header being line 1
    values: dict  # column → value; None for an empty or absent cell


@dataclass(frozen=True)
class SheetProblem:
    line: int
    column: str | None  # None: the row or the file as a whole
    problem: Problem


@dataclass(frozen=True)
class Sheet:
    rows: tuple[SheetRow, ...] = ()
    problems: tuple[SheetProblem, ...] = ()


def fold(text: str) -> str:
    """ "Numéro de commande" → "numero_de_commande"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "_".join(plain.strip().lower().replace("-", " ").replace("_", " ").split())


def read_sheet(data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")  # a byte order mark, as Excel's "CSV UTF-8" writes, is dropped
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:  # not UTF-8, or UTF-16 (Excel's "Unicode text"), whose NULs would pass for UTF-8
        return Sheet(problems=(SheetProblem(1, None, Problem("csv_encoding")),))
    lines = text.splitlines()
    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is None:
        return Sheet(problems=(SheetProblem(1, None, Problem("csv_empty")),))
    # Excel in French separates cells with ";" (the comma is its decimal mark); whichever the header uses, wins.
    delimiter = ";" if lines[header_line].count(";") > lines[header_line].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[SheetRow] = []
    problems: list[SheetProblem] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and Excel's rows of empty cells
        if header is None:
            header, header_problems = _header(cells, line)
            if header_problems:
                return Sheet(problems=tuple(header_problems))
            continue
        if len(rows) == MAX_ROWS:
            return Sheet(problems=(SheetProblem(line, None, Problem("csv_too_many", {"max": MAX_ROWS})),))
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            problems.append(
                SheetProblem(line, None, Problem("csv_cells", {"found": len(cells), "expected": len(header)}))
            )
            continue
        values: dict[str, str | None] = {column: None for column in COLUMNS}
        for column, cell in zip(header, cells):
            values[column] = cell.strip() or None
        rows.append(SheetRow(line, _normalised(values)))
    if not rows and not problems:
        problems.append(SheetProblem(1, None, Problem("csv_empty")))
    return Sheet(tuple(rows), tuple(problems))


def _header(cells: list[str], line: int) -> tuple[list[str], list[SheetProblem]]:
    names = ", ".join(COLUMNS)
    header: list[str] = []
    problems: list[SheetProblem] = []
    for cell in cells:
        column = _HEADERS.get(fold(cell))
        if column is None:
            problems.append(
                SheetProblem(
                    line, None, Problem("csv_unknown_column", {"column": cell.strip() or "''", "columns": names})
                )
            )
            continue  # a refused header is not read: its columns need not line up
        if column in header:
            problems.append(SheetProblem(line, None, Problem("csv_repeated_column", {"column": column})))
        header.append(column)
    if not problems and not set(REQUIRED) <= set(header):
        problems.append(
            SheetProblem(line, None, Problem("csv_header", {"columns": names, "required": ", ".join(REQUIRED)}))
        )
    return header, problems


def _normalised(values: dict) -> dict:
    """Language and status as the use case takes them ("Français" → "fr", "Prête" → "ready"); an empty status is
    a pending order."""
    language, status = values["language"], values["status"]
    if language is not None:
        values["language"] = _LANGUAGES.get(fold(language), language)
    values["status"] = OrderStatus.PENDING if status is None else _STATUSES.get(fold(status), status)
    return values
