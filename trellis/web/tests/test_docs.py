"""Docs that cannot drift: settings, the OpenAPI document, the CLI and the README's two commands."""

import argparse
import re
from pathlib import Path

from django.core.management import get_commands, load_command_class

from trellis import cli
from trellis.api.management.commands.export_openapi import openapi_text

ROOT = Path(__file__).resolve().parents[3]


def test_it_documents_every_setting_read_from_the_environment():
    source = (ROOT / "trellis" / "settings.py").read_text()
    variables = set(re.findall(r'env(?:_bool|_int|_list)?\("([A-Z_]+)"', source))
    documented = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(v for v in variables if f"`{v}`" not in documented)
    assert variables and not missing, f"document these in docs/configuration.md: {missing}"


def test_it_keeps_the_committed_openapi_document_current():
    committed = (ROOT / "docs" / "openapi.json").read_text()
    assert committed == openapi_text(), "run `trellis export-openapi` and commit docs/openapi.json"


def test_it_serves_the_same_openapi_document(client):
    import json

    served = client.get("/api/v1/openapi.json").json()
    assert served["paths"].keys() == json.loads(openapi_text())["paths"].keys()


def command_name(name: str) -> str:
    return cli.ALIASES.get(name, name)


def test_it_lists_only_commands_that_exist_in_the_cli_help():
    listed = re.findall(r"^  ([a-z][\w-]+)\s", cli.USAGE, re.MULTILINE)
    commands = get_commands()
    assert listed
    missing = [name for name in listed if command_name(name) not in commands]
    assert not missing, f"`trellis --help` lists commands that do not exist: {missing}"


def test_it_documents_every_command_and_option_in_docs_cli():
    doc = (ROOT / "docs" / "cli.md").read_text()
    headings = re.findall(r"^## trellis ([a-z][\w-]+)", doc, re.MULTILINE)
    commands = get_commands()
    assert headings
    for name in headings:
        command = load_command_class(commands[command_name(name)], command_name(name))
        parser = command.create_parser("trellis", command_name(name))
        for action in options_of(parser):
            long = max(action.option_strings, key=len)
            assert f"`{long}" in doc, f"docs/cli.md: document {long} of `trellis {name}`"


def options_of(parser):
    """The command's own options, sub-commands' options included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                yield from options_of(subparser)
        elif action.option_strings and action.dest not in BASE_OPTIONS:
            yield action


BASE_OPTIONS = {
    "help",
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}


def test_it_keeps_the_readme_quick_start_to_two_make_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.MULTILINE) and re.search(
        r"^test:", makefile, re.MULTILINE
    )
