"""Scheduling pages in the access matrix. Alice coaches Bob (sponsored by Dana); Olga is admin.

A sponsor and an admin see when sessions happen and whether they were cancelled, never titles or
reasons; only the coach and the coachee change them. Carol (Globex) learns nothing.
"""

from datetime import UTC, date, datetime, time, timedelta

from trellis.web.tests.access import LOGIN, row


def prepare(world):
    from trellis.scheduling import services
    from trellis.scheduling.models import TriggerRule

    start = (datetime.now(UTC) + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    world.series = services.session_schedule(
        actor=world.alice,
        engagement=world.engagement,
        start=start,
        freq="weekly",
        count=4,
        title="Weekly coaching",
    )
    world.occurrence = world.series.occurrences.order_by("start").first()
    world.window = services.availability_window_add(
        actor=world.alice, weekday=0, start=time(9), end=time(12)
    )
    world.exception = services.availability_exception_add(
        actor=world.alice, kind="blocked", start=start, end=start + timedelta(hours=2)
    )
    world.event = services.career_event_log(
        actor=world.bob,
        coachee=world.bob,
        type="job_interview",
        date=date(2030, 1, 1),
        engagement=world.engagement,  # Dana sponsors this one (Bob is in other kinds' engagements too)
    )
    world.rule = services.trigger_rule_create(
        actor=world.olga, event_type="offer", when=TriggerRule.When.ON_LOG
    )


def slug_and(attr):
    return lambda w: [w.org.slug, getattr(w, attr).uuid]


PAGES = [
    row("scheduling:calendar", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("scheduling:schedule", anon=LOGIN, alice=200, bob=403, dana=403, olga=403, carol=404),
    row("scheduling:settings", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "scheduling:engagement",
        args=slug_and("engagement"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    row(
        "scheduling:cadence",
        "POST",
        args=slug_and("engagement"),
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:session",
        args=slug_and("occurrence"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    # "Log your session": the pair records the outcome (posts without data come back as the page)
    row(
        "scheduling:session_log",
        args=slug_and("occurrence"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:session_log",
        "POST",
        args=slug_and("occurrence"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:session_cancel",
        args=slug_and("occurrence"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:session_reschedule",
        args=slug_and("occurrence"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("scheduling:availability", anon=LOGIN, alice=200, bob=403, dana=403, olga=403, carol=404),
    row(
        "scheduling:window_add",
        "POST",
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # Alice's window: others have none of their own by that id (404), or no coach role (403).
    row(
        "scheduling:window_remove",
        "POST",
        args=slug_and("window"),
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:exception_add",
        "POST",
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:exception_remove",
        "POST",
        args=slug_and("exception"),
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("scheduling:book", anon=LOGIN, alice=403, bob=200, dana=403, olga=403, carol=404),
    # An empty POST is no slot: Bob is sent back to the booking page; Alice is not the coachee.
    row(
        "scheduling:book_slot",
        "POST",
        args=slug_and("engagement"),
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("scheduling:events", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("scheduling:events_import", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "scheduling:event",
        args=slug_and("event"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    row(
        "scheduling:event_session",
        "POST",
        args=slug_and("event"),
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "scheduling:event_delete",
        "POST",
        args=slug_and("event"),
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("scheduling:triggers", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "scheduling:trigger_delete",
        "POST",
        args=slug_and("rule"),
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("scheduling:reminders", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row(
        "scheduling:feed_create",
        "POST",
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=302,
        olga=302,
        carol=404,
    ),
    row(
        "scheduling:feed_revoke",
        "POST",
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=302,
        olga=302,
        carol=404,
    ),
    # A feed address that was never issued: nobody can read it, signed in or not.
    row(
        "scheduling:feed",
        args=lambda w: ["0" * 64],
        anon=404,
        alice=404,
        bob=404,
        dana=404,
        olga=404,
        carol=404,
    ),
]
