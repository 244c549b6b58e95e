import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from trellis.api.api import api


def openapi_text() -> str:
    return (
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), indent=2, sort_keys=True) + "\n"
    )


class Command(BaseCommand):
    help = "Write the API's OpenAPI document to docs/openapi.json (or the given file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            default=settings.BASE_DIR / "docs" / "openapi.json",
            help="where to write it",
        )

    def handle(self, *args: object, out: Path, **options: object) -> None:
        out.write_text(openapi_text())
        self.stdout.write(f"Wrote {out}")
