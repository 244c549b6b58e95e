"""The plan in the browser's pages (without a browser): what each persona sees and can do."""

import csv
import io

import pytest
import time_machine

from trellis.engagements.tests.agreements import agree
from trellis.goals import services
from trellis.goals.models import Goal, Review
from trellis.goals.services.common import ONLY_COACHEE_SHARES
from trellis.goals.tests.helpers import bob_plan

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


@pytest.fixture
def plan(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        made = bob_plan(world)
        made.shared = services.goal_create(
            actor=world.bob,
            owner=world.bob,
            engagement=world.engagement,
            title="Be the team's go-to person for releases",
            visibility="shared",
        )
    return made


def test_it_shows_bob_his_plan_with_overdue_first(world, login, plan):
    page = login(world.bob).get("/o/acme/plan/").content.decode()
    assert "Run the team&#x27;s weekly planning on my own" in page
    assert page.index("Draft next week") < page.index("Send Bob the facilitation")
    assert "Overdue" in page and "Due soon" in page
    assert 'role="img"' in page  # server-rendered SVG progress bars


def test_it_checks_in_from_the_plan_with_htmx(world, login, plan):
    client = login(world.bob)
    response = client.post(
        f"/o/acme/actions/{plan.first.uuid}/check-in/",
        {"percent": "60", "note": "Agenda drafted", "from": "mine"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="plan">')
    assert "Check-in saved." in body and "60%" in body
    plan.first.refresh_from_db()
    assert plan.first.percent == 60 and plan.first.status == "in_progress"


def test_it_shows_alice_the_plan_and_dana_only_the_shared_summary(world, login, plan):
    agree(world.engagement)  # the accepted agreement shows the sponsor goal summaries
    coach = (
        login(world.alice)
        .get(f"/o/acme/engagements/{world.engagement.uuid}/plan/")
        .content.decode()
    )
    assert "Run the team&#x27;s weekly planning" in coach and "Review the plan" in coach
    sponsor = (
        login(world.dana).get(f"/o/acme/engagements/{world.engagement.uuid}/plan/").content.decode()
    )
    assert "go-to person for releases" in sponsor
    assert "weekly planning" not in sponsor and "Draft next week" not in sponsor


def test_it_gives_the_admin_counts_and_no_content(world, login, plan):
    page = login(world.olga).get("/o/acme/plans/").content.decode()
    assert "counts only" in page and "Bob Coachee" in page
    assert "weekly planning" not in page and "go-to person" not in page


def test_it_sorts_the_coachs_list_and_flags_overdue(world, login, plan):
    page = login(world.alice).get("/o/acme/plans/").content.decode()
    assert "1 overdue" in page


def test_it_creates_a_goal_with_a_date_in_words_and_runs_the_smart_check(world, login):
    client = login(world.bob)
    check = client.post(
        "/o/acme/goals/smart-check/",
        {"title": "Get better at things", "success_measure": "", "due_text": "by the end of March"},
    ).content.decode()
    assert 'id="smart"' in check and "Tuesday 31 March 2026" in check
    form = client.get("/o/acme/goals/new/").content.decode()
    assert "Just me: no coach sees it" in form
    assert f'value="{world.engagement.uuid}" selected' in form  # his only coaching, chosen for him
    fields = {
        "title": "Get better at things",
        "due_text": "by the end of March",
        "weight": "1",
        "visibility": "private",
    }
    response = client.post("/o/acme/goals/new/", {**fields, "coaching": str(world.engagement.uuid)})
    goal = Goal.objects.get()
    assert response.status_code == 302 and goal.engagement == world.engagement
    assert str(goal.due_date) == "2026-03-31"
    client.post(
        "/o/acme/goals/new/", {**fields, "title": "Read two books on pacing", "coaching": ""}
    )
    assert Goal.objects.get(title="Read two books on pacing").engagement is None


def test_it_refuses_the_second_save_with_a_conflict_message(world, login, plan):
    url = f"/o/acme/goals/{plan.goal.uuid}/edit/"
    form = {
        "title": plan.goal.title,
        "success_measure": plan.goal.success_measure,
        "due_text": "2026-06-30",
        "weight": "1",
        "visibility": "private",
        "gas_expected": "4 of 5 run",
        "version": str(plan.goal.version),
    }
    assert (
        login(world.alice)
        .post(url, {**form, "weight": "2", "reason": "Most important"})
        .status_code
        == 302
    )
    response = login(world.bob).post(url, {**form, "title": "Run planning alone"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Not saved." in body and "weight from 1 to 2 (Alice Coach)" in body
    plan.goal.refresh_from_db()
    assert plan.goal.weight == 2 and plan.goal.title != "Run planning alone"


def test_it_lets_only_the_coachee_share(world, login, plan):
    page = login(world.alice).get(f"/o/acme/goals/{plan.goal.uuid}/edit/").content.decode()
    assert 'name="visibility"' not in page
    assert ONLY_COACHEE_SHARES  # the service refuses it too (test_editing)


def test_it_records_a_review_from_the_page(world, login, plan):
    goal, shared = plan.goal, plan.shared
    response = login(world.alice).post(
        f"/o/acme/engagements/{world.engagement.uuid}/plan/review/",
        {
            "reviewed_on": "2026-03-16",
            f"g-{goal.uuid}-score": "1",
            f"g-{goal.uuid}-decision": "keep",
            f"g-{goal.uuid}-version": goal.version,
            f"g-{shared.uuid}-score": "0",
            f"g-{shared.uuid}-decision": "complete",
            f"g-{shared.uuid}-version": shared.version,
            f"a-{plan.first.uuid}-decision": "change",
            f"a-{plan.first.uuid}-due": "2026-03-27",
            f"a-{plan.first.uuid}-why": "Waiting for the new sprint calendar",
            f"a-{plan.first.uuid}-version": plan.first.version,
            f"a-{plan.second.uuid}-decision": "keep",
            f"a-{plan.second.uuid}-version": plan.second.version,
            "note": "Good start.",
        },
    )
    review = Review.objects.get()
    assert (
        response.status_code == 302 and round(review.t_score, 2) == 56.2
    )  # 50 + 10/sqrt(0.7*2 + 0.3*4)
    plan.first.refresh_from_db()
    assert plan.first.due_history == ["2026-03-06", "2026-03-27"]
    page = login(world.alice).get(f"/o/acme/reviews/{review.uuid}/").content.decode()
    assert "Waiting for the new sprint calendar" in page


def test_it_shows_a_goals_history_with_who_when_and_why(world, login, plan):
    services.goal_update(
        actor=world.alice,
        goal=plan.goal,
        changes={"weight": 3},
        version=None,
        why="It matters most",
    )
    page = login(world.bob).get(f"/o/acme/goals/{plan.goal.uuid}/history/").content.decode()
    assert "weight: 1 → 3" in page and "It matters most" in page and "Alice Coach" in page


def test_it_exports_the_plan_as_csv(world, login, plan):
    response = login(world.alice).get(f"/o/acme/engagements/{world.engagement.uuid}/plan.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["kind"] for r in rows][:3] == ["goal", "action", "action"]
    assert rows[1]["due_state"] == "overdue"


def test_it_lets_the_partner_see_the_action_and_its_check_ins_only(world, login, plan):
    services.check_in_record(actor=world.bob, action=plan.first, percent=20, note="Outline done")
    client = login(world.dana)
    page = client.get(f"/o/acme/actions/{plan.first.uuid}/").content.decode()
    assert "Outline done" in page
    assert client.get(f"/o/acme/goals/{plan.goal.uuid}/").status_code == 403
    assert "Draft next week" in client.get("/o/acme/plan/").content.decode()
