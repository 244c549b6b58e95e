"""`trellis serve`: the production server. Collect static files, then hand over to gunicorn."""

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.web.checks import DEV_KEY_MESSAGE


def gunicorn_argv(*, bind: str, workers: int, timeout: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "trellis.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--name",
        "trellis",
        "--no-control-socket",  # nothing to write under $HOME, several servers on one machine
    ]


class Command(BaseCommand):
    help = (
        "Serve Trellis in production: collectstatic, then gunicorn with several worker processes, "
        "DEBUG off. Refuses to start on the public development SECRET_KEY."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=settings.SERVE_BIND,
            help="address:port (or unix:/path) to listen on (default: SERVE_BIND, %(default)s)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.SERVE_WORKERS,
            help="number of gunicorn worker processes (default: SERVE_WORKERS, %(default)s)",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=30,
            help="seconds a request may take before its worker is restarted (default: %(default)s)",
        )

    def handle(self, *args: Any, bind: str, workers: int, timeout: int, **options: Any) -> None:
        if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
            raise CommandError(DEV_KEY_MESSAGE)
        if workers < 1:
            raise CommandError(f"--workers: expected 1 or more, found {workers}")
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {**os.environ, "DEBUG": "false"}
        env.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
        self.stdout.write(f"Serving Trellis on {bind} with {workers} workers (DEBUG off)")
        self.stdout.flush()
        argv = gunicorn_argv(bind=bind, workers=workers, timeout=timeout)
        # gunicorn takes this process over, so the service manager's signals reach it directly.
        os.execve(sys.executable, argv, env)
