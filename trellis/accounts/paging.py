"""Every list page shows one page of rows: a bounded number, in a constant number of queries."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 25  # rows a person reads at once; rendering, not SQL, is what a longer page costs


def page_of(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> Page:
    """The page `?page=` asks for (the last one when past the end, the first when not a number):
    one COUNT and one slice, whatever the number of rows."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
