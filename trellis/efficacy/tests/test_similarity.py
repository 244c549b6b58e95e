"""People most like a reader, by the matching's attributes, with the explanation."""

from hypothesis import given
from hypothesis import strategies as st

from trellis.efficacy.similarity import likeness, most_alike


def test_it_explains_what_two_people_share():
    me = {"department": "Sales", "languages": ["en", "fr"], "grade": "B", "about": "hi"}
    other = {"department": "sales", "languages": ["fr", "de"], "grade": "C", "about": "hi"}
    found = likeness(me, other)
    assert found.shared == ("department", "languages")
    assert found.explanation == "shares your department and languages"


def test_it_never_compares_free_text():
    assert likeness({"about": "I like chess"}, {"about": "I like chess"}).shared == ()


def test_it_ranks_the_most_alike_first():
    me = {"department": "Ops", "timezone": "Europe/Paris", "languages": ["en"]}
    others = {
        1: {"department": "Sales", "timezone": "Asia/Tokyo"},
        2: {"department": "Ops", "timezone": "Europe/Paris", "languages": ["en"]},
        3: {"department": "Ops"},
    }
    ranked = most_alike(me, others)
    assert [key for key, _ in ranked] == [2, 3, 1]
    assert ranked[0][1].explanation == "shares your department, time zone and languages"


values = st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5), max_size=4), st.none())
people = st.dictionaries(st.sampled_from(["department", "grade", "languages", "about"]), values)


@given(people, people)
def test_likeness_is_bounded_and_symmetric_in_score(a, b):
    assert likeness(a, b).score == likeness(b, a).score
    assert 0 <= likeness(a, b).score <= 4
