"""CSV for spreadsheets: API text quoted as needed and never run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from csr_console.store.csv_export import safe_cell, to_csv, write_csv


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_commas_quotes_and_line_breaks_survive_a_round_trip() -> None:
    values = ["Smith, John", 'Say "hi"', "line one\nline two", "crlf\r\nend", "  spaced  ", ""]
    text = to_csv([values], [f"c{n}" for n in range(len(values))])
    assert read(text) == [[f"c{n}" for n in range(len(values))], values]
    assert text.endswith("\r\n") and text.count("\r\n") == 3  # header, row, and the one inside a cell


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert read(to_csv([[value]], ["name"]))[1] == ["'" + value]


def test_numbers_and_blanks_are_written_as_they_are() -> None:
    assert safe_cell(-5) == -5 and safe_cell(-0.5) == -0.5 and safe_cell(None) == ""
    assert safe_cell("a=b") == "a=b" and safe_cell("O'Brien") == "O'Brien"
    assert read(to_csv([[1, 2.5, None, -3]], ["a", "b", "c", "d"]))[1] == ["1", "2.5", "", "-3"]


def test_titles_are_guarded_too() -> None:
    assert read(to_csv([], ["=x", "ok"])) == [["'=x", "ok"]]


def test_the_file_is_utf8_with_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv(path, [["José Núñez", 3]], ["Customer", "Bookings"])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\r\r\n" not in raw
    assert read(raw.decode("utf-8-sig")) == [["Customer", "Bookings"], ["José Núñez", "3"]]
