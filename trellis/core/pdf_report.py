"""A report as PDF: a title, lines of facts, and sections each with an SVG chart and the table
behind it. fpdf2 draws it (pure Python, no system libraries) with its built-in Helvetica, so text
is written in Latin-1: other characters are decomposed to their Latin base or become "?".
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fpdf import FPDF

INK = "#222222"
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


def latin(text: object) -> str:
    """The text as Helvetica can write it."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.encode("latin-1", "replace").decode("latin-1")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return latin("" if value is None else value)


def render(document: Document, progress: Callable[[int], None] | None = None) -> bytes:
    """The PDF's bytes; `progress(percent)` is told after each section."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin(document.title))
    pdf.set_creator("Trellis")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, latin(document.title), new_x="LMARGIN", new_y="NEXT")
    if document.subtitle:
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, latin(document.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in document.lines:
        pdf.multi_cell(0, 5, latin(line), new_x="LMARGIN", new_y="NEXT")
    count = len(document.sections)
    for index, section in enumerate(document.sections, start=1):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, latin(section.heading), new_x="LMARGIN", new_y="NEXT")
        if section.svg:
            drawn = _NOT_DRAWN.sub("", section.svg).replace("currentColor", INK)
            pdf.image(io.BytesIO(drawn.encode()), w=min(150, pdf.epw))
        if section.table:
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(text_align="LEFT", first_row_as_headings=True) as table:
                for row in section.table:
                    cells = table.row()
                    for value in row:
                        cells.cell(_cell(value))
        pdf.set_font("Helvetica", "I", 9)
        for note in section.notes:
            pdf.multi_cell(0, 5, latin(note), new_x="LMARGIN", new_y="NEXT")
        if progress is not None:
            progress(round(100 * index / count))
    return bytes(pdf.output())


def text_of(data: bytes) -> str:
    """The text a PDF of ours draws, read back from its (Flate-compressed) content streams: for
    tests and checks, as no PDF reader is among the dependencies."""
    import zlib

    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        for text in re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", content, re.S):
            found.append(text.replace(rb"\(", b"(").replace(rb"\)", b")").decode("latin-1"))
    return "\n".join(found)
