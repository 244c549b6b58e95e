"""Django's `i18n` template library with the translations of fixed messages kept: registered as
`i18n` in settings.TEMPLATES, so `{% load i18n %}` loads this one, with all of Django's tags and
filters and two of them quicker.

`{% translate "Due" %}` of a fixed message (no variable, no `as`) renders the same text for a
given language and escaping on every call: the text is kept per (language, autoescape) instead of
translated and escaped again, about a hundred Python calls each time; a page such as My plan
renders a hundred of them. `{% blocktranslate %}` keeps the message it builds from its text and
variable names (fixed for the tag); it still translates, counts and fills in the values each time.
"""

from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


def _fixed(expression: FilterExpression | None) -> bool:
    """A quoted message or context with no filters: the same on every render."""
    if expression is None:
        return True
    var = expression.var
    return not expression.filters and getattr(var, "literal", None) is not None


class KeptTranslateNode(i18n.TranslateNode):
    kept: dict[tuple[str | None, bool], str]

    def render(self, context: Context) -> str:
        key = (get_language(), context.autoescape)
        try:
            return self.kept[key]
        except KeyError:
            value = self.kept[key] = super().render(context)
            return value


class KeptBlockTranslateNode(i18n.BlockTranslateNode):
    messages: dict[int, tuple[str, list[str]]]

    def render_token_list(self, tokens: list[Any]) -> tuple[str, list[str]]:
        try:
            message, names = self.messages[id(tokens)]
        except KeyError:
            message, names = self.messages[id(tokens)] = super().render_token_list(tokens)
        return message, list(names)  # the caller extends the list it is given


def _translate(parser: Parser, token: Token) -> template.Node:
    node = i18n.do_translate(parser, token)
    if (
        isinstance(node, i18n.TranslateNode)
        and not node.asvar
        and not node.noop
        and _fixed(node.filter_expression)
        and _fixed(node.message_context)
    ):
        node.__class__ = KeptTranslateNode
        node.kept = {}  # type: ignore[attr-defined]
    return node


def _block_translate(parser: Parser, token: Token) -> template.Node:
    node = i18n.do_block_translate(parser, token)
    if isinstance(node, i18n.BlockTranslateNode):
        node.__class__ = KeptBlockTranslateNode
        node.messages = {}  # type: ignore[attr-defined]
    return node


register.tag("translate", _translate)
register.tag("trans", _translate)
register.tag("blocktranslate", _block_translate)
register.tag("blocktrans", _block_translate)
