"""API access rows for schools (collected by the API access matrix): the same rules as the pages
(see access_rows.py). Carol's Globex token sees none of Acme's schools (404)."""

from trellis.api.tests.access import op
from trellis.schools.tests.access_rows import prepare  # noqa: F401

BASE = "/api/v1/schools"


def _school(w):
    return {"uuid": str(w.school.uuid)}


def _teacher(w):
    return {"uuid": str(w.teacher.uuid)}


def _community(w):
    return {"uuid": str(w.community.uuid)}


def _assignment(w):
    return {"uuid": str(w.school.uuid), "assignment": str(w.coach_assignment.uuid)}


def _present(w):
    return {"on": "2026-10-01", "minutes": 45, "present": [str(w.bob.uuid)]}


OPERATIONS = [
    op("GET", BASE, anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    # a row with an unknown role: refused with the row's problem (400), admins only
    op(
        "POST",
        BASE + "/import",
        body=lambda w: {"csv": "email,school,role\nnobody@acme.test,Lincoln,dean\n"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=400,
        carol=400,
    ),
    op("GET", BASE + "/settings", anon=401, alice=403, bob=403, dana=403, olga=200, carol=200),
    op(
        "PUT",
        BASE + "/settings",
        body=lambda w: {"kind": "district", "hours_target": 25, "year_starts_month": 9},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=200,
    ),
    op(
        "POST",
        BASE + "/{uuid}/communities",
        fill=_school,
        body=lambda w: {
            "name": "Maths team",
            "focus": "subject",
            "subject": "Mathematics",
            "invite": [str(w.bob.uuid)],
        },
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=404,
    ),
    # no school goal has this id: 400 for those who manage the community
    op(
        "POST",
        BASE + "/communities/{uuid}/goals",
        fill=_community,
        body=lambda w: {"title": "Explain in writing", "parent": str(w.community.uuid)},
        anon=401,
        alice=400,
        bob=403,
        dana=403,
        olga=400,
        carol=404,
    ),
    # the school's principals and admins (its coach sees each teacher instead); a teacher sees
    # only their own hours
    op(
        "GET",
        BASE + "/{uuid}/hours",
        fill=_school,
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "GET",
        BASE + "/teachers/{uuid}",
        fill=_teacher,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "GET",
        BASE + "/teachers/{uuid}/hours",
        fill=_teacher,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "GET",
        BASE + "/teachers/{uuid}/activities",
        fill=_teacher,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        BASE + "/teachers/{uuid}/activities",
        fill=_teacher,
        body=lambda w: {"type": "workshop", "kind": "group", "on": "2026-10-01", "minutes": 60},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=201,
        carol=404,
    ),
    op(
        "GET",
        BASE + "/communities/{uuid}",
        fill=_community,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        BASE + "/communities/{uuid}/respond",
        fill=_community,
        body=lambda w: {"accept": True},
        anon=401,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        BASE + "/communities/{uuid}/huddles",
        fill=_community,
        body=_present,
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    # a school's staff and teachers are set by admins only
    op(
        "GET",
        BASE + "/{uuid}/staff",
        fill=_school,
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        BASE + "/{uuid}/staff",
        fill=_school,
        body=lambda w: {"role": "principal", "member": str(w.dana.uuid)},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=404,
    ),
    op(
        "DELETE",
        BASE + "/{uuid}/staff/{assignment}",
        fill=_assignment,
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=204,
        carol=404,
    ),
    op(
        "POST",
        BASE + "/{uuid}/teachers",
        fill=_school,
        body=lambda w: {"member": str(w.dana.uuid), "grades": ["4"], "subjects": ["Art"]},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=404,
    ),
]
