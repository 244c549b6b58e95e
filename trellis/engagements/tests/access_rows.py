"""Page access rows for coaching sessions (collected by the page access matrix).

Alice coaches Bob in a directive GROW session with a shared note. Dana sponsors: she may know the
session happened, never open it. Olga administers: attendance only. Carol is a stranger (404).
Posts carry no data: a runner gets the page back with the problem named, or a redirect.
"""

from trellis.web.tests.access import LOGIN, row


def prepare(world):
    from trellis.engagements import services

    world.session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow", style="directive"
    )
    world.note = services.session_note_create(
        actor=world.alice,
        session=world.session,
        text="Bob named the lead role.",
        visibility="shared",
    )
    lifecycle_prepare(world)
    world.carol_session = services.coaching_session_create(actor=world.carol, framework_key="grow")


def session(w):
    return [w.org.slug, w.session.uuid]


def runners(code):
    """Coach and coachee run the session; sponsor and admin are refused; Carol learns nothing."""
    return {"anon": LOGIN, "alice": code, "bob": code, "dana": 403, "olga": 403, "carol": 404}


PAGES = [
    row(
        "engagements:session_start",
        "POST",
        lambda w: [w.org.slug, w.engagement.uuid],
        **runners(200),
    ),
    row("engagements:sessions", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row(
        "engagements:session_self_start",
        "POST",
        anon=LOGIN,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("engagements:session", args=session, **runners(200)),
    # Carol's own session asked for under Acme's address: no such thing in Acme for anyone.
    row(
        "engagements:session",
        args=lambda w: [w.org.slug, w.carol_session.uuid],
        anon=LOGIN,
        alice=404,
        bob=404,
        dana=404,
        olga=404,
        carol=404,
    ),
    row("engagements:session_move", "POST", session, **runners(200)),
    row("engagements:session_answers", "POST", session, **runners(302)),
    row("engagements:session_draft", "POST", session, **runners(204)),
    row("engagements:session_reply", "POST", session, **runners(200)),
    row(
        "engagements:session_feedback",
        "POST",
        session,
        anon=LOGIN,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("engagements:session_finish", "POST", session, **runners(302)),
    row("engagements:session_note_create", "POST", session, **runners(200)),
    row(
        "engagements:session_note_sponsor",
        "POST",
        lambda w: [w.org.slug, w.session.uuid, w.note.uuid],
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("engagements:session_summary", args=session, **runners(200)),
    row("engagements:session_export", args=session, **runners(200)),
]

# The engagement's people and life (accept, pause, end, agreement, closing review): see there.
from trellis.engagements.tests.lifecycle_access import (  # noqa: E402
    LIFECYCLE_PAGES,
    lifecycle_prepare,
)

PAGES += LIFECYCLE_PAGES
