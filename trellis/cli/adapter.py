"""A plain command as a Django management command, for `call_command` and `trellis help`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.cli.plain import Failure, PlainCommand


def adapt(plain: type[PlainCommand]) -> type[BaseCommand]:
    class Command(BaseCommand):
        help = plain.help

        def add_arguments(self, parser: CommandParser) -> None:
            plain().add_arguments(parser)

        def handle(self, *args: object, **options: Any) -> None:
            try:
                plain().handle(self.stdout, **options)  # type: ignore[arg-type]
            except Failure as exc:
                raise CommandError(str(exc), returncode=exc.code) from exc

    Command.__name__ = Command.__qualname__ = f"{plain.__name__}Command"
    return Command
