"""Rules files: what they can express, and how a wrong one is refused (field path and reason)."""

from pathlib import Path

import pytest

from trellis.core.matching import Kind, Objective, RulesError, Shape, load_rules, parse_rules

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "matching"

CRITERION = """
[[criteria]]
kind = "same"
attribute = "team"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, source="rules.toml")
    return [str(problem) for problem in caught.value.problems]


def test_it_loads_the_example_rules():
    rules = load_rules(EXAMPLES / "rules.toml")
    assert rules.shape is Shape.BIPARTITE
    assert rules.sides == ("mentor", "mentee")
    assert rules.objective is Objective.PARTICIPATION
    assert rules.capacity == {"mentor": 2, "mentee": 1}
    assert {c.kind for c in rules.criteria} == {
        Kind.DIFFERENCE,
        Kind.DIFFERENT,
        Kind.OFFERS_NEEDS,
        Kind.OVERLAP,
        Kind.TIMEZONE,
        Kind.LANGUAGE,
    }


def test_it_expresses_every_rule_of_mentor_match():
    rules = load_rules(EXAMPLES / "mentor-match" / "rules.toml")
    assert rules.capacity == {"mentor": 3, "mentee": 3}  # three rounds: up to three connections
    assert rules.unmatched_bonus == {"mentor": 6, "mentee": 6}
    by_name = {c.name: c for c in rules.criteria}
    assert by_name["different organisation"].must  # Disqualify(same organisation)
    gap = by_name["grade gap of 2"]  # Grade(2, operator.eq, {True: 12, False: 0})
    assert (gap.kind, gap.operator, gap.target, gap.points) == (Kind.DIFFERENCE, "==", 2, 12)
    assert by_name["same profession"].kind is Kind.SAME  # Equivalent("profession", ...)


def test_it_reads_named_and_numeric_weights_and_points_when_false():
    rules = parse_rules(
        """
        [weights]
        high = 8
        [[criteria]]
        kind = "same"
        attribute = "Team Name"
        weight = "high"
        [[criteria]]
        kind = "different"
        attribute = "site"
        weight = 2.5
        weight_if_false = -1
        [[criteria]]
        kind = "overlap"
        attribute = "topics"
        weight = "low"
        """
    )
    same, different, overlap = rules.criteria
    assert (same.points, same.attribute, same.name) == (8, "team_name", "same team name")
    assert (different.points, different.points_if_false) == (2.5, -1)
    assert overlap.points == 1


def test_it_refuses_a_misspelt_weight_with_the_field_path():
    text = CRITERION * 2 + '[[criteria]]\nkind = "same"\nattribute = "x"\nweight = "hgh"\n'
    assert problems(text) == [
        "rules.toml: criteria[2].weight: expected one of must, high, medium, low or a number, found the text 'hgh'"
    ]


def test_it_lists_every_problem_at_once():
    found = problems(
        """
        shape = "triangle"
        objective = "fastest"
        colour = "blue"
        [capacity]
        mentor = -1
        [[criteria]]
        kind = "difference"
        attribute = "grade"
        operator = "=>"
        [[criteria]]
        kind = "nearby"
        """
    )
    assert found == [
        "rules.toml: shape: expected one of bipartite, peer, found the text 'triangle'",
        "rules.toml: objective: expected one of score, participation, found the text 'fastest'",
        "rules.toml: capacity.mentor: expected a whole number from 0 to 10000, found the number -1",
        "rules.toml: criteria[0].operator: expected one of >, >=, <, <=, ==, !=, found the text '=>'",
        "rules.toml: criteria[1].kind: expected one of same, different, overlap, offers_needs, difference, timezone, language, found the text 'nearby'",
        "rules.toml: colour: expected one of the fields shape, sides, objective, unmatched_bonus, capacity, weights, disqualify, criteria, found an unknown field",
        "rules.toml: criteria[0].target: expected a number, found nothing",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = = 1", "rules.toml: line 1, column 5: expected valid TOML, found a syntax error"),
        ('shape = "peer"', "rules.toml: criteria: expected a list of criteria ([[criteria]] tables), at least one and at most 100, found nothing"),
        ('sides = ["mentor"]' + CRITERION, "rules.toml: sides: expected a list of two different side names"),
        ('shape = "peer"\nsides = ["a", "b"]' + CRITERION, "rules.toml: sides: expected no sides (only bipartite rules have sides)"),
        ("unmatched_bonus = true" + CRITERION, "rules.toml: unmatched_bonus: expected a number from -1e+06 to 1e+06, found true"),
        ("[disqualify]\nreporting_line = 1" + CRITERION, "rules.toml: disqualify.reporting_line: expected true or false, found the number 1"),
        ('[[criteria]]\nkind = "same"\nattribute = "x"\nweight = "must"\nweight_if_false = 1', "rules.toml: criteria[0].weight_if_false: expected no weight_if_false when weight is must"),
        ('[[criteria]]\nkind = "overlap"\nattribute = "x"\nweight_if_false = 1', "rules.toml: criteria[0].weight_if_false: expected weight_if_false only on same, different"),
        ('[[criteria]]\nkind = "offers_needs"\noffers = "skills"', "rules.toml: criteria[0].needs: expected the name of a participants column, found nothing"),
        ('[[criteria]]\nkind = "timezone"\nmax_gap = -2', "rules.toml: criteria[0].max_gap: expected a number of hours from 0 to 26, found the number -2"),
        ('[[criteria]]\nkind = "same"\nattribute = 3', "rules.toml: criteria[0].attribute: expected the name of a participants column, found the number 3"),
        ("criteria = 3", "rules.toml: criteria: expected a list of criteria ([[criteria]] tables), at least one and at most 100, found the number 3"),
        ("weights = { high = nan }" + CRITERION, "rules.toml: weights.high: expected a finite number"),
        ("capacity = 99999999999" + CRITERION, "rules.toml: capacity: expected a whole number from 0 to 10000"),
        ("[capacity]\nmentr = 2" + CRITERION, "rules.toml: capacity.mentr: expected one of the sides mentor and mentee, found the side 'mentr'"),
        ('[[criteria]]\nkind = "same"\nattribute = "x"\nmax_gap = 3', "rules.toml: criteria[0].max_gap: expected one of the fields name, kind, weight, weight_if_false, attribute"),
    ],
)  # fmt: skip
def test_it_names_the_field_and_the_reason(text, expected):
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(expected)


def test_it_gives_everyone_one_place_in_peer_pairing():
    rules = parse_rules('shape = "peer"\ncapacity = 4' + CRITERION)
    assert rules.sides == ("person", "partner")
    assert set(rules.capacity.values()) == {1}


def test_it_defaults_timezone_and_language_columns():
    rules = parse_rules(
        '[[criteria]]\nkind = "timezone"\nmax_gap = 3\n[[criteria]]\nkind = "language"'
    )
    assert [c.attribute for c in rules.criteria] == ["timezone", "languages"]
