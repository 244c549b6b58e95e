"""A report as PDF: a title, lines of facts, and sections each with an SVG chart and the table
behind it. fpdf2 draws it (pure Python, no system libraries) in DejaVu Sans, shipped in
trellis/core/fonts (Bitstream Vera licence, LICENSE-DejaVu.txt beside it), so names and text in
Latin, Greek and Cyrillic scripts print as written. A character the font lacks (CJK, for one) is
drawn as "?" rather than dropped, so a reader sees that something was there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

INK = "#222222"
FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_NOT_DRAWN = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.S)  # fpdf2 does not draw them


@dataclass(frozen=True)
class Section:
    heading: str
    svg: str = ""
    table: Sequence[Sequence[object]] = ()  # the first row is the header
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str = ""
    lines: Sequence[str] = ()
    sections: Sequence[Section] = field(default_factory=list)


@cache
def _covered() -> frozenset[int]:
    """The code points every shipped style can draw."""
    found: frozenset[int] | None = None
    for name in STYLES.values():
        points = frozenset(TTFont(FONTS / name, lazy=True).getBestCmap())
        found = points if found is None else found & points
    return found or frozenset()


def printable(text: object) -> str:
    """The text as the report's font can draw it: line ends kept, anything else it lacks as "?"."""
    covered = _covered()
    return "".join(c if c in "\n\t" or ord(c) in covered else "?" for c in str(text))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return printable("" if value is None else value)


def render(document: Document, progress: Callable[[int], None] | None = None) -> bytes:
    """The PDF's bytes; `progress(percent)` is told after each section."""
    pdf = FPDF(format="A4")
    for style, name in STYLES.items():
        pdf.add_font(FAMILY, style, str(FONTS / name))
    pdf.set_title(printable(document.title))
    pdf.set_creator("Trellis")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 18)
    pdf.multi_cell(0, 9, printable(document.title), new_x="LMARGIN", new_y="NEXT")
    if document.subtitle:
        pdf.set_font(FAMILY, "", 11)
        pdf.multi_cell(0, 6, printable(document.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    for line in document.lines:
        pdf.multi_cell(0, 5, printable(line), new_x="LMARGIN", new_y="NEXT")
    count = len(document.sections)
    for index, section in enumerate(document.sections, start=1):
        pdf.ln(4)
        pdf.set_font(FAMILY, "B", 13)
        pdf.multi_cell(0, 7, printable(section.heading), new_x="LMARGIN", new_y="NEXT")
        if section.svg:
            drawn = _NOT_DRAWN.sub("", section.svg).replace("currentColor", INK)
            pdf.image(io.BytesIO(drawn.encode()), w=min(150, pdf.epw))
        if section.table:
            pdf.set_font(FAMILY, "", 9)
            with pdf.table(text_align="LEFT", first_row_as_headings=True) as table:
                for row in section.table:
                    cells = table.row()
                    for value in row:
                        cells.cell(_cell(value))
        pdf.set_font(FAMILY, "I", 9)
        for note in section.notes:
            pdf.multi_cell(0, 5, printable(note), new_x="LMARGIN", new_y="NEXT")
        if progress is not None:
            progress(round(100 * index / count))
    return bytes(pdf.output())


def text_of(data: bytes) -> str:
    """The text a PDF of ours draws, read back: each `Tj` string's glyph ids turned into characters
    through the ToUnicode map of the font it was drawn in. For tests and checks, as no PDF reader
    is among the dependencies."""
    import zlib

    objects = {
        int(number): body for number, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)
    }

    def stream_of(body: bytes) -> bytes:
        found = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        if found is None:
            return b""
        raw = found.group(1)
        return zlib.decompress(raw) if b"/FlateDecode" in body else raw

    def unicode_map(font: int) -> dict[int, str] | None:
        """None for a built-in font (an SVG chart's labels): its strings are Latin-1 bytes."""
        reference = re.search(rb"/ToUnicode (\d+) 0 R", objects.get(font, b""))
        if reference is None:
            return None
        cmap = stream_of(objects[int(reference.group(1))])
        return {
            int(glyph, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for glyph, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap)
            if len(glyph) == 4
        }

    fonts: dict[bytes, dict[int, str] | None] = {}
    for body in objects.values():
        for listing in re.findall(rb"/Font\s*<<(.*?)>>", body, re.S):
            for name, number in re.findall(rb"/(\w+) (\d+) 0 R", listing):
                fonts.setdefault(name, unicode_map(int(number)))
    found = []
    for body in objects.values():
        if b"stream" not in body:
            continue
        try:
            content = stream_of(body)
        except zlib.error:
            continue
        current: dict[int, str] | None = None
        for font, text in re.findall(
            rb"/(\w+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", content, re.S
        ):
            if font:
                current = fonts.get(font)
                continue
            raw = _unescape(text)
            if current is None:
                found.append(raw.decode("latin-1"))
                continue
            found.append(
                "".join(
                    current.get(int.from_bytes(raw[i : i + 2]), "?") for i in range(0, len(raw), 2)
                )
            )
    return "\n".join(found)


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(text: bytes) -> bytes:
    """A PDF literal string's bytes (its backslash escapes undone)."""

    def one(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8) & 0xFF])
        return _ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, text, flags=re.S)
