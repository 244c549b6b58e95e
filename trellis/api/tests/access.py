"""Shared pieces of the API access matrix. Apps keep their operations in `trellis/<app>/tests/api_access_rows.py`:
a list `OPERATIONS` of `op(...)` rows, and an optional `prepare(world)` creating what the rows need.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PERSONAS = ("anon", "alice", "bob", "dana", "olga", "carol")
ACME_MARKERS = ("acme", "bob@acme.test", "Leading the team", "Acme Learning")


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # as in the OpenAPI document
    expect: dict[str, int]
    fill: Callable[[Any], dict[str, str]] = lambda w: {}
    body: Callable[[Any], dict[str, Any]] | None = None


def op(method: str, path: str, fill=None, body=None, **expect: int) -> Op:
    assert set(expect) == set(PERSONAS), f"{method} {path}: give every persona a cell"
    return Op(method, path, expect, fill or (lambda w: {}), body)
