"""The agreement decides what the sponsor sees, within docs/confidentiality.md's table.

For each item (attendance, goal summaries, shared notes, career events) Dana, the sponsor, sees it on
her pages and through the API when the accepted agreement lists it, and not when it leaves it out.
Before any agreement is accepted she sees the table's minimum (attendance, that an event happened);
a changed agreement rules only once accepted again; and the coachee's own sharing still applies.
"""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trellis.engagements import services as engagements
from trellis.engagements.contracts import agreement_accept
from trellis.engagements.models import Engagement
from trellis.engagements.tests.agreements import EVERYTHING, agree, write
from trellis.engagements.visibility import MINIMUM, sponsor_sees
from trellis.goals import services as goals
from trellis.scheduling import services as scheduling

pytestmark = pytest.mark.django_db

GOAL = "Run the quarterly planning on my own"
NOTE = "Ask for the budget by Friday"
EVENT = "job_interview"


@pytest.fixture
def bobs(world: Any) -> Any:
    """Bob's coaching with one of each thing the sponsor might see; he shares the goal and the note
    with Dana by name."""
    w = world
    w.session = engagements.coaching_session_create(
        actor=w.alice, engagement=w.engagement, framework_key="grow"
    )
    note = engagements.session_note_create(actor=w.bob, session=w.session, text=NOTE)
    w.note = engagements.session_note_share_with_sponsor(actor=w.bob, note=note, shared=True)
    w.goal = goals.goal_create(
        actor=w.bob, owner=w.bob, engagement=w.engagement, title=GOAL, visibility="shared"
    )
    w.event = scheduling.career_event_log(
        actor=w.bob, coachee=w.bob, type=EVENT, date=date(2026, 3, 10), title="Globex"
    )
    w.series = scheduling.session_schedule(
        actor=w.alice,
        engagement=w.engagement,
        start=datetime(2030, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/London")),
    )
    w.occurrence = w.series.occurrences.get()
    return w


def _pages_and_api(w: Any, client: Any, api_token: Any) -> dict[str, tuple[bool, bool]]:
    """(page shows it, API shows it) for each item, as Dana."""
    client.force_login(w.dana.user, backend="django.contrib.auth.backends.ModelBackend")
    headers = {"Authorization": f"Bearer {api_token(w.dana)}"}
    e = w.engagement.uuid

    def page(url: str) -> str:
        answer = client.get(url)
        assert answer.status_code == 200, url
        return answer.content.decode()

    def api(url: str) -> Any:
        return client.get(url, headers=headers)

    calendar_page = page(f"/o/acme/calendar/engagements/{e}/")
    engagement_page = page(f"/o/acme/engagements/{e}/")
    calendar_api = api(f"/api/v1/scheduling/engagements/{e}/sessions").json()["items"]
    sessions_api = api("/api/v1/sessions").json()["items"]
    attendance = (
        str(w.occurrence.uuid) in calendar_page and "No sessions yet." not in engagement_page,
        [row["id"] for row in calendar_api] == [str(w.occurrence.uuid)]
        and str(w.session.uuid) in {row["id"] for row in sessions_api}
        and api(f"/api/v1/scheduling/sessions/{w.occurrence.uuid}").status_code == 200,
    )
    plan_page = page(f"/o/acme/engagements/{e}/plan/")
    plan_api = api(f"/api/v1/goals/plans/{e}").json()
    summaries = (GOAL in plan_page, GOAL in str(plan_api))
    notes_api = api(f"/api/v1/sessions/{w.session.uuid}/notes")
    notes = (
        NOTE in engagement_page,
        notes_api.status_code == 200 and NOTE in notes_api.content.decode(),
    )
    events_page = page("/o/acme/events/")
    events_api = api("/api/v1/scheduling/events").json()["items"]
    events = (
        f"/o/acme/events/{w.event.uuid}/" in events_page,
        [row["id"] for row in events_api] == [str(w.event.uuid)]
        and api(f"/api/v1/scheduling/events/{w.event.uuid}").status_code == 200,
    )
    return {
        "attendance": attendance,
        "goal_summaries": summaries,
        "shared_notes": notes,
        "career_events": events,
    }


@pytest.mark.parametrize("item", EVERYTHING)
def test_the_accepted_agreement_shows_the_sponsor_an_item_it_lists(bobs, item, client, api_token):
    agree(bobs.engagement, sponsor_sees=[item, "attendance"])
    assert _pages_and_api(bobs, client, api_token)[item] == (True, True)


@pytest.mark.parametrize("item", EVERYTHING)
def test_the_accepted_agreement_hides_from_the_sponsor_an_item_it_leaves_out(
    bobs, item, client, api_token
):
    rest = [other for other in EVERYTHING if other != item]
    agree(bobs.engagement, sponsor_sees=rest)
    seen = _pages_and_api(bobs, client, api_token)
    assert seen[item] == (False, False)
    # the others still show; a shared note is read through the API on its session, which without
    # attendance the sponsor does not see (the engagement page still shows the note)
    expected = dict.fromkeys(rest, (True, True))
    if item == "attendance":
        expected["shared_notes"] = (True, False)
    assert {other: seen[other] for other in rest} == expected


def test_before_any_accepted_agreement_the_sponsor_sees_the_tables_minimum(bobs, client, api_token):
    write(bobs.engagement)  # written, listing everything, but nobody accepted it yet
    seen = _pages_and_api(bobs, client, api_token)
    assert {item for item, shown in seen.items() if shown == (True, True)} == MINIMUM
    assert {item for item, shown in seen.items() if shown == (False, False)} == {
        "goal_summaries",
        "shared_notes",
    }
    page = client.get(f"/o/acme/engagements/{bobs.engagement.uuid}/").content.decode()
    assert "Attendance and session counts; That a career event happened" in page


def test_a_changed_agreement_rules_only_once_everyone_accepted_it_again(bobs, client, api_token):
    agree(bobs.engagement, sponsor_sees=EVERYTHING)
    narrower = write(bobs.engagement, sponsor_sees=["attendance"])
    agreement_accept(actor=bobs.bob, agreement=narrower)  # Dana has not accepted it yet
    assert _pages_and_api(bobs, client, api_token)["goal_summaries"] == (True, True)
    agreement_accept(actor=bobs.dana, agreement=narrower)
    seen = _pages_and_api(bobs, client, api_token)
    assert seen["goal_summaries"] == (False, False)
    assert seen["attendance"] == (True, True)


def test_the_coachees_own_sharing_still_applies_on_top(bobs, client, api_token):
    agree(bobs.engagement, sponsor_sees=EVERYTHING)
    goals.goal_update(
        actor=bobs.bob, goal=bobs.goal, changes={"visibility": "private"}, version=bobs.goal.version
    )
    engagements.session_note_share_with_sponsor(actor=bobs.bob, note=bobs.note, shared=False)
    seen = _pages_and_api(bobs, client, api_token)
    assert seen["goal_summaries"] == (False, False)
    assert seen["shared_notes"] == (False, False)


def test_it_narrows_nobody_but_the_sponsor(bobs):
    from trellis.accounts import policy

    agree(bobs.engagement, sponsor_sees=[])
    fresh = Engagement.objects.get(pk=bobs.engagement.pk)
    assert sponsor_sees(fresh) == frozenset()
    for member in (bobs.alice, bobs.bob, bobs.olga):
        assert policy.allows(member, "session.view", bobs.session)
        assert policy.allows(member, "event.view", bobs.event)
    assert not policy.allows(bobs.dana, "session.view", bobs.session)
    assert not policy.allows(bobs.dana, "event.view", bobs.event)
