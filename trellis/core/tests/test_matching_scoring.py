"""What each kind of criterion gives a pair, computed for all pairs at once."""

import numpy as np
import pytest

from trellis.core.matching import Participant, parse_rules
from trellis.core.matching.scoring import Scorer
from trellis.core.matching.timezones import parse_timezone


def person(pid: str, **attributes: str) -> Participant:
    return Participant(id=pid, name=pid, side="person", capacity=1, attributes=attributes)


def scores(criterion: str, left, right, shape="bipartite"):
    rules = parse_rules(f'shape = "{shape}"\n[[criteria]]\n{criterion}')
    matrix = Scorer(rules, left, right).matrix()
    return matrix.weights, matrix.passes


def test_it_scores_overlap_as_points_times_the_jaccard_index():
    left = [person("a", topics="Design; python;writing"), person("b", topics="")]
    right = [person("c", topics="python|design"), person("d", topics="chess")]
    weights, _ = scores('kind = "overlap"\nattribute = "topics"\nweight = 6', left, right)
    assert weights.tolist() == [[4.0, 0.0], [0.0, 0.0]]  # 2 shared of 3 distinct: 6 x 2/3


def test_it_scores_offers_against_needs_as_the_share_of_needs_met():
    mentors = [person("m", offers="hiring;budgets;negotiation")]
    mentees = [person("e", needs="budgets;public speaking"), person("f", needs="")]
    weights, _ = scores(
        'kind = "offers_needs"\noffers = "offers"\nneeds = "needs"\nweight = 5', mentors, mentees
    )
    assert weights.tolist() == [[2.5, 0.0]]
    _, must = scores(
        'kind = "offers_needs"\noffers = "offers"\nneeds = "needs"\nweight = "must"',
        mentors,
        mentees,
    )
    assert must.tolist() == [[True, False]]


def test_it_averages_offers_and_needs_both_ways_between_peers():
    peers = [person("a", offers="x;y", needs="z"), person("b", offers="z", needs="x;q")]
    weights, _ = scores(
        'kind = "offers_needs"\noffers = "offers"\nneeds = "needs"\nweight = 4',
        peers,
        peers,
        "peer",
    )
    # a meets half of b's needs, b meets all of a's: (0.5 + 1) / 2 x 4
    assert weights[0, 1] == weights[1, 0] == 3.0


@pytest.mark.parametrize(
    ("operator", "expected"),
    [(">=", [[True, True, False]]), ("==", [[False, True, False]]), ("!=", [[True, False, False]])],
)
def test_it_compares_the_left_minus_right_difference_with_the_target(operator, expected):
    mentors = [person("m", grade="5")]
    mentees = [person("a", grade="3"), person("b", grade="4"), person("c", grade="")]
    _, passes = scores(
        f'kind = "difference"\nattribute = "grade"\noperator = "{operator}"\ntarget = 1\nweight = "must"',
        mentors,
        mentees,
    )
    assert passes.tolist() == expected  # a missing grade never meets a criterion


def test_it_uses_the_absolute_difference_between_peers():
    peers = [person("a", grade="2"), person("b", grade="5")]
    _, passes = scores(
        'kind = "difference"\nattribute = "grade"\noperator = "<="\ntarget = 3\nweight = "must"',
        peers,
        peers,
        "peer",
    )
    assert passes[0, 1] and passes[1, 0]


def test_it_measures_time_zone_gaps_in_winter_and_summer():
    assert parse_timezone("+5:30") == (5.5, 5.5)
    assert parse_timezone("UTC-3") == (-3.0, -3.0)
    assert parse_timezone("Europe/London") == (0.0, 1.0)
    assert parse_timezone("Australia/Sydney") == (11.0, 10.0)
    assert parse_timezone("Atlantis") is None
    london = person("l", timezone="Europe/London")
    others = [
        person("ny", timezone="America/New_York"),  # 5 hours in both seasons
        person("syd", timezone="Australia/Sydney"),  # 11 in January, 9 in July
        person(
            "auckland", timezone="+12"
        ),  # 12 in January, 11 in July: a day apart, 12 or 11 by clock
        person("none", timezone=""),
    ]
    _, passes = scores('kind = "timezone"\nmax_gap = 10\nweight = "must"', [london], others)
    assert passes.tolist() == [[True, False, False, False]]


def test_it_needs_one_shared_language():
    left = [person("a", languages="English;French")]
    right = [person("b", languages="french"), person("c", languages="German")]
    weights, passes = scores('kind = "language"\nweight = 2\nweight_if_false = -1', left, right)
    assert weights.tolist() == [[2.0, -1.0]]
    assert passes.all()


def test_it_compares_same_and_different_without_case_and_treats_missing_as_failing():
    left = [person("a", team="Blue Team"), person("b", team="")]
    right = [person("c", team="blue  team"), person("d", team="Red")]
    same, _ = scores('kind = "same"\nattribute = "team"\nweight = 1', left, right)
    different, _ = scores('kind = "different"\nattribute = "team"\nweight = 1', left, right)
    assert same.tolist() == [[1.0, 0.0], [0.0, 0.0]]
    assert different.tolist() == [[0.0, 1.0], [0.0, 0.0]]


def test_it_handles_more_than_64_distinct_list_values():
    many = ";".join(f"skill{i}" for i in range(100))
    left = [person("a", topics=many)]
    right = [person("b", topics="skill99;skill3;other")]
    weights, _ = scores('kind = "overlap"\nattribute = "topics"\nweight = 101', left, right)
    assert weights[0, 0] == pytest.approx(101 * 2 / 101)


def test_it_scores_pairs_the_same_way_as_the_whole_matrix():
    rng = np.random.default_rng(1)
    topics = ["a", "b", "c", "d"]
    people = [
        person(f"p{i}", topics=";".join(rng.choice(topics, 2, replace=False)), grade=str(i % 4))
        for i in range(12)
    ]
    rules = parse_rules(
        'shape = "peer"\n[[criteria]]\nkind = "overlap"\nattribute = "topics"\nweight = 3\n'
        '[[criteria]]\nkind = "difference"\nattribute = "grade"\noperator = "<="\ntarget = 1\nweight = 2'
    )
    scorer = Scorer(rules, people, people)
    matrix = scorer.matrix()
    i, j = np.triu_indices(12, 1)
    _, points = scorer.pairs(i, j)
    assert np.allclose(points.sum(axis=1), matrix.weights[i, j])
