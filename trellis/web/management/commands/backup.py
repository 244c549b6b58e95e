"""`trellis backup`: a consistent copy of the database in one file (restore: docs/deploy.md)."""

import os
import shlex
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

NO_PG_DUMP = (
    "pg_dump is not installed here. Install the PostgreSQL client (apt-get install "
    "postgresql-client) or run on a machine that has it:\n  {command}"
)


def default_path(suffix: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"trellis-{stamp}{suffix}"


def pg_dump_argv(database: dict[str, Any], path: Path) -> list[str]:
    argv = ["pg_dump", "--format=custom", "--no-owner", f"--file={path}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            argv.append(f"{flag}={database[key]}")
    return [*argv, str(database["NAME"])]


class Command(BaseCommand):
    help = (
        "Copy the database to one file: SQLite through its online backup API (safe while Trellis "
        "runs), PostgreSQL through pg_dump --format=custom. docs/deploy.md tells how to restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="file to write (default: var/backups/trellis-YYYYMMDD-HHMMSS.sqlite3 or .dump)",
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        database = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            target = path or default_path(".sqlite3")
            self.prepare(target)
            self.sqlite_backup(target)
        elif connection.vendor == "postgresql":
            target = path or default_path(".dump")
            self.prepare(target)
            self.postgres_backup(database, target)
        else:
            raise CommandError(f"backup: expected SQLite or PostgreSQL, found {connection.vendor}")
        self.stdout.write(f"Backed up the database to {target} ({target.stat().st_size} bytes)")

    def prepare(self, target: Path) -> None:
        if target.exists():
            raise CommandError(f"{target}: already exists; choose another file")
        target.parent.mkdir(parents=True, exist_ok=True)

    def sqlite_backup(self, target: Path) -> None:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()

    def postgres_backup(self, database: dict[str, Any], target: Path) -> None:
        argv = pg_dump_argv(database, target)
        if shutil.which("pg_dump") is None:
            raise CommandError(NO_PG_DUMP.format(command=shlex.join(argv)))
        env = {**os.environ}
        if database.get("PASSWORD"):
            env["PGPASSWORD"] = str(database["PASSWORD"])
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            target.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {done.stderr.strip()}")
