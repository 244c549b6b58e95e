"""`{{ flag.message|core_text }}`: a text core's session engine wrote, in the reader's language."""

from django import template

from trellis.frameworks.texts import core_text as translated

register = template.Library()


@register.filter
def core_text(text: object) -> str:
    return translated(str(text))
