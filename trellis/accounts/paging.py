"""Every list page shows one page of rows: a bounded number, in a constant number of queries."""

from collections.abc import Callable, Sequence
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Value
from django.http import HttpRequest

from trellis.accounts.kept_sql import kept_rows

PER_PAGE = 25  # rows a person reads at once; rendering, not SQL, is what a longer page costs


def page_of(
    request: HttpRequest, rows: Any, per_page: int = PER_PAGE, *, ids_first: bool = False
) -> Page:
    """The page `?page=` asks for (the last one when past the end, the first when not a number):
    one COUNT and one slice, whatever the number of rows.

    `ids_first`: read the page's ids, then its rows (their joins and prefetches) by those ids. For
    a filter the database cannot estimate (an OR across a subquery), which otherwise plans the
    joins for half the table and hash-joins every person before it keeps a page of them (the
    coach's Events on PostgreSQL, 10,000 coachees: 16 ms -> under 1 ms); one query more."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    if ids_first and isinstance(rows, QuerySet):
        sliced: QuerySet[Any] = page.object_list  # type: ignore[assignment]
        ids = list(sliced.values_list("pk", flat=True))
        found = {row.pk: row for row in rows.order_by().filter(pk__in=ids)}
        page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def kept_page_of(
    request: HttpRequest,
    key: str,
    build: Callable[..., QuerySet[Any]],
    per_page: int = PER_PAGE,
    **values: Any,
) -> Page:
    """`page_of(..., ids_first=True)` for `build(**values)`, its three queries kept
    (accounts/kept_sql.py): how many rows, the page's ids (its offset is part of
    the SQL: a text for each page asked for) and the page's rows by those ids, with their joins
    and prefetches. Built and compiled on every request, they cost the coach's Events page about
    14,000 Python calls."""
    return Paginator(_KeptRows(key, build, values), per_page).get_page(request.GET.get("page"))


class _KeptRows(Sequence[Any]):
    """The rows as the paginator asks for them: their number, then one slice."""

    ordered = True  # build() orders them (the model's ordering at least)

    def __init__(self, key: str, build: Callable[..., QuerySet[Any]], values: dict[str, Any]):
        self.key, self.build, self.values = key, build, values
        self.total: int | None = None

    def __len__(self) -> int:
        if self.total is None:
            found = kept_rows(f"{self.key}: count", self._count, **self.values)
            self.total = int(found[0]) if found else 0
        return self.total

    def _count(self, **values: Any) -> QuerySet[Any]:
        """`SELECT COUNT(...)` as rows: grouped by a constant, which Django leaves out of GROUP
        BY (a window count on the first row let PostgreSQL plan for one row and read them all)."""
        rows = self.build(**values).prefetch_related(None).order_by()
        counted = rows.annotate(_all=Value(1)).values("_all").annotate(total=Count("pk"))
        return counted.values_list("total", flat=True)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is not None and stop <= start:
            return []  # an empty list's first page

        def page_ids(**values: Any) -> QuerySet[Any]:
            return (
                self.build(**values).prefetch_related(None).values_list("pk", flat=True)[start:stop]
            )

        ids = kept_rows(f"{self.key}: ids {start}:{stop}", page_ids, **self.values)
        if not ids:
            return []

        def by_ids(ids: list[int], **values: Any) -> QuerySet[Any]:
            return self.build(**values).order_by().filter(pk__in=ids)

        found = {
            row.pk: row for row in kept_rows(f"{self.key}: rows", by_ids, ids=ids, **self.values)
        }
        return [found[pk] for pk in ids if pk in found]
