"""Text marked for translation lazily (a model choice's label, a module's message) reaches an API answer as
a plain string in the request's language, never as a 500 from the response schema."""

from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja import Schema

import trellis.api.base  # noqa: F401  (installs the conversion)


class _Out(Schema):
    title: str
    labels: list[str]


class _Thing:
    title = gettext_lazy("Language")
    labels = (gettext_lazy("Language"), "plain")


def test_lazy_text_becomes_a_string_in_the_active_language():
    with translation.override("de"):
        out = _Out.model_validate(_Thing())
        from_dict = _Out.model_validate({"title": gettext_lazy("Language"), "labels": []})
    assert out.title == "Sprache" and out.labels == ["Sprache", "plain"]
    assert from_dict.title == "Sprache"
