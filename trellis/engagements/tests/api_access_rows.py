"""API access rows for coaching sessions and their notes (collected by the API access matrix).

Alice coaches Bob in a directive GROW session; Dana sponsors (she may know the session happened,
never read it); Olga administers (counts only); Carol's token speaks for Globex.
"""

from trellis.api.tests.access import op


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


def session(w):
    return {"session_id": str(w.session.uuid)}


def note(w):
    return {"session_id": str(w.session.uuid), "note_id": str(w.note.uuid)}


RUNNERS = {"anon": 401, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}

OPERATIONS = [
    op("GET", "/api/v1/sessions", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/sessions",
        body=lambda w: {"engagement_id": str(w.engagement.uuid), "framework_key": "grow"},
        # Carol's token speaks for Globex, where Acme's engagement does not exist: a named field.
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=400,
    ),
    op("GET", "/api/v1/sessions/{session_id}", fill=session, **RUNNERS),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/answers",
        fill=session,
        body=lambda w: {"stage": "goal", "answers": {"goal": {"statement": "Lead the team"}}},
        **RUNNERS,
    ),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/move",
        fill=session,
        body=lambda w: {"stage": "reality"},
        **RUNNERS,
    ),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/replies",
        fill=session,
        body=lambda w: {"question_id": "goal/directive/0", "reply": "Done"},
        **RUNNERS,
    ),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/feedback",
        fill=session,
        body=lambda w: {"text": "A clear goal."},
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("POST", "/api/v1/sessions/{session_id}/finish", fill=session, **RUNNERS),
    # Dana reads only notes Bob shared with her, Olga none: both get a list, never content.
    op(
        "GET",
        "/api/v1/sessions/{session_id}/notes",
        fill=session,
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/notes",
        fill=session,
        body=lambda w: {"text": "Follow up on the budget.", "visibility": "shared"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/sessions/{session_id}/notes/{note_id}/sponsor",
        fill=note,
        body=lambda w: {"shared": True},
        anon=401,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
]

# The engagement's people and life (accept, pause, end, agreement, closing review): see there.
from trellis.engagements.tests.lifecycle_access import (  # noqa: E402
    LIFECYCLE_OPERATIONS,
    lifecycle_prepare,
)

OPERATIONS += LIFECYCLE_OPERATIONS
