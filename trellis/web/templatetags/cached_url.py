"""`{% url %}` with its answers kept: a built-in library (settings.TEMPLATES) that every template
loads after Django's own, so its `url` tag replaces Django's in all of them.

Django's `reverse` walks the URL resolver on every call, about 25 microseconds; a list page asks
for 50 to 100 links, most of them the same few (the navigation, each row's page). The address of a
view name with its arguments does not change while the process runs, for a given URLconf, script
prefix (the site's path behind a proxy) and current application, so those are the key. Only
arguments that are plain values (text, numbers, UUIDs) make a key: anything else (a model, whose
text may change) is reversed as before.
"""

from functools import lru_cache
from typing import Any
from uuid import UUID

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


PLAIN = frozenset({str, int, UUID})


@lru_cache(maxsize=8192)
def _reverse(
    view_name: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
    urlconf: str | None,
    prefix: str,
) -> str:
    del urlconf, prefix  # part of the key only: reverse() reads them itself
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse_kept(
    view_name: str, args: list[Any], kwargs: dict[str, Any], current_app: str | None
) -> str:
    """`reverse`, answered from the kept addresses when it asked the same before."""
    if not all(type(v) in PLAIN for v in (*args, *kwargs.values())):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_urlconf(),
        get_script_prefix(),
    )


class KeptURLNode(URLNode):
    def render(self, context: Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_kept(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> KeptURLNode:
    """Django's `{% url %}` (same syntax, same answers), with the addresses kept."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
