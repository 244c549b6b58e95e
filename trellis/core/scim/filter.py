"""The SCIM filter language (RFC 7644 section 3.4.2.2), parsed into a small tree.

    FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
    valuePath = attrPath "[" valFilter "]"
    attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
    compValue = false / null / true / number / string

"not" binds tightest, then "and", then "or". Attribute names and operators are case-insensitive.
What an attribute means (and whether it is case-exact) is the caller's business; `matches` compares
one plain value as the RFC says, for attributes evaluated outside the database.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_LENGTH = 2000
MAX_DEPTH = 16
OPERATORS = ("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le")
ORDERING = ("gt", "ge", "lt", "le")
Value = str | int | float | bool | None


class FilterError(ValueError):
    """A filter that is not one: the message names where and what was expected."""


@dataclass(frozen=True)
class Path:
    schema: str  # the URN prefix, lower case, or ""
    attribute: str  # as written
    sub: str = ""

    @property
    def dotted(self) -> str:
        return f"{self.attribute}.{self.sub}" if self.sub else self.attribute


@dataclass(frozen=True)
class Compare:
    path: Path
    op: str  # one of OPERATORS, lower case
    value: Value


@dataclass(frozen=True)
class Present:
    path: Path


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True)
class Not:
    inner: Node


@dataclass(frozen=True)
class ValuePath:
    """`emails[type eq "work"]`: the inner filter's paths are sub-attributes of `path`."""

    path: Path
    inner: Node


Node = Compare | Present | And | Or | Not | ValuePath

TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<punct>[()\[\]])
    | (?P<word>[^\s()\[\]"]+)
    )""",
    re.VERBOSE,
)
ATTRIBUTE = re.compile(r"[A-Za-z][\w$-]*")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class _Token:
    kind: str  # string, punct, word, end
    text: str
    at: int  # 1-based character position


def _tokens(text: str) -> list[_Token]:
    found, position = [], 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = TOKEN.match(text, position)
        if match is None or match.lastgroup is None:
            raise FilterError(f"character {position + 1}: expected a closing quote")
        kind = match.lastgroup
        found.append(_Token(kind, match.group(kind), match.start(kind) + 1))
        position = match.end()
    found.append(_Token("end", "", len(text) + 1))
    return found


def _shown(token: _Token) -> str:
    return "the end" if token.kind == "end" else repr(token.text[:40])


def path_of(text: str, where: str = "") -> Path:
    """`userName`, `name.givenName` or `urn:...:User:userName` as a Path, else a FilterError."""
    schema, _, rest = text.rpartition(":") if text.lower().startswith("urn:") else ("", "", text)
    attribute, dot, sub = rest.partition(".")
    if not ATTRIBUTE.fullmatch(attribute) or (dot and not ATTRIBUTE.fullmatch(sub)):
        place = f"{where}: " if where else ""
        raise FilterError(f"{place}expected an attribute name, found {text[:60]!r}")
    return Path(schema.lower(), attribute, sub)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def keyword(self, *words: str) -> str | None:
        token = self.peek()
        if token.kind == "word" and token.text.lower() in words:
            self.take()
            return token.text.lower()
        return None

    def expect(self, text: str, what: str) -> None:
        token = self.take()
        if token.text != text or token.kind != "punct":
            raise FilterError(f"character {token.at}: expected {what}, found {_shown(token)}")

    def parse(self) -> Node:
        node = self.disjunction()
        token = self.peek()
        if token.kind != "end":
            raise FilterError(
                f"character {token.at}: expected and, or or the end, found {_shown(token)}"
            )
        return node

    def disjunction(self) -> Node:
        node = self.conjunction()
        while self.keyword("or"):
            node = Or(node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.unary()
        while self.keyword("and"):
            node = And(node, self.unary())
        return node

    def unary(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FilterError(f"expected at most {MAX_DEPTH} levels of nesting")
        try:
            return self._unary()
        finally:
            self.depth -= 1

    def _unary(self) -> Node:
        token = self.peek()
        if token.kind == "word" and token.text.lower() == "not":
            self.take()
            self.expect("(", '"(" after not')
            inner = self.disjunction()
            self.expect(")", '")"')
            return Not(inner)
        if token.kind == "punct" and token.text == "(":
            self.take()
            inner = self.disjunction()
            self.expect(")", '")"')
            return inner
        if token.kind != "word":
            raise FilterError(
                f"character {token.at}: expected an attribute name, not or (, found {_shown(token)}"
            )
        self.take()
        path = path_of(token.text, f"character {token.at}")
        if self.peek().kind == "punct" and self.peek().text == "[":
            if path.sub:
                raise FilterError(
                    f"character {token.at}: expected an attribute before [, found {token.text!r}"
                )
            self.take()
            inner = self.disjunction()
            self.expect("]", '"]"')
            if _has_value_path(inner):
                raise FilterError(f"character {token.at}: expected no [ ] inside [ ]")
            return ValuePath(path, inner)
        return self.comparison(path)

    def comparison(self, path: Path) -> Node:
        token = self.take()
        op = token.text.lower() if token.kind == "word" else ""
        if op == "pr":
            return Present(path)
        if op not in OPERATORS:
            raise FilterError(
                f"character {token.at}: expected an operator after {path.dotted} "
                f"(eq, ne, co, sw, ew, gt, ge, lt, le or pr), found {_shown(token)}"
            )
        return Compare(path, op, self.value())

    def value(self) -> Value:
        token = self.take()
        if token.kind == "string":
            try:
                text = json.loads(token.text)
            except ValueError:
                raise FilterError(
                    f"character {token.at}: expected a JSON string, found {_shown(token)}"
                ) from None
            if not isinstance(text, str):  # pragma: no cover - a quoted token is a string
                raise FilterError(f"character {token.at}: expected a string")
            return text
        word = token.text.lower() if token.kind == "word" else ""
        if word in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[word]
        if token.kind == "word" and NUMBER.fullmatch(token.text):
            number = float(token.text)
            return int(number) if number.is_integer() and "." not in token.text else number
        raise FilterError(
            f'character {token.at}: expected a value ("text", a number, true, false or null), '
            f"found {_shown(token)}"
        )


def _has_value_path(node: Node) -> bool:
    if isinstance(node, ValuePath):
        return True
    if isinstance(node, And | Or):
        return _has_value_path(node.left) or _has_value_path(node.right)
    if isinstance(node, Not):
        return _has_value_path(node.inner)
    return False


def parse(text: str) -> Node:
    """The tree of a filter, or a FilterError whose message says where and what was expected."""
    if len(text) > MAX_LENGTH:
        raise FilterError(f"expected at most {MAX_LENGTH} characters, found {len(text)}")
    if "\x00" in text:
        raise FilterError("expected no NUL character")
    if not text.strip():
        raise FilterError('expected a filter such as userName eq "bjensen", found nothing')
    return _Parser(text).parse()


def matches(actual: str, op: str, value: Value, *, case_exact: bool) -> bool:
    """Whether a string attribute's value satisfies `op value` (RFC 7644 section 3.4.2.2)."""
    if not isinstance(value, str):
        return op == "ne"
    if not case_exact:
        actual, value = actual.lower(), value.lower()
    return {
        "eq": actual == value,
        "ne": actual != value,
        "co": value in actual,
        "sw": actual.startswith(value),
        "ew": actual.endswith(value),
        "gt": actual > value,
        "ge": actual >= value,
        "lt": actual < value,
        "le": actual <= value,
    }[op]
