"""What the commands over data files (frameworks, instruments, rubrics) share: reading the file,
the refusal that lists its problems, the organization named by its slug, and the import line.

The organization is looked up inside the function: this module is imported by commands that run
without setting up Django."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from trellis.cli.plain import Failure

if TYPE_CHECKING:
    from trellis.accounts.models import Organization
    from trellis.core.datafiles import DataFileError

NOT_READABLE = "{path} could not be read: {reason}"
NO_ORG = "No organization has the slug {slug!r}."


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Failure(NOT_READABLE.format(path=path, reason=exc.strerror or exc), 1) from exc


def refusal(path: Path, exc: DataFileError, verb: str) -> str:
    """`PATH was not VERB: N problems.` and each problem indented."""
    lines = "\n".join(f"  {line}" for line in exc.messages())
    count = len(exc.problems)
    return f"{path} was not {verb}: {count} problem{'s' if count != 1 else ''}.\n{lines}"


def organization(slug: str, code: int = 1) -> Organization:
    from trellis.accounts.models import Organization

    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Failure(NO_ORG.format(slug=slug), code)
    return org


def imported(stored: Any, created: bool, org: Organization) -> str:
    """The line an import prints: the version it made, or that the organization has it already."""
    if created:
        return (
            f"Imported {stored.name} ({stored.key}) into {org.name} as version {stored.version}.\n"
        )
    return (
        f"{stored.name} ({stored.key}) is unchanged: {org.name} already has it as version "
        f"{stored.version}.\n"
    )
