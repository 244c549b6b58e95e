"""The SCIM filter grammar (RFC 7644 section 3.4.2.2) and the attributes parameter, without a
database: every example of the RFC parses, precedence is not > and > or, and bad filters are
refused naming where and what was expected."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.scim import filter as grammar
from trellis.core.scim.attributes import names_of, project
from trellis.core.scim.filter import And, Compare, FilterError, Not, Or, Path, Present, ValuePath

RFC_EXAMPLES = [
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'userName sw "J"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    "title pr",
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
]


@pytest.mark.parametrize("text", RFC_EXAMPLES)
def test_it_parses_every_example_of_the_rfc(text):
    assert grammar.parse(text)


def test_it_reads_paths_values_and_precedence():
    tree = grammar.parse('a eq "x" or b pr and not (c.d ne 3)')
    assert tree == Or(
        Compare(Path("", "a"), "eq", "x"),
        And(Present(Path("", "b")), Not(Compare(Path("", "c", "d"), "ne", 3))),
    )
    assert grammar.parse("active EQ TRUE") == Compare(Path("", "active"), "eq", True)
    assert grammar.parse('userName Eq "a\\"b"') == Compare(Path("", "userName"), "eq", 'a"b')
    urn = grammar.parse('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "B"')
    assert urn.path == Path("urn:ietf:params:scim:schemas:core:2.0:user", "name", "givenName")
    tree = grammar.parse('emails[type eq "work"]')
    assert tree == ValuePath(Path("", "emails"), Compare(Path("", "type"), "eq", "work"))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("", "found nothing"),
        ('userName eq "open', "closing quote"),
        ('userName is "x"', "expected an operator after userName"),
        ("userName eq bjensen", "expected a value"),
        ('(userName eq "x"', 'expected ")"'),
        ('userName eq "x" junk', "expected and, or or the end"),
        ('emails[type eq "w"', 'expected "]"'),
        ('emails[a[b eq "c"]]', "no [ ] inside [ ]"),
        ("1abc pr", "expected an attribute name"),
        ("not userName pr", '"(" after not'),
        ("(" * 40 + "a pr" + ")" * 40, "levels of nesting"),
    ],
)
def test_it_refuses_what_is_not_a_filter_naming_the_problem(text, named):
    with pytest.raises(FilterError) as error:
        grammar.parse(text)
    assert named in str(error.value)


def test_string_comparisons_follow_case_exactness():
    assert grammar.matches("Coach", "eq", "coach", case_exact=False)
    assert not grammar.matches("Coach", "eq", "coach", case_exact=True)
    assert grammar.matches("coachee", "sw", "COACH", case_exact=False)
    assert grammar.matches("sponsor", "gt", "coach", case_exact=False)


def test_attributes_keep_what_was_asked_and_always_the_id():
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "1",
        "userName": "b",
        "name": {"formatted": "B J", "givenName": "B"},
        "emails": [{"value": "b@x.test", "primary": True}],
    }
    schema = body["schemas"][0]
    asked = names_of("userName,name.givenName,emails.value,title", "attributes")
    assert project(body, schema=schema, attributes=asked, excluded=[]) == {
        "schemas": body["schemas"],
        "id": "1",
        "userName": "b",
        "name": {"givenName": "B"},
        "emails": [{"value": "b@x.test"}],
    }
    excluded = names_of(["EMAILS", "id", f"{schema}:name.formatted"], "excludedAttributes")
    assert project(body, schema=schema, attributes=[], excluded=excluded) == {
        "schemas": body["schemas"],
        "id": "1",
        "userName": "b",
        "name": {"givenName": "B"},
    }
    with pytest.raises(FilterError, match="attributes: expected an attribute name"):
        names_of("userName,not a name", "attributes")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | st.text(alphabet='ab ()[]"\\.:eqornt1', max_size=60))
def test_garbage_is_a_filter_error_or_a_tree_never_anything_else(text):
    try:
        assert grammar.parse(text)
    except FilterError as error:
        assert str(error)
