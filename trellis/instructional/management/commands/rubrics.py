"""`trellis rubrics validate|list|import`: observation rubric files and an organization's rubrics.
Every refusal is a sentence and exit status 1, never a traceback."""

import argparse
from pathlib import Path
from typing import Any, TextIO

from trellis.cli.adapter import adapt
from trellis.cli.datafile import file_bytes as raw
from trellis.cli.datafile import imported, organization, refusal
from trellis.cli.plain import Failure, PlainCommand, render
from trellis.core.instructional.rubric import Rubric, RubricError, builtin_rubrics, parse_rubric


class Rubrics(PlainCommand):
    help = (
        "Observation rubrics (TOML files of levels, domains and indicators): validate a file "
        "(every problem with its field path; exit status 1 when invalid), list the built-in rubric "
        "and an organization's own, or import a file (a licensed rubric, or your own) into an "
        "organization."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser("validate", help="check a rubric TOML file")
        validate.add_argument("file", type=Path, help="the rubric file (TOML, UTF-8)")
        listing = sub.add_parser("list", help="list the built-in rubric")
        listing.add_argument("--org", help="also list this organization's own rubrics")
        imported = sub.add_parser(
            "import", help="store an organization's rubric; a changed file is a new version"
        )
        imported.add_argument("file", type=Path, help="the rubric file (TOML, UTF-8)")
        imported.add_argument("--org", required=True, help="the organization's slug")

    def handle(self, out: TextIO, /, **options: Any) -> None:
        action = options["action"]
        if action == "validate":
            path = Path(str(options["file"]))
            rubric = read(path)
            out.write(
                f"{path} is a valid rubric: {rubric.name} ({rubric.key}), "
                f"{len(rubric.spec.domains)} domains, {len(rubric.indicators())} indicators, "
                f"{len(rubric.spec.levels)} levels.\n"
            )
        elif action == "list":
            self.list(out, options.get("org"))
        else:
            self.import_file(out, Path(str(options["file"])), str(options["org"]))

    def list(self, out: TextIO, slug: str | None) -> None:
        from rich.table import Table

        table = Table(title="Rubrics")
        for column in ("Key", "Name", "Indicators", "Levels", "Version", "Whose"):
            table.add_column(column)
        rows: list[tuple[Rubric, int, str]] = [
            (r, r.spec.version, "built-in") for r in builtin_rubrics()
        ]
        if slug:
            from trellis.instructional import selectors

            org = organization(slug)
            rows = [
                (e.rubric, e.version, "built-in" if e.is_builtin else org.name)
                for e in selectors.rubrics_for(org=org)
            ]
        for rubric, version, whose in rows:
            table.add_row(
                rubric.key,
                rubric.name,
                str(len(rubric.indicators())),
                ", ".join(f"{lv.value} {lv.label}" for lv in rubric.spec.levels),
                str(version),
                whose,
            )
        render(out, table)

    def import_file(self, out: TextIO, path: Path, slug: str) -> None:
        from trellis.instructional import services

        org = organization(slug)
        try:
            stored, created = services.rubric_import(
                actor=None, org=org, text=raw(path), source=path.name
            )
        except RubricError as exc:
            raise Failure(refusal(path, exc, "imported"), 1) from exc
        out.write(imported(stored, created, org))


def read(path: Path) -> Rubric:
    try:
        return parse_rubric(raw(path), path.name)
    except RubricError as exc:
        raise Failure(refusal(path, exc, "valid"), 1) from exc


Command = adapt(Rubrics)
