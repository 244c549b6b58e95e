"""Forms look the same as Django draws them, now that the common parts are drawn in Python."""

import re
from datetime import date
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe

from trellis.web.forms_renderer import QuickRenderer


def _same(html: str) -> str:
    """Whitespace between tags and runs of spaces do not change what a browser shows."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


class Everything(forms.Form):
    name = forms.CharField(max_length=20, help_text="Your <b>full</b> name", label="Name")
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=1, label="How many?")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(choices=[("", "---"), ("a", "Apples & pears"), ("b", '"Bees"')])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("f1", "Fig"), ("f2", "Kiwi")]), ("Other", [("o1", "Oat")])],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    agree = forms.BooleanField(required=False, label="I agree")
    colour = forms.ChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect, required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    safe = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"placeholder": mark_safe("a &amp; b")})
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned.get("name") == "both":
            raise forms.ValidationError("Something about the <whole> form.")
        return cleaned


class Required(Everything):
    required_css_class = "required"
    error_css_class = "bad"


FILLED = {
    "name": "Ada <Lovelace>",
    "email": "not an email",
    "count": "0",
    "when": "2027-01-31",
    "notes": "Line one\n<two> & three",
    "kind": "a",
    "grouped": "f2",
    "several": ["x", "y"],
    "agree": "on",
    "colour": "g",
    "token": 'a"b',
}


def _both(form_class: type[forms.Form], *args: Any, **kwargs: Any) -> tuple[str, str]:
    django = form_class(*args, **{**kwargs, "renderer": DjangoTemplates()})
    quick = form_class(*args, **{**kwargs, "renderer": QuickRenderer()})
    return _same(django.as_div()), _same(quick.as_div())


@pytest.mark.parametrize("form_class", [Everything, Required])
@pytest.mark.parametrize(
    "data",
    [None, FILLED, {**FILLED, "name": "both", "count": "3", "email": "a@b.example"}, {}],
    ids=["empty", "errors", "form error", "nothing sent"],
)
def test_a_form_is_drawn_as_django_draws_it(form_class, data):
    expected, drawn = _both(form_class, data, initial={"when": date(2027, 1, 2), "name": "Bo"})
    assert drawn == expected


def test_each_field_on_its_own_and_in_german_is_drawn_as_django_draws_it():
    with translation.override("de"):
        django = Required(FILLED, renderer=DjangoTemplates())
        quick = Required(FILLED, renderer=QuickRenderer())
        for name in Required.base_fields:
            assert _same(quick[name].as_field_group()) == _same(django[name].as_field_group())
            assert _same(quick[name]) == _same(django[name])
            assert _same(quick[name].label_tag()) == _same(django[name].label_tag())


def test_the_site_draws_its_forms_with_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), QuickRenderer)


def test_every_form_of_trellis_that_needs_no_arguments_is_drawn_as_django_draws_it():
    import importlib
    import pkgutil

    import trellis

    for module_info in pkgutil.walk_packages(trellis.__path__, "trellis."):
        if module_info.name.endswith("forms") and ".tests" not in module_info.name:
            importlib.import_module(module_info.name)
    checked = 0
    for form_class in _subclasses(forms.Form):
        if not form_class.__module__.startswith("trellis.") or ".tests" in form_class.__module__:
            continue
        try:
            expected, drawn = _both(form_class)
        except TypeError:  # needs arguments (the member, a queryset): covered by page tests
            continue
        assert drawn == expected, form_class
        checked += 1
    assert checked >= 10


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found
