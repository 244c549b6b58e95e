"""Reads of mentoring programs for pages, the API and other apps."""

from typing import Any

from trellis.programs.models import Program

from .models import Enrolment


def enrolment_attributes(program: Program) -> dict[int, dict[str, Any]]:
    """The enrolment answers of a program's current participants, keyed by membership id.

    Each value is a dict keyed by the attribute names the program's matching rules use
    ("offers", "needs", "department", "grade", "languages", "timezone", "availability",
    "about", ...), plus "role" (the side: mentor/mentee, or "person" in peer programs). List
    attributes are lists of strings. Withdrawn people are left out. Meant for "people most like
    you" and other comparisons by the same attributes the matching uses; the answers are the
    person's own: show others only what they compare, never the raw free text.
    """
    rows = Enrolment.objects.filter(program=program).exclude(status=Enrolment.Status.WITHDRAWN)
    return {
        e.member_id: {**e.answers, "role": e.role}
        for e in rows.only("member_id", "answers", "role")
    }


def program_url(program: Program) -> str:
    from django.conf import settings
    from django.urls import reverse

    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return base + reverse("mentoring:program", args=[program.org.slug, program.slug])
