from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.efficacy import services


class Command(BaseCommand):
    help = (
        "Self-efficacy: send the peer-coach self-check after each peer session held in the last "
        "two weeks (once per session) and queue the next pass for the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("pass", help="send the self-checks that are due")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.peer_checks_send()
        services.queue_next_pass()
        self.stdout.write(f"Sent {sent} peer-coach self-check(s).")
