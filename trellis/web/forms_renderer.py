"""The form renderer (settings.FORM_RENDERER): Django's own, with its most used templates written
in Python.

Django renders a form through a template per form, per field, per label, per error list, per
widget and per option of a select: a form of six fields took 4.5 ms, half of a coach's Events
page. The templates below produce the same HTML (test_forms_renderer.py compares them, field by
field, with Django's for every widget they cover); any other template (a custom widget or field
template, radio buttons, checkboxes in a list) is rendered by Django as before.
"""

from collections.abc import Callable, Mapping
from html import escape as escape_text  # what Django's escape calls, without its lazy-text wrapper
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """`{{ value }}`: localized and escaped unless safe (plain text, the most of it: escaped)."""
    if type(value) is str:
        return escape_text(value)
    return str(conditional_escape(localize(value)))


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: as text, escaped unless it was safe."""
    if type(value) is str:
        return escape_text(value)
    text = str(value)
    return text if isinstance(value, SafeData) else str(escape(text))


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """django/forms/widgets/attrs.html (and django/forms/attrs.html)."""
    if not attrs:
        return ""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"')
    return "".join(out)


def _input(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def _select(context: Mapping[str, Any]) -> str | None:
    widget = context["widget"]
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None  # a custom option template: Django renders the whole select
            out.append("\n  " + _option(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _label(context: Mapping[str, Any]) -> str:
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _errors(context: Mapping[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    id_part = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{id_part}>{items}</ul>'


def _field(context: Mapping[str, Any]) -> str:
    field = context["field"]
    out = []
    if field.use_fieldset:
        described = field.aria_describedby
        described_part = f' aria-describedby="{_text(described)}"' if described else ""
        out.append(f"<fieldset{described_part}>")
        if field.label:
            out.append(_text(field.legend_tag()))
    elif field.label:
        out.append(_text(field.label_tag()))
    if field.help_text:
        id_part = f' id="{_text(field.auto_id)}_helptext"' if field.auto_id else ""
        out.append(f'<div class="helptext"{id_part}>{field.help_text}</div>')
    out.append(_text(field.errors))
    out.append(_text(field))
    if field.use_fieldset:
        out.append("</fieldset>")
    return "\n".join(out)


def _div(context: Mapping[str, Any]) -> str:
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    hidden_html = "".join(_text(field) for field in hidden)
    out = [_text(errors)]
    if errors and not fields:
        out.append(f"<div>{hidden_html}</div>")
    for position, (field, _field_errors) in enumerate(fields, start=1):
        classes = field.css_classes()
        class_part = f' class="{_text(classes)}"' if classes else ""
        last = hidden_html if position == len(fields) else ""
        out.append(f"<div{class_part}>\n{_text(field.as_field_group())}\n{last}\n</div>")
    if not fields and not errors:
        out.append(hidden_html)
    return "\n".join(out)


QUICK: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in (
            "input",
            "text",
            "email",
            "number",
            "password",
            "date",
            "datetime",
            "time",
            "url",
            "hidden",
            "search",
            "tel",
            "color",
            "checkbox",
            "file",
        )
    },
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
    "django/forms/field.html": _field,
    "django/forms/div.html": _div,
}


class QuickRenderer(DjangoTemplates):
    """Django's template form renderer, with the templates in QUICK rendered in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        quick = QUICK.get(template_name)
        html = quick(context) if quick is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return SafeString(html) if not isinstance(html, SafeData) else mark_safe(html)
