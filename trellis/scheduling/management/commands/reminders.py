from django.core.management.base import BaseCommand

from trellis.scheduling.services import reminder_pass


class Command(BaseCommand):
    help = (
        "Run one reminder pass now: grow endless series, fire timed trigger rules, log fresh "
        "missed deadlines, plan reminders and send those due. It also queues the worker's next "
        "pass, which keeps a pass running every minute while `trellis worker` runs."
    )

    def handle(self, *args: object, **options: object) -> None:
        figures = reminder_pass()
        self.stdout.write(
            ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in figures.items())
        )
