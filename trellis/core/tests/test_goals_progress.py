import re
from datetime import UTC, date, datetime, timedelta

import pytest

from trellis.core.goals import (
    ActionProgress,
    ActionStatus,
    Attention,
    DueState,
    due_state,
    goal_progress,
    is_slipped,
    is_stalled,
    plan_sort_key,
    slipped_days,
)
from trellis.core.goals.progress import ERROR_NAIVE, ERROR_PERCENT

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_it_weights_goal_progress_by_action():
    actions = [
        ActionProgress(weight=3, percent=50, status=ActionStatus.IN_PROGRESS),
        ActionProgress(weight=1, percent=0),
    ]
    # (3*50 + 1*0) / 4 = 37.5
    assert goal_progress(actions) == 37.5


def test_it_counts_a_done_action_as_complete_and_leaves_dropped_ones_out():
    actions = [
        ActionProgress(weight=1, percent=40, status=ActionStatus.DONE),
        ActionProgress(weight=1, percent=0),
        ActionProgress(weight=5, percent=0, status=ActionStatus.DROPPED),
    ]
    assert goal_progress(actions) == 50


def test_it_has_no_progress_without_countable_actions():
    assert goal_progress([]) is None
    assert goal_progress([ActionProgress(status=ActionStatus.DROPPED)]) is None


def test_it_refuses_progress_beyond_a_hundred_percent():
    with pytest.raises(ValueError, match="got 120"):
        ActionProgress(percent=120)
    assert "0 and 100" in ERROR_PERCENT


@pytest.mark.parametrize(
    ("due", "status", "expected"),
    [
        (date(2026, 3, 9), ActionStatus.PLANNED, DueState.OVERDUE),
        (date(2026, 3, 10), ActionStatus.IN_PROGRESS, DueState.DUE_SOON),
        (date(2026, 3, 17), ActionStatus.PLANNED, DueState.DUE_SOON),
        (date(2026, 3, 18), ActionStatus.PLANNED, DueState.LATER),
        (None, ActionStatus.PLANNED, DueState.NO_DATE),
        (date(2026, 1, 1), ActionStatus.DONE, DueState.FINISHED),
        (date(2026, 1, 1), ActionStatus.DROPPED, DueState.FINISHED),
    ],
)
def test_it_classifies_due_dates(due, status, expected):
    assert due_state(due, today=TODAY, status=status) == expected


def test_it_puts_overdue_and_due_soon_actions_first_on_the_plan():
    actions = {
        "later": (date(2026, 5, 1), ActionStatus.PLANNED),
        "done": (date(2026, 1, 1), ActionStatus.DONE),
        "soon": (date(2026, 3, 12), ActionStatus.PLANNED),
        "undated": (None, ActionStatus.PLANNED),
        "overdue": (date(2026, 3, 1), ActionStatus.IN_PROGRESS),
    }
    ordered = sorted(
        actions, key=lambda k: plan_sort_key(actions[k][0], today=TODAY, status=actions[k][1])
    )
    assert ordered == ["overdue", "soon", "later", "undated", "done"]


def test_it_notices_a_due_date_moved_later():
    history = [date(2026, 3, 1), date(2026, 2, 20), date(2026, 3, 15)]
    assert is_slipped(history)
    assert slipped_days(history) == 14
    assert not is_slipped([date(2026, 3, 1), date(2026, 2, 1)])
    assert not is_slipped([date(2026, 3, 1)])


def test_it_marks_an_engagement_stalled_after_the_configured_days():
    started = NOW - timedelta(days=60)
    last_check_in = NOW - timedelta(days=22)
    assert is_stalled(started=started, now=NOW, days=21, check_ins=[last_check_in])
    assert not is_stalled(started=started, now=NOW, days=30, check_ins=[last_check_in])


def test_it_does_not_count_a_future_session_as_activity():
    started = NOW - timedelta(days=60)
    assert is_stalled(started=started, now=NOW, days=21, sessions=[NOW + timedelta(days=2)])
    assert not is_stalled(started=started, now=NOW, days=21, sessions=[NOW - timedelta(days=3)])


def test_it_gives_a_new_engagement_time_before_calling_it_stalled():
    assert not is_stalled(started=NOW - timedelta(days=5), now=NOW, days=21)


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError, match=re.escape(ERROR_NAIVE.format(name="now"))):
        is_stalled(started=NOW, now=datetime(2026, 3, 10), days=21)


def test_it_sorts_plans_by_what_needs_the_coachs_attention():
    plans = {
        "calm": Attention(lowest_commitment=9),
        "low": Attention(lowest_commitment=3),
        "stalled": Attention(stalled=True),
        "overdue": Attention(overdue=4),
        "little_overdue": Attention(overdue=1),
    }
    ordered = sorted(plans, key=lambda k: plans[k].sort_key())
    assert ordered == ["stalled", "overdue", "little_overdue", "low", "calm"]
    assert not plans["calm"].needs_attention
    assert plans["low"].low_commitment
