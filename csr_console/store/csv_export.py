"""Reports as CSV files that a spreadsheet opens safely.

Values come from the API (names, sources, reasons typed by customers and partners): the csv module
quotes commas, quotes and line breaks, and a text cell that a spreadsheet would run as a formula
(starting with = + - @, or a tab or carriage return that hides one) gets a leading apostrophe, as OWASP
recommends against CSV injection. Numbers are ours and are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

CsvCell = str | int | float | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: CsvCell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Iterable[Sequence[CsvCell]], columns: Sequence[str]) -> str:
    """A header line of `columns`, then one line per row (RFC 4180: CRLF line ends, quoted as needed)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([safe_cell(title) for title in columns])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return text.getvalue()


def write_csv(path: Path, rows: Iterable[Sequence[CsvCell]], columns: Sequence[str]) -> None:
    """Write `to_csv` to `path` in UTF-8 with a byte-order mark: Excel reads a file without one in
    the machine's legacy code page, and names with accents come out garbled."""
    path.write_text(to_csv(rows, columns), encoding="utf-8-sig", newline="")
