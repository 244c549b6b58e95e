"""Commands over the pure core (`match`, `language`, `frameworks validate|show|list`).

They run without setting up Django, so they start in a fraction of a second; their management
commands (`trellis.cli.django.adapt`) wrap the same classes for `call_command` and `trellis help`.
Heavy libraries (SciPy, NumPy, the analyzer's lexicons) are imported inside `handle`, never to
build a parser, so `--help` stays fast.
"""

import argparse
import io
import sys
from collections.abc import Sequence
from typing import Any, TextIO

WIDTH = 100  # when the output is not a terminal (pipes, tests)


class Failure(Exception):
    """A refusal to show the person: the message is printed, then the command exits `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class PlainCommand:
    help = ""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        raise NotImplementedError

    def handle(self, out: TextIO, /, **options: Any) -> None:
        raise NotImplementedError


def render(out: TextIO, *renderables: object) -> None:
    """Print rich renderables, wrapped to the terminal, or to WIDTH without colour elsewhere."""
    from rich.console import Console

    buffer = io.StringIO()
    terminal = out.isatty()
    console = Console(
        file=buffer,
        width=None if terminal else WIDTH,
        force_terminal=terminal,
        no_color=not terminal,
        highlight=False,
    )
    for renderable in renderables:
        console.print(renderable)
    lines = buffer.getvalue().splitlines()  # rich pads wrapped lines with spaces
    out.write("".join(line.rstrip() + "\n" for line in lines))


def run(name: str, command: PlainCommand, argv: Sequence[str]) -> int:
    """Parse `argv` and run the command; a Failure is printed to stderr with its exit status."""
    parser = argparse.ArgumentParser(prog=f"trellis {name}", description=command.help)
    command.add_arguments(parser)
    options = vars(parser.parse_args(list(argv)))
    try:
        command.handle(sys.stdout, **options)
    except Failure as exc:
        sys.stderr.write(f"{exc}\n")
        return exc.code
    return 0
