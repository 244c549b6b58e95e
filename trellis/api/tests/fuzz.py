"""Schemathesis over every operation of the OpenAPI document, as a coach, a coachee or an admin.

The three personas are three test files (test_schemathesis_coach.py, _coachee.py, _admin.py), so
that `make test` runs them on different cores; each calls `fuzz_every_operation`.

Valid and invalid requests are generated. The demo organizations are seeded; path parameters are
drawn from the demo's real objects as well as from random values, so operations are exercised past
their 404. Any 5xx, any response that breaks its declared schema, status code, content type or
headers fails the test. The figures (requests,
5xx) are printed: run with `-s` to see them.

Examples per operation and persona: API_FUZZ_EXAMPLES (default 8).
"""

import os
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from trellis.api.api import api

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "8"))
LOG = os.environ.get("API_FUZZ_LOG", "")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
PERSONAS = {"alice": "a coach", "bob": "a coachee", "olga": "an admin"}


def _known_ids() -> dict[tuple[str, str], list[str]]:
    """Real identifiers of the demo's Northwind objects, by (path prefix, parameter name)."""
    from trellis.accounts.models import Invitation, Membership
    from trellis.engagements.models import CoachingSession, Engagement, SessionNote
    from trellis.frameworks.selectors import frameworks_for
    from trellis.goals.models import Action, Goal, Review
    from trellis.scheduling.models import (
        AvailabilityException,
        CareerEvent,
        ScheduledSession,
        TriggerRule,
    )
    from trellis.teams.models import TeamAction

    def uuids(model: Any, **where: Any) -> list[str]:
        return [str(u) for u in model.objects.filter(**where).values_list("uuid", flat=True)[:5]]

    nw = {"org__slug": "northwind"}
    engagements = uuids(Engagement, **nw)
    member = Membership.objects.filter(**nw).first()
    assert member is not None
    return {
        ("", "engagement_id"): engagements,
        ("", "goal_id"): uuids(Goal, engagement__org__slug="northwind"),
        ("", "action_id"): uuids(Action, goal__engagement__org__slug="northwind"),
        ("", "review_id"): uuids(Review, engagement__org__slug="northwind"),
        ("", "member_id"): uuids(Membership, **nw),
        ("", "invitation_id"): uuids(Invitation, **nw),
        ("", "key"): [f.framework.key for f in frameworks_for(org=member.org)][:5],
        ("/api/v1/sessions", "session_id"): uuids(CoachingSession, org__slug="northwind")
        or uuids(CoachingSession),
        ("/api/v1/sessions", "note_id"): uuids(SessionNote),
        ("/api/v1/scheduling", "session_id"): uuids(
            ScheduledSession, series__engagement__org__slug="northwind"
        ),
        ("", "event_id"): uuids(CareerEvent),
        ("", "rule_id"): uuids(TriggerRule),
        ("", "exception_id"): uuids(AvailabilityException),
        ("/api/v1/teams", "uuid"): uuids(Engagement, kind="team", **nw),
        ("/api/v1/teams", "action"): uuids(TeamAction, **nw),
    }


def _ids_for(known: dict[tuple[str, str], list[str]], path: str, name: str) -> list[str]:
    for (prefix, param), values in known.items():
        if param == name and path.startswith(prefix) and prefix:
            return values
    return known.get(("", name), [])


class Tally:
    def __init__(self) -> None:
        self.statuses: Counter[int] = Counter()
        self.failures: dict[str, str] = {}

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def _fuzz(
    operation: Any, token: str, known: dict[tuple[str, str], list[str]], tally: Tally
) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    names = [p.name for p in operation.path_parameters]
    # valid requests, and requests that break the schema (wrong types, missing fields, ...)
    strategy = st.one_of(
        operation.as_strategy(),
        operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, data=st.data())
    def run(case: Any, data: Any) -> None:
        for name in names:
            real = _ids_for(known, operation.path, name)
            if real and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(real))
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        tally.statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except (
        Exception,
        BaseExceptionGroup,
    ) as exc:  # collect every operation's failure, then fail once
        tally.failures[label] = f"{type(exc).__name__}: {str(exc)[:1500]}"


def fuzz_every_operation(persona: str) -> None:
    """Seed the demo, then fuzz every operation with the persona's token; fail once with every failure."""
    from trellis.accounts import services
    from trellis.accounts.models import Membership
    from trellis.web.demo import seed

    seed()
    member = Membership.objects.get(
        org__slug="northwind", user__email=f"{persona}@northwind.example"
    )
    token = services.api_token_create(member=member, name="fuzz")[1]
    known = _known_ids()

    raw = api.get_openapi_schema(path_prefix="/api/v1")
    schema = schemathesis.openapi.from_dict(dict(raw))
    schema.app = get_wsgi_application()
    operations = [result.ok() for result in schema.get_all_operations()]
    # deletes last, so that the other operations still find the demo's objects
    operations.sort(key=lambda o: o.method.upper() == "DELETE")
    assert len(operations) == sum(len(ops) for ops in raw["paths"].values())

    tally = Tally()
    for operation in operations:
        _fuzz(operation, token, known, tally)
    print(  # noqa: T201 - the figures the issue asks for
        f"schemathesis as {PERSONAS[persona]}: {len(operations)} operations, {tally.requests} "
        f"requests, {tally.server_errors} 5xx, statuses {dict(sorted(tally.statuses.items()))}"
    )
    assert not tally.failures, "\n\n".join(f"{k}\n{v}" for k, v in tally.failures.items())


@pytest.fixture
def production_answers(settings: Any) -> None:
    # the WSGI handler answers as a production server would: no DEBUG pages
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
