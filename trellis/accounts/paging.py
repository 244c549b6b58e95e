"""Every list page shows one page of rows: a bounded number, in a constant number of queries."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

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
