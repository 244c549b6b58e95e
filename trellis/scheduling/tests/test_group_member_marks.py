"""A team or group session's per-member marks: attended, no-show or late cancellation. Who reads
them: the coach and an admin every member's, a member their own, the sponsor only their coachee's
(the members who report to them); on the calendar entry, in GET /scheduling/sessions/{id} and in
`trellis attendance`. The coach's calendar names the group, not its primary coachee."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from trellis.accounts.models import Membership, User
from trellis.engagements import kinds, lifecycle
from trellis.engagements.models import Engagement
from trellis.scheduling import selectors, services
from trellis.scheduling.calendar_items import calendar_items
from trellis.scheduling.models import MemberAttendance, ScheduledSession


@pytest.fixture
def call(client, api_token):
    """call(member)(method, path, body=None): /api/v1 as that member, with their token."""

    def make(member):
        headers = {"Authorization": f"Bearer {api_token(member)}"}

        def request(method, path, body=None):
            kwargs: dict[str, Any] = {"headers": headers}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

        return request

    return make


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def sponsored(world):
    """Alice coaches the group "New managers": Erin (who reports to Dana) and Finn accepted; Dana
    sponsors it. A weekly group session, the first a week ago."""
    erin, finn = (
        Membership.objects.create(
            org=world.org,
            user=User.objects.create(email=f"{n}@acme.test", name=n.title(), time_zone="UTC"),
            is_coachee=True,
            manager=world.dana if n == "erin" else None,
        )
        for n in ("erin", "finn")
    )
    group = kinds.engagement_propose_group(
        actor=world.alice,
        coach=world.alice,
        coachees=[erin, finn],
        sponsor=world.dana,
        topic="New managers",
    )
    for person in (world.dana, erin, finn):
        lifecycle.engagement_accept(actor=person, engagement=_fresh(group))
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=7)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        services.session_schedule(
            actor=world.alice,
            engagement=_fresh(group),
            start=start,
            timezone_name="UTC",
            freq="weekly",
            count=2,
            title="Group session",
            invite=False,
        )
    first = ScheduledSession.objects.filter(series__engagement=group).order_by("start").first()
    return _fresh(group), first, erin, finn


def test_a_member_who_cancelled_late_is_marked_so(world, sponsored):
    _group, first, erin, finn = sponsored
    marks = services.group_attendance_record(
        actor=world.alice, occurrence=first, present=[erin], late_cancelled=[finn]
    )
    assert {(m.member, m.mark) for m in marks} == {(erin, "held"), (finn, "late_cancellation")}
    first.refresh_from_db()
    assert first.outcome == "held"
    services.group_attendance_record(
        actor=world.alice, occurrence=first, present=[], late_cancelled=[erin, finn]
    )
    first.refresh_from_db()
    assert first.outcome == "late_cancellation"  # everyone called off late
    with pytest.raises(ValidationError) as caught:
        services.group_attendance_record(
            actor=world.alice, occurrence=first, present=[erin], late_cancelled=[erin]
        )
    assert "late_cancelled" in caught.value.message_dict
    assert MemberAttendance.objects.filter(occurrence=first).count() == 2  # unchanged


def test_each_person_reads_the_marks_they_may(world, sponsored, login, call):
    _group, first, erin, finn = sponsored
    services.group_attendance_record(
        actor=world.alice, occurrence=first, present=[erin], late_cancelled=[finn]
    )

    def names(member):
        return {m.member.user.name for m in selectors.member_marks_for(first, member)}

    assert names(world.alice) == {"Erin", "Finn"}
    assert names(world.olga) == {"Erin", "Finn"}  # an admin sees attendance
    assert names(world.dana) == {"Erin"}  # the sponsor: their coachee only
    assert names(finn) == {"Finn"}  # a member: their own
    assert names(world.bob) == set()
    page = login(world.dana).get(f"/o/acme/calendar/sessions/{first.uuid}/").content.decode()
    assert "Erin: Attended" in page and "Finn" not in page
    assert "with the group coaching New managers" in page
    detail = call(world.dana)("get", f"/scheduling/sessions/{first.uuid}").json()
    assert [(m["name"], m["mark"]) for m in detail["member_attendance"]] == [("Erin", "held")]
    detail = call(world.alice)("get", f"/scheduling/sessions/{first.uuid}").json()
    assert {m["mark"] for m in detail["member_attendance"]} == {"held", "late_cancellation"}
    one_to_one = ScheduledSession.objects.exclude(series__engagement__kind="group").first()
    if one_to_one is not None:  # a 1:1 session has no per-member marks
        plain = call(world.alice)("get", f"/scheduling/sessions/{one_to_one.uuid}").json()
        assert plain["member_attendance"] is None


def test_the_api_marks_late_cancellations_and_names_a_wrong_member(world, sponsored, call):
    _group, first, erin, finn = sponsored
    api = call(world.alice)
    answer = api(
        "post",
        f"/scheduling/sessions/{first.uuid}/attendance",
        {"present": [str(erin.uuid)], "late_cancelled": [str(finn.uuid)]},
    )
    assert answer.status_code == 200 and answer.json()["outcome"] == "held"
    assert {m["mark"] for m in answer.json()["marks"]} == {"held", "late_cancellation"}
    refused = api(
        "post",
        f"/scheduling/sessions/{first.uuid}/attendance",
        {"present": [], "late_cancelled": [str(world.bob.uuid)]},
    )
    assert refused.status_code == 400 and "late_cancelled" in refused.content.decode()


def test_the_log_page_marks_a_late_cancellation(world, sponsored, login):
    _group, first, erin, finn = sponsored
    url = f"/o/acme/calendar/sessions/{first.uuid}/log/"
    coach = login(world.alice)
    assert "Who cancelled late" in coach.get(url).content.decode()
    coach.post(
        url, {"step": "members", "present": [str(erin.uuid)], "late_cancelled": [str(finn.uuid)]}
    )
    marks = dict(MemberAttendance.objects.values_list("member__user__name", "mark"))
    assert marks == {"Erin": "held", "Finn": "late_cancellation"}
    assert "Finn: Late cancellation" in coach.get(url).content.decode()


def test_the_terminal_shows_each_mark_the_person_may_read(world, sponsored):
    group, first, erin, finn = sponsored
    services.group_attendance_record(
        actor=world.alice, occurrence=first, present=[erin], late_cancelled=[finn]
    )

    def run(email):
        out = StringIO()
        call_command("attendance", str(group.uuid), "--user", email, stdout=out)
        return out.getvalue()

    coach = run("alice@acme.test")
    assert "New managers" in coach and "Erin: Attended" in coach
    assert "Finn: Late cancellation" in coach
    sponsor = run("dana@acme.test")
    assert "Erin: Attended" in sponsor and "Finn" not in sponsor


def test_the_coach_calendar_names_the_group(world, sponsored, login):
    _group, first, _erin, _finn = sponsored
    days = calendar_items(
        member=world.alice,
        start_day=first.start.date(),
        days=1,
        url_of_session=lambda o: "",
        url_of_event=lambda e: "",
    )
    assert [i.who for i in days[first.start.date()]] == ["New managers"]
    day = first.start.date().isoformat()
    page = login(world.alice).get(f"/o/acme/calendar/schedule/?day={day}").content.decode()
    assert "New managers" in page


def test_the_coach_feed_names_the_group(world, sponsored):
    from django.utils import timezone

    from trellis.scheduling.services.feeds import feed_events

    events = feed_events(member=world.alice, now=timezone.now())
    summaries = [e.summary for e in events if "Group session" in (e.summary or "")]
    assert summaries == ["Group session: Alice Coach & New managers"]
