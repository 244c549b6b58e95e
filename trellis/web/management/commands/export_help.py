from django.core.management.base import BaseCommand

from trellis.cli.helptext import write


class Command(BaseCommand):
    help = (
        "Write every command's --help to trellis/cli/help.json, which `trellis COMMAND --help` "
        "prints without setting Django up. Run it after changing a command's options."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Wrote {write()}")
