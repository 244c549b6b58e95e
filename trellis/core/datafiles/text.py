"""Bytes to text, the same way for every data file: UTF-8 (a BOM is dropped), no NUL characters,
one kind of line ending, and a size limit."""

from __future__ import annotations

import codecs

from .problems import DataFileError, Problem

MAX_BYTES = (
    2 * 1024 * 1024
)  # the default; pages and the API pass the TRELLIS_UPLOAD_MAX_BYTES setting

EXPECTED_UTF8 = 'UTF-8 text (in a spreadsheet, save as "CSV UTF-8")'
FOUND_BYTE = "the byte 0x{byte:02x} at byte {offset}, which is not UTF-8"
FOUND_UTF16 = 'UTF-16 text (what Excel calls "Unicode text")'
EXPECTED_NO_NUL = "text without NUL characters"
FOUND_NUL = "a NUL character at byte {offset}"
EXPECTED_SIZE = "a file of at most {limit} bytes"
FOUND_SIZE = "{size} bytes"


def line_of(data: bytes | str, offset: int) -> int:
    """The line `offset` falls on, whichever line ends the file uses (LF, CR LF or CR alone)."""
    before = data[:offset]
    if isinstance(before, bytes):
        return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def check_size(size: int, source: str, max_bytes: int | None = MAX_BYTES) -> None:
    """Refuse a file past the limit before reading it."""
    if max_bytes is not None and size > max_bytes:
        raise DataFileError(
            [
                Problem(
                    source, "", EXPECTED_SIZE.format(limit=max_bytes), FOUND_SIZE.format(size=size)
                )
            ]
        )


def decode(data: bytes | str, source: str, *, max_bytes: int | None = MAX_BYTES) -> str:
    """The text of a data file with "\\n" line endings; raises DataFileError naming the line and
    byte of the first thing that is not UTF-8 text."""
    if isinstance(data, bytes):
        check_size(len(data), source, max_bytes)
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise DataFileError([Problem(source, "line 1", EXPECTED_UTF8, FOUND_UTF16)])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            where = f"line {line_of(data, exc.start)}"
            found = FOUND_BYTE.format(byte=data[exc.start], offset=exc.start)
            raise DataFileError([Problem(source, where, EXPECTED_UTF8, found)]) from None
    else:
        check_size(len(data.encode("utf-8", "surrogatepass")), source, max_bytes)
        text = data.removeprefix("\ufeff")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from "\\ud800" in JSON
            where = f"line {line_of(text, exc.start)}"
            found = f"a lone surrogate at character {exc.start}"
            raise DataFileError([Problem(source, where, EXPECTED_UTF8, found)]) from None
    nul = text.find("\x00")
    if nul >= 0:
        offset = len(text[:nul].encode("utf-8", "surrogatepass"))
        where = f"line {line_of(text, nul)}"
        raise DataFileError(
            [Problem(source, where, EXPECTED_NO_NUL, FOUND_NUL.format(offset=offset))]
        )
    # Old Mac files end lines with CR alone; Windows files with CR LF.
    return text.replace("\r\n", "\n").replace("\r", "\n")
