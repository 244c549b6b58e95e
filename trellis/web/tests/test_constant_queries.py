"""Every list page answers in a constant number of queries: as many with 30 coachees as with 3.

Each page is asked twice at each size (the first request warms what a running server keeps);
the second request's queries are counted. Timings are benchmarks/web.py's business, not these.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.web.tests.bulk import grow, grow_plan

# (persona, path); {e} is Bob's engagement with Alice (sponsored by Dana).
PAGES = {
    "coachee home": ("bob", "/o/acme/"),
    "coachee engagement page": ("bob", "/o/acme/engagements/{e}/"),
    "My plan": ("bob", "/o/acme/plan/"),
    "engagement plan (coach)": ("alice", "/o/acme/engagements/{e}/plan/"),
    "engagement plan (sponsor)": ("dana", "/o/acme/engagements/{e}/plan/"),
    "coach home": ("alice", "/o/acme/"),
    "week calendar": ("alice", "/o/acme/calendar/"),
    "agenda": ("alice", "/o/acme/calendar/?view=agenda"),
    "coach schedule": ("alice", "/o/acme/calendar/schedule/"),
    "coach Plans": ("alice", "/o/acme/plans/"),
    "coach Plans needing attention": ("alice", "/o/acme/plans/?attention=needs"),
    "coach Events": ("alice", "/o/acme/events/"),
    "sponsor home": ("dana", "/o/acme/"),
    "sponsor Plans": ("dana", "/o/acme/plans/"),
    "admin home": ("olga", "/o/acme/"),
    # its counts are kept a minute: counted again on every visit here
    "admin home, counted afresh": ("olga", "/o/acme/?recount=1"),
    "admin People": ("olga", "/o/acme/people/"),
    "admin Outcomes": ("olga", "/o/acme/outcomes/"),
    "admin Outcomes, one team": ("olga", "/o/acme/outcomes/?team=1&period=90d"),
    "coach Outcomes": ("alice", "/o/acme/outcomes/"),
    "sponsor Outcomes": ("dana", "/o/acme/outcomes/"),
    "admin People searched": ("olga", "/o/acme/people/?q=coachee&role=coachee&team=Sales"),
    "admin Events": ("olga", "/o/acme/events/"),
    "admin Plans": ("olga", "/o/acme/plans/"),
    "admin audit log": ("olga", "/o/acme/audit/"),
    "coach Engagements": ("alice", "/o/acme/engagements/"),
    "sponsor Engagements": ("dana", "/o/acme/engagements/"),
    "admin Engagements": ("olga", "/o/acme/engagements/"),
    "admin Engagements searched": ("olga", "/o/acme/engagements/?q=coachee&status=active"),
}


def _count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_it_answers_a_page_in_as_many_queries_for_30_coachees_as_for_3(page, world, login):
    persona, template = PAGES[page]
    path = template.format(e=world.engagement.uuid)
    grow(world.org, coachees=3, coach=world.alice, sponsor=world.dana)
    grow_plan(world.engagement, goals=1)
    client = login(world.member(persona))
    small = _count(client, path)
    grow(
        world.org, coachees=27, coach=world.alice, sponsor=world.dana, for_coach=20, extra_coaches=2
    )
    grow_plan(world.engagement, goals=4)
    assert _count(client, path) == small
