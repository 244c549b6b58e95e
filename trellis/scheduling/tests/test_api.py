"""The scheduling API does what the pages do, with errors that name the field."""

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine

from trellis.api.fields import MSG_OFFSET_NEEDED
from trellis.engagements.models import CoachingSession
from trellis.scheduling.models import SessionSeries

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BASE = "/api/v1/scheduling"


@pytest.fixture
def call(client, api_token):
    def request(member, method, path, body=None):
        headers = {"Authorization": f"Bearer {api_token(member)}"}
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs |= {"data": body, "content_type": "application/json"}
        return getattr(client, method)(BASE + path, **kwargs)

    return request


@time_machine.travel(NOW, tick=False)
def test_it_schedules_a_fortnightly_series_and_shows_titles_only_to_the_pair(world, call):
    response = call(
        world.alice,
        "post",
        f"/engagements/{world.engagement.uuid}/sessions",
        {
            "start": "2026-03-03T09:00:00+00:00",
            "timezone": "Europe/London",
            "repeat": "fortnightly",
            "count": 4,
            "title": "Fortnightly coaching",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["repeat"] == "fortnightly" and len(body["sessions"]) == 4
    # 09:00 in London before the change, 08:00 UTC after it: the same wall-clock time.
    assert [s["start"][11:16] for s in body["sessions"]] == ["09:00", "09:00", "08:00", "08:00"]
    seen_by_dana = call(world.dana, "get", f"/engagements/{world.engagement.uuid}/sessions").json()[
        "items"
    ]
    assert {s["title"] for s in seen_by_dana} == {None}
    seen_by_bob = call(
        world.bob, "get", "/calendar?start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z"
    )
    assert {s["title"] for s in seen_by_bob.json()["items"]} == {"Fortnightly coaching"}


@time_machine.travel(NOW, tick=False)
def test_it_names_the_field_of_a_time_without_an_offset(world, call):
    response = call(
        world.alice,
        "post",
        f"/engagements/{world.engagement.uuid}/sessions",
        {"start": "2026-03-03T09:00:00"},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "start" and MSG_OFFSET_NEEDED in error["msg"]
    assert not SessionSeries.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_it_cancels_with_a_reason_and_reports_a_late_cancellation(world, call):
    made = call(
        world.alice,
        "post",
        f"/engagements/{world.engagement.uuid}/sessions",
        {"start": "2026-03-02T09:00:00+00:00"},
    ).json()
    session_id = made["sessions"][0]["id"]
    response = call(world.bob, "post", f"/sessions/{session_id}/cancel", {"reason": "Flu"})
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["late_cancellation"]


@time_machine.travel(NOW, tick=False)
def test_it_publishes_availability_and_books_a_slot(world, call):
    call(
        world.alice,
        "put",
        "/availability",
        {
            "timezone": "Europe/Berlin",
            "notice_hours": 12,
            "windows": [{"weekday": 1, "start": "09:00", "end": "11:00"}],
        },
    )
    slots = call(world.bob, "get", f"/engagements/{world.engagement.uuid}/slots").json()["items"]
    assert slots[0]["start"] == "2026-03-03T08:00:00Z"  # Tuesday 09:00 in Berlin
    booked = call(
        world.bob,
        "post",
        f"/engagements/{world.engagement.uuid}/bookings",
        {"start": slots[0]["start"]},
    )
    assert booked.status_code == 201 and booked.json()["session"]["kind"] == "booked"
    again = call(
        world.bob,
        "post",
        f"/engagements/{world.engagement.uuid}/bookings",
        {"start": slots[0]["start"]},
    )
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "start"


@time_machine.travel(NOW, tick=False)
def test_it_logs_an_event_that_opens_a_session_through_a_rule(world, call):
    call(world.olga, "post", "/triggers", {"event_type": "promotion_decision"})
    response = call(
        world.dana,
        "post",
        "/events",
        {
            "coachee_id": str(world.bob.uuid),
            "type": "promotion_decision",
            "date": "2026-03-20",
            "notes": "Panel",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["notes"] is None  # the sponsor logged it, but notes are for coach and coachee
    assert body["sessions"][0]["by_rule"] and body["sessions"][0]["framework_key"] == "tgrow"
    assert CoachingSession.objects.get().uuid.hex == body["sessions"][0][
        "coaching_session_id"
    ].replace("-", "")


@time_machine.travel(NOW, tick=False)
def test_it_reports_every_bad_csv_row(world, call):
    response = call(
        world.olga, "post", "/events/import", {"csv": "email,type,date\nbob@acme.test,party,soon\n"}
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (
        error["field"] == "csv"
        and "line 2, type" in error["msg"]
        and "line 2, date" in error["msg"]
    )


@time_machine.travel(NOW, tick=False)
def test_it_keeps_reminder_choices_and_refuses_unknown_kinds(world, call):
    response = call(
        world.bob,
        "put",
        "/reminders",
        {"delivery": {"session": "off"}, "quiet_start": "22:00", "quiet_end": "07:00"},
    )
    assert response.json()["delivery"]["session"] == "off"
    assert (
        response.json()["delivery"]["log_session"] == "digest"
    )  # untouched kinds keep their default
    bad = call(world.bob, "put", "/reminders", {"delivery": {"gossip": "off"}})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "gossip"


@time_machine.travel(NOW, tick=False)
def test_it_makes_and_switches_off_the_feed_address(world, call, client):
    url = call(world.bob, "post", "/feed").json()["url"]
    path = urlsplit(url).path
    assert client.get(path).status_code == 200
    assert call(world.bob, "delete", "/feed").status_code == 204
    assert client.get(path).status_code == 404
    assert call(world.bob, "get", "/feed").json() == {"url": None}
