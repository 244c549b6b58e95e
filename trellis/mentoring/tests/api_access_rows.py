"""API access rows for peer and mentoring programs: Olga runs one in which Alice mentors Bob
(a published pair); Dana is not enrolled; Carol's Globex token sees none of Acme's."""

from trellis.api.tests.access import op
from trellis.mentoring.tests.access_rows import prepare  # noqa: F401
from trellis.mentoring.tests.helpers import answers, rules_text


def p(w):
    return {"slug": w.mentoring_program.slug}


def pair(w):
    return {"slug": w.mentoring_program.slug, "pair": str(w.mentoring_pair.uuid)}


def person(w):
    return {"slug": w.mentoring_program.slug, "enrolment": str(w.mentoring_bob.uuid)}


ADMIN = {"anon": 401, "alice": 403, "bob": 403, "dana": 403, "carol": 404}
MEMBERS = {"anon": 401, "carol": 404}

OPERATIONS = [
    op("GET", "/api/v1/mentoring", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/mentoring/{slug}/setup",
        fill=p,
        body=lambda w: {"rules_text": rules_text("mentoring")},
        olga=201,
        **ADMIN,
    ),
    op(
        "GET", "/api/v1/mentoring/{slug}", fill=p, alice=200, bob=200, dana=200, olga=200, **MEMBERS
    ),
    # Dana enrols; Alice and Bob are enrolled already; Olga answers nothing
    op(
        "POST",
        "/api/v1/mentoring/{slug}/enrolments",
        fill=p,
        body=lambda w: {"role": "mentee", "answers": answers(4, "mentee")},
        alice=400,
        bob=400,
        dana=201,
        olga=201,
        **MEMBERS,
    ),
    op(
        "POST",
        "/api/v1/mentoring/{slug}/enrolments/team",
        fill=p,
        body=lambda w: {"team": "Mentoring API team", "role": "mentee"},
        olga=201,
        **ADMIN,
    ),
    # Bob gives his own answers, the admin may too; nobody else
    op(
        "PUT",
        "/api/v1/mentoring/{slug}/enrolments/{enrolment}/answers",
        fill=person,
        body=lambda w: {"answers": answers(1, "mentee")},
        alice=403,
        bob=200,
        dana=403,
        olga=200,
        **MEMBERS,
    ),
    op(
        "POST",
        "/api/v1/mentoring/{slug}/enrolments/csv",
        fill=p,
        body=lambda w: {
            "text": "email,role,grade,timezone,languages\n"
            "dana@acme.test,mentee,2,Europe/London,English\n"
        },
        olga=201,
        **ADMIN,
    ),
    op("POST", "/api/v1/mentoring/{slug}/run", fill=p, olga=202, **ADMIN),
    op(
        "GET",
        "/api/v1/mentoring/{slug}/pairs",
        fill=p,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        **MEMBERS,
    ),
    # the pair is published: it is no longer the admin's to lock
    op(
        "POST",
        "/api/v1/mentoring/{slug}/pairs/{pair}/review",
        fill=pair,
        body=lambda w: {"action": "lock"},
        olga=400,
        **ADMIN,
    ),
    op("POST", "/api/v1/mentoring/{slug}/publish", fill=p, olga=400, **ADMIN),  # nothing left
    op(
        "POST",
        "/api/v1/mentoring/{slug}/pairs/{pair}/answer",
        fill=pair,
        body=lambda w: {"yes": True},
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        **MEMBERS,
    ),
    op(
        "POST",
        "/api/v1/mentoring/{slug}/pairs/{pair}/end",
        fill=pair,
        body=lambda w: {"reason": "Moved to another role"},
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        **MEMBERS,
    ),
    op(
        "POST",
        "/api/v1/mentoring/{slug}/enrolments/{enrolment}/rematch",
        fill=person,
        olga=204,
        **ADMIN,
    ),
    op(
        "GET",
        "/api/v1/mentoring/{slug}/suggestions",
        fill=p,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        **MEMBERS,
    ),
    # not a self-match program: 400 for the enrolled; not enrolled: 403
    op(
        "POST",
        "/api/v1/mentoring/{slug}/requests",
        fill=p,
        body=lambda w: {"partner": str(w.mentoring_bob.uuid)},
        alice=400,
        bob=400,
        dana=403,
        olga=403,
        **MEMBERS,
    ),
    op("POST", "/api/v1/mentoring/{slug}/circles", fill=p, olga=201, **ADMIN),
    op("GET", "/api/v1/mentoring/{slug}/health", fill=p, olga=200, **ADMIN),
]
