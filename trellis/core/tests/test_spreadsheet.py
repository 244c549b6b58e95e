"""The one CSV writer behind every export: formula-like text quoted, UTF-8 with a BOM, one line ending."""

import csv
import io

import pytest

from trellis.core.spreadsheet import BOM, csv_bytes, csv_text, safe_cell


@pytest.mark.parametrize(
    "text", ["=1+1", "+44 20 7946 0000", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1", '=HYPERLINK("x")']
)
def test_it_quotes_text_a_spreadsheet_would_read_as_a_formula(text):
    assert safe_cell(text) == "'" + text.replace("\r", "\n")


@pytest.mark.parametrize("value", ["Plan the offsite", "a=b", "", "Zoë \u2013 lead"])
def test_it_leaves_ordinary_text_alone(value):
    assert safe_cell(value) == value


def test_it_writes_numbers_as_numbers():
    assert safe_cell(-2) == -2 and safe_cell(1.5) == 1.5 and safe_cell(None) == ""


def test_it_starts_with_a_bom_and_uses_one_line_ending():
    text = csv_text([["goal", "notes"], ["=cmd|' /C calc'!A0", "line one\r\nline two\rthree"]])
    assert text.startswith(BOM)
    assert "\r" not in text
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "line one\nline two\nthree"]


def test_it_encodes_utf8():
    data = csv_bytes([["Zoë \u2013 lead"]])
    assert data.startswith(b"\xef\xbb\xbf") and "Zoë \u2013 lead".encode() in data
