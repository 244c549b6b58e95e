"""One way to page an API list: `?limit=&cursor=` in, `{"items": [...], "next": cursor-or-null}` out.

An operation takes `page: Query[PageQuery]`, declares `response=page_of(ItemOut)` and returns
`paginate(rows, page, out)`. Rows are a queryset (sliced in SQL: one query for the rows, whatever the
table's size, provided `out` reads only what the selector fetched) or an already bounded sequence.
The cursor is opaque to callers; today it carries the offset of the next row.
"""

import base64
import binascii
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import create_model

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000  # past this a list is a bulk export, not a page
MSG_BAD_CURSOR = gettext_lazy(
    "is not a cursor this API gave out: pass back the `next` of the previous page"
)

T = TypeVar("T")


class PageQuery(Schema):
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many items to answer (1 to {MAX_LIMIT}, {DEFAULT_LIMIT} by default).",
    )
    cursor: str | None = Field(
        None,
        max_length=64,
        description="The `next` of the previous page; leave out for the first page.",
    )


@cache
def page_of(item: type[Schema]) -> type[Schema]:
    """The page schema for one kind of item: `GoalOut` gives `GoalPage`."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(
        name,
        __base__=Schema,
        __doc__=f"One page of {item.__name__}; `next` is null on the last page.",
        items=(list[item], ...),  # type: ignore[valid-type]
        next=(str | None, Field(..., description="Pass as `cursor` for the following page.")),
    )


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        offset = int(text[1:]) if text.startswith("o") and text[1:].isdigit() else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
    if not 0 <= offset <= MAX_OFFSET:
        raise ValidationError(
            [{"loc": ("query", "cursor"), "msg": MSG_BAD_CURSOR, "type": "cursor"}]
        )
    return offset


def paginate(
    rows: "QuerySet[Any] | Sequence[T]", page: PageQuery, out: Callable[[Any], Any]
) -> dict[str, Any]:
    offset = decode_cursor(page.cursor)
    chunk = list(rows[offset : offset + page.limit + 1])
    more = len(chunk) > page.limit
    return {
        "items": [out(row) for row in chunk[: page.limit]],
        "next": encode_cursor(offset + page.limit) if more else None,
    }
