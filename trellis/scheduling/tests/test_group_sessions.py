"""A team or group engagement meets as one calendar session for everyone: it is on each accepted
member's calendar and feed, the coach marks who attended (the others are no-shows), and it counts
once as a held session."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.accounts import policy
from trellis.accounts.models import Membership, User
from trellis.engagements import kinds, lifecycle
from trellis.engagements.models import Engagement
from trellis.scheduling import selectors, services
from trellis.scheduling.calendar_items import calendar_items
from trellis.scheduling.models import MemberAttendance, ScheduledSession
from trellis.scheduling.services.feeds import secret_of


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def cohort(world):
    """Alice coaches a group: Erin and Finn accepted, Gil was asked and has not answered. A weekly
    group session, the first a week ago."""
    erin, finn, gil = (
        Membership.objects.create(
            org=world.org,
            user=User.objects.create(email=f"{n}@acme.test", name=n.title(), time_zone="UTC"),
        )
        for n in ("erin", "finn", "gil")
    )
    group = kinds.engagement_propose_group(
        actor=world.alice, coach=world.alice, coachees=[erin, finn, gil], topic="New managers"
    )
    for person in (erin, finn):
        lifecycle.engagement_accept(actor=person, engagement=_fresh(group))
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=7)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        series = services.session_schedule(
            actor=world.alice,
            engagement=_fresh(group),
            start=start,
            timezone_name="UTC",
            freq="weekly",
            count=3,
            title="Group session",
            invite=False,
        )
    return _fresh(group), series, erin, finn, gil


def test_one_session_per_date_is_on_every_accepted_members_calendar_and_feed(world, cohort, client):
    group, series, erin, finn, gil = cohort
    occurrences = ScheduledSession.objects.filter(series__engagement=group)
    assert occurrences.count() == 3  # one per date, for everyone
    first = occurrences.order_by("start").first()
    for person in (erin, finn, world.alice):
        days = calendar_items(
            member=person,
            start_day=first.start.date(),
            days=1,
            url_of_session=lambda o: "",
            url_of_event=lambda e: "",
        )
        assert [i.title for i in days[first.start.date()]] == ["Group session"]
        assert policy.allows(person, "calendar.session.view", first)
        token = services.feed_token_create(member=person)
        body = client.get(reverse("scheduling:feed", args=[secret_of(token)])).content
        uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
        assert series.uid in uids
    # Gil has not accepted: nothing of it on his calendar
    assert not selectors.occurrences_of(
        member=gil, start=first.start - timedelta(days=1), end=first.end + timedelta(days=30)
    ).exists()
    assert not policy.allows(gil, "calendar.session.view", first)


def test_the_coach_marks_each_member_and_it_counts_once(world, cohort):
    group, _series, erin, finn, _gil = cohort
    first = ScheduledSession.objects.filter(series__engagement=group).order_by("start").first()
    marks = services.group_attendance_record(actor=world.alice, occurrence=first, present=[erin])
    assert {(m.member, m.mark) for m in marks} == {(erin, "held"), (finn, "no_show")}
    first.refresh_from_db()
    assert first.outcome == "held"
    now = datetime.now(UTC)
    held = selectors.held_times(engagement=group, since=now - timedelta(days=30), now=now)
    assert held == [first.start]  # once, however many attended
    # marking again replaces the marks; nobody there is a no-show session
    services.group_attendance_record(actor=world.alice, occurrence=first, present=[])
    first.refresh_from_db()
    assert first.outcome == "no_show_coachee"
    assert set(MemberAttendance.objects.values_list("mark", flat=True)) == {"no_show"}


def test_only_a_coach_marks_and_only_members_and_only_after_it_starts(world, cohort):
    group, _series, erin, _finn, gil = cohort
    first, _second, third = ScheduledSession.objects.filter(series__engagement=group).order_by(
        "start"
    )
    with pytest.raises(ValidationError, match="Only a coach"):
        services.group_attendance_record(actor=erin, occurrence=first, present=[erin])
    with pytest.raises(ValidationError, match="not an accepted member"):
        services.group_attendance_record(actor=world.alice, occurrence=first, present=[gil])
    with pytest.raises(ValidationError, match="from its start on"):
        services.group_attendance_record(actor=world.alice, occurrence=third, present=[erin])


def test_the_log_page_and_the_api_mark_the_members(world, cohort, login, client, api_token):
    group, _series, erin, finn, _gil = cohort
    first = ScheduledSession.objects.filter(series__engagement=group).order_by("start").first()
    url = f"/o/acme/calendar/sessions/{first.uuid}/log/"
    coach = login(world.alice)
    page = coach.get(url).content.decode()
    assert "Who attended" in page and "Erin" in page and "Finn" in page
    coach.post(url, {"step": "members", "present": [str(finn.uuid)]})
    marks = dict(MemberAttendance.objects.values_list("member__user__name", "mark"))
    assert marks == {"Erin": "no_show", "Finn": "held"}
    assert "Finn: Attended" in coach.get(url).content.decode()
    answer = client.post(
        f"/api/v1/scheduling/sessions/{first.uuid}/attendance",
        {"present": [str(erin.uuid), str(finn.uuid)]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.alice)}"},
    )
    assert answer.status_code == 200
    assert answer.json()["outcome"] == "held"
    assert {m["mark"] for m in answer.json()["marks"]} == {"held"}
