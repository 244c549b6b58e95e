import re
from datetime import date

import pytest

from trellis.core.goals import GasLevels, GasReview, gas_t_score, gas_trend, trend_direction
from trellis.core.goals.gas import (
    ERROR_LENGTHS,
    ERROR_LEVEL_TEXT,
    ERROR_NO_SCORES,
    ERROR_RHO,
    ERROR_SCORE,
    ERROR_WEIGHT,
)


def test_it_gives_the_published_check_values():
    assert round(gas_t_score([1, 1, 0]), 2) == 59.13
    assert gas_t_score([0, 0, 0, 0]) == 50
    assert gas_t_score([2]) == pytest.approx(70)


def test_it_matches_hand_computed_weighted_scores():
    # sum(wx) = 3*2 + 1*(-1) = 5; sum(w^2) = 10; (sum w)^2 = 16
    # denominator = sqrt(0.7*10 + 0.3*16) = sqrt(11.8) = 3.43511; T = 50 + 50/3.43511 = 64.56
    assert round(gas_t_score([2, -1], [3, 1]), 2) == 64.56
    # sum(wx) = 2*1 + 1*0 + 1*(-1) = 1; sum(w^2) = 6; (sum w)^2 = 16
    # denominator = sqrt(0.7*6 + 0.3*16) = sqrt(9) = 3; T = 50 + 10/3 = 53.33
    assert round(gas_t_score([1, 0, -1], [2, 1, 1]), 2) == 53.33
    # sum(wx) = -4; denominator = sqrt(0.7*2 + 0.3*4) = sqrt(2.6) = 1.61245; T = 50 - 24.81 = 25.19
    assert round(gas_t_score([-2, -2], [1, 1]), 2) == 25.19
    # Fractional weights: sum(wx) = 0.5*2 + 1.5*1 = 2.5; sum(w^2) = 2.5; (sum w)^2 = 4
    # denominator = sqrt(0.7*2.5 + 0.3*4) = sqrt(2.95) = 1.71756; T = 50 + 25/1.71756 = 64.56
    assert round(gas_t_score([2, 1], [0.5, 1.5]), 2) == 64.56


def test_it_gives_the_same_score_when_all_weights_are_equal():
    assert gas_t_score([1, 1, 0], [5, 5, 5]) == pytest.approx(gas_t_score([1, 1, 0]))


def test_it_uses_the_given_correlation():
    # rho = 0: T = 50 + 10 * 2 / sqrt(3) = 61.55
    assert round(gas_t_score([1, 1, 0], rho=0), 2) == 61.55


@pytest.mark.parametrize(
    ("scores", "weights", "rho", "message"),
    [
        ([], None, 0.3, ERROR_NO_SCORES),
        ([3], None, 0.3, ERROR_SCORE.format(score=3)),
        ([1.5], None, 0.3, ERROR_SCORE.format(score=1.5)),
        ([True], None, 0.3, ERROR_SCORE.format(score=True)),
        ([1, 0], [1], 0.3, ERROR_LENGTHS.format(scores=2, weights=1)),
        ([1], [0], 0.3, ERROR_WEIGHT.format(weight=0)),
        ([1], [-2], 0.3, ERROR_WEIGHT.format(weight=-2)),
        ([1], None, 1.0, ERROR_RHO.format(rho=1.0)),
        ([1], None, -0.1, ERROR_RHO.format(rho=-0.1)),
    ],
)
def test_it_refuses_impossible_input_with_a_clear_message(scores, weights, rho, message):
    with pytest.raises(ValueError) as raised:
        gas_t_score(scores, weights, rho)
    assert str(raised.value) == message


def test_it_keeps_the_five_described_levels():
    levels = GasLevels.from_mapping(
        {-2: "No interviews", -1: "One interview", 0: "Two interviews", 1: "Three", 2: "An offer"}
    )
    assert levels.describe(0) == "Two interviews"
    assert levels.describe(2) == "An offer"
    assert levels.is_complete
    assert levels.as_mapping()[-1] == "One interview"


def test_it_names_a_level_nobody_described():
    levels = GasLevels(expected="Lead one retrospective")
    assert levels.describe(-2) == "much less than expected"
    assert not levels.is_complete


def test_it_asks_for_the_expected_outcome_first():
    with pytest.raises(ValueError, match=re.escape(ERROR_LEVEL_TEXT)):
        GasLevels(much_more="Everything")


def test_it_follows_the_t_score_over_reviews():
    reviews = [
        GasReview(date(2026, 3, 1), {"speak": 0, "delegate": -1}),
        GasReview(date(2026, 1, 1), {"speak": -1, "delegate": -1}),
        GasReview(date(2026, 2, 1), {}),
        GasReview(date(2026, 4, 1), {"speak": 1, "delegate": 1, "network": 0}),
    ]
    points = gas_trend(reviews)
    assert [p.on for p in points] == [date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1)]
    assert points[-1].t_score == pytest.approx(gas_t_score([1, 1, 0]))
    assert points[-1].goals == 3
    assert trend_direction(points) == "up"
    assert trend_direction(points[:1]) is None


def test_it_weights_the_trend_by_goal():
    points = gas_trend([GasReview(date(2026, 1, 1), {"a": 2, "b": -1})], weights={"a": 3})
    assert round(points[0].t_score, 2) == 64.56


def test_it_calls_a_small_change_flat():
    points = gas_trend(
        [GasReview(date(2026, 1, 1), {"a": 0}), GasReview(date(2026, 2, 1), {"a": 0})]
    )
    assert trend_direction(points) == "flat"
