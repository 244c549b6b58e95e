"""Scheduling operations in the API access matrix. Alice coaches Bob (Dana sponsors, Olga is
admin). Sponsors and admins see that sessions happen; only coach and coachee change them. Carol's
token speaks for Globex: lists show her Globex only, and Acme's objects answer 404."""

from datetime import UTC, date, datetime, timedelta

from trellis.api.tests.access import op
from trellis.scheduling.tests.access_rows import prepare as prepare_pages


def prepare(world):
    prepare_pages(world)
    from trellis.scheduling import services

    start = (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    services.availability_exception_add(
        actor=world.alice, kind="extra", start=start, end=start + timedelta(hours=3)
    )
    world.slot = start


def engagement(w):
    return {"engagement_id": str(w.engagement.uuid)}


def session(w):
    return {"session_id": str(w.occurrence.uuid)}


def event(w):
    return {"event_id": str(w.event.uuid)}


def later(days=10):
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).isoformat()


EVERYONE = {"anon": 401, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 200}
ATTENDANCE = {"anon": 401, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 404}
CHANGERS = {"anon": 401, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}
ADMIN_ONLY = {"anon": 401, "alice": 403, "bob": 403, "dana": 403, "olga": 200, "carol": 200}
COACHES = {"anon": 401, "alice": 200, "bob": 403, "dana": 403, "olga": 403, "carol": 200}

OPERATIONS = [
    op("GET", "/api/v1/scheduling/calendar", **EVERYONE),
    op(
        "GET",
        "/api/v1/scheduling/engagements/{engagement_id}/sessions",
        fill=engagement,
        **ATTENDANCE,
    ),
    op(
        "POST",
        "/api/v1/scheduling/engagements/{engagement_id}/sessions",
        fill=engagement,
        body=lambda w: {"start": later(), "repeat": "fortnightly", "count": 3},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "PUT",
        "/api/v1/scheduling/engagements/{engagement_id}/cadence",
        fill=engagement,
        body=lambda w: {"every_weeks": 4, "first": later(20)},
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", "/api/v1/scheduling/sessions/{session_id}", fill=session, **ATTENDANCE),
    # attendance: the pair records it; the session is still to come, so it is refused (400)
    op(
        "POST",
        "/api/v1/scheduling/sessions/{session_id}/outcome",
        fill=session,
        body=lambda w: {"outcome": "held"},
        anon=401,
        alice=400,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    # per-member attendance is for a team or group session: this 1:1 one is refused (400)
    op(
        "POST",
        "/api/v1/scheduling/sessions/{session_id}/attendance",
        fill=session,
        body=lambda w: {"present": []},
        anon=401,
        alice=400,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/scheduling/sessions/{session_id}/cancel",
        fill=session,
        body=lambda w: {"reason": "Travelling"},
        **CHANGERS,
    ),
    op(
        "POST",
        "/api/v1/scheduling/sessions/{session_id}/reschedule",
        fill=session,
        body=lambda w: {"start": later(5), "reason": "Clash"},
        **CHANGERS,
    ),
    op("GET", "/api/v1/scheduling/availability", **COACHES),
    op(
        "PUT",
        "/api/v1/scheduling/availability",
        body=lambda w: {
            "timezone": "Europe/Berlin",
            "windows": [{"weekday": 1, "start": "09:00", "end": "12:00"}],
        },
        **COACHES,
    ),
    op(
        "POST",
        "/api/v1/scheduling/availability/exceptions",
        body=lambda w: {"start": later(3), "end": later(4), "note": "Conference"},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=403,
        carol=201,
    ),
    # Alice's own exception; Carol is a coach too, but has no such exception in Globex.
    op(
        "DELETE",
        "/api/v1/scheduling/availability/exceptions/{exception_id}",
        fill=lambda w: {"exception_id": str(w.exception.uuid)},
        anon=401,
        alice=204,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        "/api/v1/scheduling/engagements/{engagement_id}/slots",
        fill=engagement,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/scheduling/engagements/{engagement_id}/bookings",
        fill=engagement,
        body=lambda w: {"start": w.slot.isoformat()},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", "/api/v1/scheduling/events", **EVERYONE),
    # Carol's token speaks for Globex, where Bob does not exist: a named field error, not a leak.
    op(
        "POST",
        "/api/v1/scheduling/events",
        body=lambda w: {
            "coachee_id": str(w.bob.uuid),
            "type": "offer",
            "date": str(date(2030, 2, 1)),
        },
        anon=401,
        alice=201,
        bob=201,
        dana=201,
        olga=201,
        carol=400,
    ),
    op(
        "POST",
        "/api/v1/scheduling/events/import",
        body=lambda w: {"csv": "email,type,date\nbob@acme.test,offer,2030-02-01\n"},
        # In Globex there is no bob@acme.test: Carol's import fails on that row.
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=400,
    ),
    op("GET", "/api/v1/scheduling/events/{event_id}", fill=event, **ATTENDANCE),
    op(
        "DELETE",
        "/api/v1/scheduling/events/{event_id}",
        fill=event,
        anon=401,
        alice=204,
        bob=204,
        dana=403,
        olga=204,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/scheduling/events/{event_id}/sessions",
        fill=event,
        body=lambda w: {"framework_key": "tgrow"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", "/api/v1/scheduling/triggers", **ADMIN_ONLY),
    op(
        "POST",
        "/api/v1/scheduling/triggers",
        body=lambda w: {"event_type": "promotion_decision", "framework_key": "tgrow"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op(
        "DELETE",
        "/api/v1/scheduling/triggers/{rule_id}",
        fill=lambda w: {"rule_id": str(w.rule.uuid)},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=204,
        carol=404,
    ),
    op("GET", "/api/v1/scheduling/reminders", **EVERYONE),
    op(
        "PUT",
        "/api/v1/scheduling/reminders",
        body=lambda w: {"delivery": {"session": "digest"}, "digest_time": "08:00"},
        **EVERYONE,
    ),
    op("GET", "/api/v1/scheduling/feed", **EVERYONE),
    op(
        "POST",
        "/api/v1/scheduling/feed",
        anon=401,
        alice=201,
        bob=201,
        dana=201,
        olga=201,
        carol=201,
    ),
    op(
        "DELETE",
        "/api/v1/scheduling/feed",
        anon=401,
        alice=204,
        bob=204,
        dana=204,
        olga=204,
        carol=204,
    ),
]
