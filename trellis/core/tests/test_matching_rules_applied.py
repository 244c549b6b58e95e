"""Disqualifiers, capacities, locks and bans, criterion scores, explanations and unmatched reasons."""

import pytest

from trellis.core.matching import (
    Decision,
    Objective,
    Participant,
    Review,
    ReviewedPair,
    ReviewError,
    Roster,
    UnmatchedReason,
    parse_rules,
    run_matching,
)
from trellis.core.matching.output import matches_rows

TEAM_RULES = """
unmatched_bonus = {bonus}
[capacity]
mentor = {capacity}
[disqualify]
{disqualify}
[[criteria]]
name = "same team"
kind = "same"
attribute = "team"
weight = 10
[[criteria]]
name = "more senior"
kind = "difference"
attribute = "grade"
operator = ">="
target = 1
weight = "must"
"""


def rules(bonus=0, capacity=1, disqualify=""):
    return parse_rules(TEAM_RULES.format(bonus=bonus, capacity=capacity, disqualify=disqualify))


def person(pid, side, *, team="a", grade=None, capacity=1, manager="", previous=(), exclude=()):
    grade = grade if grade is not None else (5 if side == "mentor" else 2)
    return Participant(
        id=pid,
        name=pid.title(),
        side=side,
        capacity=capacity,
        manager=manager,
        previous=frozenset(previous),
        exclude=frozenset(exclude),
        attributes={"team": team, "grade": str(grade)},
    )


def pairs(result):
    return [(m.left.id, m.right.id) for m in result.matches]


def reasons(result):
    return {u.participant.id: u.reason for u in result.unmatched}


# --- disqualifiers ---------------------------------------------------------------------------


def test_it_never_pairs_a_person_with_themselves():
    roster = Roster(left=(person("ann", "mentor"),), right=(person("ann", "mentee"),))
    result = run_matching(rules(), roster)
    assert pairs(result) == []
    assert "same person (1)" in result.unmatched[0].detail


def test_it_never_repeats_an_earlier_pair_named_by_either_side():
    roster = Roster(
        left=(person("ann", "mentor", previous=["bob"]), person("cat", "mentor")),
        right=(person("bob", "mentee"), person("dan", "mentee", previous=["cat"])),
    )
    assert pairs(run_matching(rules(), roster)) == [("ann", "dan"), ("cat", "bob")]
    alone = Roster(
        left=(person("ann", "mentor", previous=["bob"]),), right=(person("bob", "mentee"),)
    )
    assert pairs(run_matching(rules(), alone)) == []
    assert pairs(run_matching(rules(disqualify="earlier_pairs = false"), alone)) == [("ann", "bob")]


def test_it_keeps_a_reporting_line_apart_directly_and_up_the_chain():
    # ann manages eve who manages bob: ann and bob are on one reporting line.
    roster = Roster(
        left=(person("ann", "mentor"), person("eve", "mentor", manager="ann")),
        right=(person("bob", "mentee", manager="eve"),),
    )
    result = run_matching(rules(), roster)
    assert pairs(result) == []
    assert "same reporting line (2)" in result.unmatched[-1].detail
    assert len(run_matching(rules(disqualify="reporting_line = false"), roster).matches) == 1


def test_it_honours_an_explicit_exclusion():
    roster = Roster(
        left=(person("ann", "mentor"),), right=(person("bob", "mentee", exclude=["ann"]),)
    )
    assert pairs(run_matching(rules(), roster)) == []
    assert pairs(run_matching(rules(disqualify="exclusions = false"), roster)) == [("ann", "bob")]


def test_it_disqualifies_a_pair_that_fails_a_must():
    roster = Roster(
        left=(person("ann", "mentor", grade=2),), right=(person("bob", "mentee", grade=2),)
    )
    result = run_matching(rules(), roster)
    assert pairs(result) == []
    assert result.unmatched[0].detail.endswith("fails more senior (must) (1)")


# --- capacities, objectives, locks and bans ---------------------------------------------------


def test_it_fills_a_mentor_up_to_their_capacity_and_no_further():
    roster = Roster(
        left=(person("ann", "mentor", capacity=2),),
        right=tuple(person(f"m{i}", "mentee") for i in range(4)),
    )
    result = run_matching(rules(capacity=2), roster)
    assert len(result.matches) == 2
    assert all(m.left.id == "ann" for m in result.matches)


def test_it_matches_more_people_under_participation_than_under_score():
    # ann suits bob best (same team); under "score" cat and dan stay alone, under
    # "participation" ann takes dan and cat takes bob: four people matched, no points.
    roster = Roster(
        left=(person("ann", "mentor", team="a"), person("cat", "mentor", team="b", grade=2)),
        right=(person("bob", "mentee", team="a", grade=1), person("dan", "mentee", team="z")),
    )
    score = run_matching(rules(), roster, objective=Objective.SCORE)
    participation = run_matching(rules(), roster, objective=Objective.PARTICIPATION)
    assert (pairs(score), score.total_score, score.people_matched) == ([("ann", "bob")], 10, 2)
    assert pairs(participation) == [("ann", "dan"), ("cat", "bob")]
    assert (participation.total_score, participation.people_matched) == (0, 4)


def test_it_keeps_locked_pairs_and_avoids_banned_ones_on_a_rerun():
    roster = Roster(
        left=(person("ann", "mentor", team="a"), person("cat", "mentor", team="b")),
        right=(person("bob", "mentee", team="a"), person("dan", "mentee", team="b")),
    )
    first = run_matching(rules(), roster)
    assert pairs(first) == [("ann", "bob"), ("cat", "dan")]
    review = Review(
        (
            ReviewedPair("ann", "dan", Decision.LOCK, line=2),
            ReviewedPair("cat", "bob", Decision.BAN, line=3),
        )
    )
    again = run_matching(rules(), roster, review=review)
    assert pairs(again) == [("ann", "dan")]
    assert again.matches[0].locked
    assert "locked in review" in matches_rows(again)[1][6]
    assert {u.participant.id for u in again.unmatched} == {"bob", "cat"}


@pytest.mark.parametrize(
    ("review", "message"),
    [
        (
            (ReviewedPair("zed", "bob", Decision.LOCK, 4),),
            'review: line 4: expected the id of a mentor in the participants, found "zed"',
        ),
        (
            (
                ReviewedPair("ann", "bob", Decision.LOCK, 2),
                ReviewedPair("ann", "bob", Decision.BAN, 3),
            ),
            "review: line 3: expected a pair either locked or banned, found both",
        ),
        (
            (
                ReviewedPair("ann", "bob", Decision.LOCK, 2),
                ReviewedPair("ann", "dan", Decision.LOCK, 3),
            ),
            'review: expected at most 1 locked pairs for "ann" (their places), found 2 locked pairs',
        ),
    ],
)
def test_it_refuses_a_review_it_cannot_honour(review, message):
    roster = Roster(
        left=(person("ann", "mentor"),), right=(person("bob", "mentee"), person("dan", "mentee"))
    )
    with pytest.raises(ReviewError) as caught:
        run_matching(rules(), roster, review=Review(review))
    assert [str(p) for p in caught.value.problems] == [message]


# --- explanations and reasons -----------------------------------------------------------------


def test_it_explains_each_match_by_criterion_and_bonus():
    roster = Roster(left=(person("ann", "mentor"),), right=(person("bob", "mentee"),))
    result = run_matching(rules(bonus=3), roster)
    match = result.matches[0]
    parts = {c.label: c.points for c in match.contributions}
    assert parts == {
        "same team": 10,
        "more senior (must)": 0,
        "unmatched bonus (Ann's first match)": 3,
        "unmatched bonus (Bob's first match)": 3,
    }
    assert match.score == 16 == result.total_score
    assert matches_rows(result)[1][6] == (
        "same team +10 (a / a); unmatched bonus (Ann's first match) +3; "
        "unmatched bonus (Bob's first match) +3; musts met: more senior"
    )


def test_it_credits_the_unmatched_bonus_once_per_person():
    roster = Roster(
        left=(person("ann", "mentor", capacity=2),),
        right=(person("bob", "mentee"), person("dan", "mentee")),
    )
    result = run_matching(rules(bonus=3, capacity=2), roster)
    assert [m.score for m in result.matches] == [16, 13]
    assert result.total_score == 29


def test_it_gives_a_reason_to_everyone_left_unmatched():
    # bob: nobody is eligible. dan: ann is full with a better pair, cat has room but their pair
    # adds nothing. eve: with cat she would lose points (same site: -20).
    site_rules = parse_rules(
        TEAM_RULES.format(bonus=0, capacity=1, disqualify="")
        + '[[criteria]]\nname = "same site"\nkind = "same"\nattribute = "site"\nweight = -20\n'
    )
    cat = person("cat", "mentor", team="q")
    eve = person("eve", "mentee", team="q")
    roster = Roster(
        left=(person("ann", "mentor", team="a"), _with(cat, site="s")),
        right=(
            person("bob", "mentee", grade=9),
            person("dan", "mentee", team="x"),
            _with(eve, site="s"),
            person("fay", "mentee", team="a"),
        ),
    )
    result = run_matching(site_rules, roster)
    assert pairs(result) == [("ann", "fay")]
    assert reasons(result) == {
        "cat": UnmatchedReason.OUTSCORED,
        "bob": UnmatchedReason.NO_ELIGIBLE_PARTNER,
        "dan": UnmatchedReason.OUTSCORED,
        "eve": UnmatchedReason.OUTSCORED,
    }
    details = {u.participant.id: u.detail for u in result.unmatched}
    assert (
        details["bob"]
        == "every one of 2 possible partners is ruled out: fails more senior (must) (2)"
    )
    assert (
        details["dan"]
        == "Cat still has room, but their pair would score 0, which adds nothing to the total"
    )
    assert details["eve"].startswith("Cat still has room, but their pair would score -10")
    rows = matches_rows(result)
    assert rows[-3] == [
        "",
        "",
        "bob",
        "Bob",
        "unmatched",
        "",
        "no eligible partner: " + details["bob"],
        "",
    ]


def test_it_says_outscored_when_a_full_partner_has_better_pairs():
    roster = Roster(
        left=(person("ann", "mentor", capacity=2),),
        right=tuple(person(f"m{i}", "mentee") for i in range(3)),
    )
    result = run_matching(rules(capacity=2), roster)
    assert len(result.matches) == 2
    assert result.unmatched[0].reason is UnmatchedReason.OUTSCORED
    assert result.unmatched[0].detail == (
        "the best eligible partner, Ann, is full with pairs scoring at least 10; "
        "together they would score 10"
    )


def test_it_says_partners_are_all_at_capacity_when_locks_hold_their_places():
    roster = Roster(
        left=(person("ann", "mentor"),),
        right=(person("bob", "mentee", team="a"), person("dan", "mentee", team="x")),
    )
    review = Review((ReviewedPair("ann", "dan", Decision.LOCK, line=2),))
    result = run_matching(rules(), roster, review=review)
    assert pairs(result) == [("ann", "dan")]
    assert reasons(result) == {"bob": UnmatchedReason.PARTNERS_AT_CAPACITY}
    assert result.unmatched[0].detail.startswith("all 1 eligible partners are full; the best, Ann")


def _with(p: Participant, **attributes: str) -> Participant:
    return Participant(
        id=p.id,
        name=p.name,
        side=p.side,
        capacity=p.capacity,
        attributes={**p.attributes, **attributes},
    )


def test_it_says_so_when_there_is_nobody_on_the_other_side():
    result = run_matching(rules(), Roster(left=(), right=(person("bob", "mentee"),)))
    assert result.matches == ()
    assert (result.unmatched[0].reason, result.unmatched[0].detail) == (
        UnmatchedReason.NO_ELIGIBLE_PARTNER,
        "there is nobody to pair with",
    )
