"""`trellis instruments validate|list|show|import`: instrument files and an organization's
instruments. Every refusal is a sentence and exit status 1, never a traceback."""

import argparse
from pathlib import Path
from typing import Any, TextIO

from trellis.cli.adapter import adapt
from trellis.cli.datafile import file_bytes as raw
from trellis.cli.datafile import imported, organization, refusal
from trellis.cli.plain import Failure, PlainCommand, render
from trellis.core.instruments import (
    Instrument,
    InstrumentError,
    builtin_instruments,
    load_builtin,
    parse_instrument,
)
from trellis.core.instruments import UnknownInstrumentError as Unknown


class Instruments(PlainCommand):
    help = (
        "Instruments (assessments and surveys as TOML files): validate a file (every problem with "
        "its field path; exit status 1 when invalid), list the built-in instruments and an "
        "organization's own, show one, or import a file into an organization."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser("validate", help="check an instrument TOML file")
        validate.add_argument("file", type=Path, help="the instrument file (TOML, UTF-8)")
        listing = sub.add_parser("list", help="list the built-in instruments")
        listing.add_argument("--org", help="also list this organization's own instruments")
        show = sub.add_parser("show", help="show an instrument's items, scale, subscales and bands")
        show.add_argument("key", help="a built-in instrument's key, or a .toml file")
        show.add_argument("--org", help="look the key up among this organization's instruments too")
        imported = sub.add_parser(
            "import", help="store an organization's own instrument; a changed file is a new version"
        )
        imported.add_argument("file", type=Path, help="the instrument file (TOML, UTF-8)")
        imported.add_argument("--org", required=True, help="the organization's slug")

    def handle(self, out: TextIO, /, **options: Any) -> None:
        action = options["action"]
        if action == "validate" and Path(str(options["file"])).parent.parent.name == "locale":
            validate_translation(out, Path(str(options["file"])))
        elif action == "validate":
            instrument = read(Path(str(options["file"])))
            out.write(
                f"{options['file']} is a valid instrument: {instrument.name} ({instrument.key}), "
                f"{len(instrument.spec.items)} items, answered by "
                f"{', '.join(instrument.spec.respondents)}.\n"
            )
        elif action == "list":
            self.list(out, options.get("org"))
        elif action == "show":
            self.show(out, str(options["key"]), options.get("org"))
        else:
            self.import_file(out, Path(str(options["file"])), str(options["org"]))

    def list(self, out: TextIO, slug: str | None) -> None:
        from rich.table import Table

        table = Table(title="Instruments", show_lines=False)
        for column in ("Key", "Name", "Items", "Answered by", "Version", "Whose"):
            table.add_column(column)
        rows: list[tuple[Instrument, int, str]] = [
            (i, i.version, "built-in") for i in builtin_instruments()
        ]
        if slug:
            from trellis.instruments import selectors

            org = organization(slug)
            rows = [
                (e.instrument, e.version, "built-in" if e.is_builtin else org.name)
                for e in selectors.instruments_for(org=org)
            ]
        for instrument, version, whose in rows:
            table.add_row(
                instrument.key,
                instrument.name,
                str(len(instrument.spec.items)),
                ", ".join(instrument.spec.respondents),
                str(version),
                whose,
            )
        render(out, table)

    def show(self, out: TextIO, key: str, slug: str | None) -> None:
        if key.endswith(".toml"):
            instrument = read(Path(key))
        elif slug:
            from trellis.instruments import selectors

            entry = selectors.instrument_find(org=organization(slug), key=key)
            if entry is None:
                raise Failure(f"No instrument is called {key!r} in {slug}.", 1)
            instrument = entry.instrument
        else:
            try:
                instrument = load_builtin(key)
            except Unknown as exc:
                raise Failure(str(exc), 1) from exc
        spec = instrument.spec
        lines = [
            f"{spec.name} ({spec.key}), version {spec.version}",
            "",
            f"Measures: {' '.join(spec.construct_text.split())}",
            f"Answered by: {', '.join(spec.respondents)}; scoring: {spec.scoring}; "
            f"aggregates from {spec.anonymity_threshold} answers",
            "Scale: " + "; ".join(f"{p} = {label}" for p, label in instrument.labels()),
            "",
            "Items:",
        ]
        for number, item in enumerate(spec.items, start=1):
            marks = [m for m in (item.subscale, "reverse-scored" if item.reverse else "") if m]
            lines.append(f"  {number}. {item.text}" + (f" [{', '.join(marks)}]" if marks else ""))
        if spec.bands:
            lines += ["", "Bands:"]
            lines += [f"  {b.min:g} to {b.max:g}: {b.label}. {b.meaning}" for b in spec.bands]
        lines += ["", f"Licence: {spec.licence}"]
        lines += [f"Source: {source}" for source in spec.sources]
        out.write("\n".join(lines) + "\n")

    def import_file(self, out: TextIO, path: Path, slug: str) -> None:
        from trellis.instruments import services

        org = organization(slug)
        try:
            stored, created = services.instrument_import(org=org, text=raw(path), source=path.name)
        except InstrumentError as exc:
            raise Failure(refusal(path, exc, "imported"), 1) from exc
        out.write(imported(stored, created, org))


def validate_translation(out: TextIO, path: Path) -> None:
    """A file at <dir>/locale/<locale>/<name>.toml translates the English <dir>/<name>.toml."""
    from trellis.core.datafiles import shown_lines
    from trellis.core.instruments import overlay_check_file

    locale, english = path.parent.name, path.parent.parent.parent / path.name
    if not english.is_file():
        raise Failure(f"{path}: expected the English file {english} beside locale/", 1)
    problems = overlay_check_file(english, locale, data=raw(path))
    if problems:
        lines = "\n".join(f"  {line}" for line in shown_lines(problems))
        noun = "problem" if len(problems) == 1 else "problems"
        raise Failure(f"{path} is not a valid translation: {len(problems)} {noun}.\n{lines}", 1)
    out.write(f"{path}: a complete {locale} translation of {english.name}.\n")


def read(path: Path) -> Instrument:
    try:
        return parse_instrument(raw(path), path.name)
    except InstrumentError as exc:
        raise Failure(refusal(path, exc, "valid"), 1) from exc


Command = adapt(Instruments)
