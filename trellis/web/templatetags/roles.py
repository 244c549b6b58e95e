"""A role's key (admin, coach, coachee, sponsor) as the reader's language names it."""

from collections.abc import Iterable

from django import template

from trellis.accounts.models import Role

register = template.Library()


@register.filter
def role_name(key: str) -> str:
    return str(Role(key).label).lower() if key in Role.values else key


@register.filter
def role_names(keys: Iterable[str]) -> list[str]:
    return [role_name(key) for key in keys]
