import socket
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from trellis.web import demo
from trellis.web.models import WorkerHeartbeat

READY_WITHIN = 180  # seconds `--logins-when-ready` waits for the server and the worker


class Command(BaseCommand):
    help = "Create or refresh the demo organizations (running it twice changes nothing) and print their logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-logins", action="store_true", help="seed without printing the logins"
        )
        parser.add_argument(
            "--logins-when-ready",
            metavar="HOST:PORT",
            help="seed nothing: wait until a server listens at HOST:PORT and a worker runs, then print the logins",
        )

    def handle(
        self, *args: Any, no_logins: bool, logins_when_ready: str | None, **options: Any
    ) -> None:
        if logins_when_ready:
            self.wait_until_ready(logins_when_ready)
            self.print_logins(demo.logins())
            return
        logins = demo.seed()
        if not no_logins:
            self.print_logins(logins)

    def print_logins(self, logins: list[tuple[str, str, str]]) -> None:
        self.stdout.write(self.style.SUCCESS("Demo ready. Sign in at http://127.0.0.1:8000/ with:"))
        width = max(len(email) for email, _, _ in logins)
        for email, password, who in logins:
            self.stdout.write(f"  {email.ljust(width)}  {password}   {who}")

    def wait_until_ready(self, address: str) -> None:
        host, _, port = address.rpartition(":")
        deadline = time.monotonic() + READY_WITHIN
        while not (listening(host, int(port)) and worker_running()):
            if time.monotonic() > deadline:
                raise CommandError(f"no server at {address} or no worker after {READY_WITHIN} s")
            time.sleep(0.5)


def listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def worker_running() -> bool:
    recent = timezone.now() - timedelta(seconds=60)
    return WorkerHeartbeat.objects.filter(seen_at__gte=recent).exists()
