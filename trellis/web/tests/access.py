"""Shared pieces of the page access matrix: personas, rows and expected answers.

Each app with pages keeps its rows in `trellis/<app>/tests/access_rows.py`: a list `PAGES` of rows, and an
optional `prepare(world)` that creates the objects its rows need. The matrix test collects them all.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

PERSONAS = ("anon", "alice", "bob", "dana", "olga", "carol")
LOGIN = "login"  # a redirect to the sign-in page
ACME_MARKERS = ("acme", "Acme Learning", "bob@acme.test", "Leading the team")


@dataclass(frozen=True)
class Row:
    route: str
    expect: dict[str, int | str]
    method: str = "GET"
    args: Callable[[Any], list[Any]] = field(default=lambda w: [w.org.slug])


def row(
    route: str,
    method: str = "GET",
    args: Callable[[Any], list[Any]] | None = None,
    **expect: int | str,
) -> Row:
    assert set(expect) == set(PERSONAS), f"{route}: give every persona a cell"
    return Row(route, expect, method, args or (lambda w: [w.org.slug]))


def everyone(code: int | str) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, code)


NO_ARGS: Callable[[Any], list[Any]] = lambda w: []  # noqa: E731

# Sign-in, sign-up and MFA pages come from django-allauth, with its own rules: open to visitors, or
# for a signed-in person about their own account. Routes that need a key from an email are called with a
# wrong key, which must be refused without a crash.
SIGNED_IN = ("alice", "bob", "dana", "olga", "carol")


def account(
    route: str, anon: int | str, signed_in: int | str, args: Callable[[Any], list[Any]] = NO_ARGS
) -> Row:
    return Row(route, {"anon": anon, **dict.fromkeys(SIGNED_IN, signed_in)}, "GET", args)


def app_test_modules(name: str) -> list[ModuleType]:
    """Every trellis app's `tests/<name>.py` that exists, in INSTALLED_APPS order (rows, prepare(world))."""
    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("trellis."):
            try:
                modules.append(importlib.import_module(f"{config.name}.tests.{name}"))
            except ModuleNotFoundError as exc:
                if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.{name}"):
                    raise
    return modules
