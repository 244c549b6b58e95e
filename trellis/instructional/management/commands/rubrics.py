"""`trellis rubrics validate|list|import`: observation rubric files and an organization's rubrics.
Every refusal is a sentence and exit status 1, never a traceback."""

import argparse
from pathlib import Path
from typing import Any, TextIO

from trellis.accounts.models import Organization
from trellis.cli.adapter import adapt
from trellis.cli.plain import Failure, PlainCommand, render
from trellis.core.instructional.rubric import Rubric, RubricError, builtin_rubrics, parse_rubric

NOT_READABLE = "{path} could not be read: {reason}"
NO_ORG = "No organization has the slug {slug!r}."


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
        if created:
            out.write(
                f"Imported {stored.name} ({stored.key}) into {org.name} as version {stored.version}.\n"
            )
        else:
            out.write(
                f"{stored.name} ({stored.key}) is unchanged: {org.name} already has it as version "
                f"{stored.version}.\n"
            )


def raw(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Failure(NOT_READABLE.format(path=path, reason=exc.strerror or exc), 1) from exc


def refusal(path: Path, exc: RubricError, verb: str) -> str:
    lines = "\n".join(f"  {line}" for line in exc.messages())
    count = len(exc.problems)
    return f"{path} was not {verb}: {count} problem{'s' if count != 1 else ''}.\n{lines}"


def read(path: Path) -> Rubric:
    try:
        return parse_rubric(raw(path), path.name)
    except RubricError as exc:
        raise Failure(refusal(path, exc, "valid"), 1) from exc


def organization(slug: str) -> Organization:
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Failure(NO_ORG.format(slug=slug), 1)
    return org


Command = adapt(Rubrics)
