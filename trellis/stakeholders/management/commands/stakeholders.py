from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.stakeholders import services


class Command(BaseCommand):
    help = (
        "Stakeholder feedback: run the pass that sends each leadership goal's due round of "
        "single-use links (monthly by default), once, and queue the next pass for the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("pass", help="send the stakeholder rounds that are due")

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.feedback_pass()
        services.queue_next_pass()
        self.stdout.write(f"Sent {done['sent']} round(s), {done['reminded']} reminder(s).")
