"""Links keep their right address when {% url %} answers from the addresses it kept."""

from uuid import uuid4

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, set_script_prefix

LINK = Template("{% url 'engagements:detail' slug uid %}")


def test_a_link_is_the_same_as_djangos_and_follows_its_arguments():
    first, second = uuid4(), uuid4()
    assert LINK.render(Context({"slug": "northwind", "uid": first})) == (
        f"/o/northwind/engagements/{first}/"
    )
    assert LINK.render(Context({"slug": "acme", "uid": second})) == (
        f"/o/acme/engagements/{second}/"
    )


def test_a_site_served_under_a_path_gets_links_under_that_path():
    uid = uuid4()
    context = {"slug": "northwind", "uid": uid}
    assert LINK.render(Context(context)) == f"/o/northwind/engagements/{uid}/"
    set_script_prefix("/coaching/")
    try:
        assert LINK.render(Context(context)) == f"/coaching/o/northwind/engagements/{uid}/"
    finally:
        set_script_prefix("/")
    assert LINK.render(Context(context)) == f"/o/northwind/engagements/{uid}/"


def test_an_object_argument_is_read_afresh_each_time():
    class Slug:
        def __init__(self, text: str) -> None:
            self.text = text

        def __str__(self) -> str:
            return self.text

    slug, uid = Slug("northwind"), uuid4()
    assert LINK.render(Context({"slug": slug, "uid": uid})).startswith("/o/northwind/")
    slug.text = "northwind-renamed"
    assert LINK.render(Context({"slug": slug, "uid": uid})).startswith("/o/northwind-renamed/")


def test_an_unknown_view_still_fails_and_as_var_still_yields_nothing():
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no:such' %}").render(Context())
    assert Template("{% url 'no:such' as x %}[{{ x }}]").render(Context()) == "[]"
