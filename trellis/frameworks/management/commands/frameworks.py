from pathlib import Path
from typing import TextIO

from trellis.accounts.models import Organization
from trellis.cli.adapter import adapt
from trellis.cli.datafile import organization as _organization
from trellis.cli.frameworks import Frameworks, read
from trellis.cli.plain import Failure
from trellis.core.frameworks import Framework, FrameworkError
from trellis.frameworks import selectors, services


class WithDatabase(Frameworks):
    """The plain command plus what needs the database: import, and --org."""

    def import_file(self, out: TextIO, path: Path, slug: str) -> None:
        org = organization(slug)
        try:
            stored, created = services.framework_import(org=org, text=read(path), source=path.name)
        except FrameworkError as exc:
            lines = "\n".join(f"  {line}" for line in exc.messages())
            noun = "problem" if len(exc.problems) == 1 else "problems"
            raise Failure(
                f"{path} was not imported: {len(exc.problems)} {noun}.\n{lines}", 1
            ) from exc
        if created:
            out.write(
                f"Imported {stored.name} ({stored.key}) into {org.name} as version {stored.version}.\n"
            )
        else:
            out.write(
                f"{stored.name} ({stored.key}) is unchanged: {org.name} already has it "
                f"as version {stored.version}.\n"
            )

    def org_entries(self, slug: str) -> tuple[str, list[tuple[Framework, int | None]]]:
        org = organization(slug)
        entries = [
            (entry.framework, None if entry.is_builtin else entry.version)
            for entry in selectors.frameworks_for(org=org)
        ]
        return f"Coaching frameworks in {org.name}", entries

    def org_framework(self, slug: str, key: str) -> Framework | None:
        entry = selectors.framework_find(org=organization(slug), key=key)
        return entry.framework if entry is not None else None


def organization(slug: str) -> Organization:
    return _organization(slug, 2)


Command = adapt(WithDatabase)
