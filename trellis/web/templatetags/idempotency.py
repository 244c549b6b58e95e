"""`{% idempotency_field %}`: a hidden single-use token in a form that creates something, so that a
double submit or a retry after a dropped connection writes once (see trellis/api/idempotency.py)."""

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from trellis.api.idempotency import FIELD

register = template.Library()


@register.simple_tag
def idempotency_field() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())
