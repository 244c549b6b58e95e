"""CSV that spreadsheets open safely: the one writer behind every CSV export.

- A text cell that begins with =, +, -, @, a tab or a carriage return is what Excel, LibreOffice and
  Google Sheets read as a formula (CSV injection); it gets a leading single quote, which they show
  as text. Numbers are written as they are.
- UTF-8 with a byte-order mark, so Excel does not read "é" as "Ã©".
- One line ending, "\\n", for the rows and inside cells alike (a CR or CRLF in a cell becomes "\\n").
"""

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_ENDING = "\n"


def safe_cell(value: object) -> object:
    """The cell as a spreadsheet should read it: text that could start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", LINE_ENDING).replace("\r", LINE_ENDING)


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """The rows as CSV text, starting with the byte-order mark."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator=LINE_ENDING)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The same, encoded as UTF-8 (for an HTTP response or a file opened in binary)."""
    return csv_text(rows).encode("utf-8")
