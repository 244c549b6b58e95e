from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trellis.teams import services


class Command(BaseCommand):
    help = (
        "Team coaching: run the team pulse pass (close pulses whose answering week is over, send "
        "the next pulse where a team's cadence says so) and queue the next one for the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("pass", help="close finished pulses and send the pulses that are due")

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.pulse_pass()
        services.queue_next_pass()
        self.stdout.write(f"Closed {done['closed']} pulse(s), sent {done['sent']}.")
