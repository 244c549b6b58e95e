"""Issue 16: a student measure is 'the share of a class, or of the students at risk of falling
behind, reaching a standard'. A goal for the students at risk is written through the API, the
cycle's page names the group, its checks count that group (counts only) on the goal chart; a group
that is neither is refused naming 'group'."""

import json

from django.urls import reverse

from trellis.instructional import selectors
from trellis.instructional.models import Cycle
from trellis.instructional.tests.helpers import cycle_for

BASE = "/api/v1/instructional"


def test_a_goal_for_the_students_at_risk_counts_that_group(world, client, api_token):
    cycle = cycle_for(world)
    headers = {"Authorization": f"Bearer {api_token(world.alice)}"}
    url = f"{BASE}/cycles/{cycle.uuid}"
    put = client.put(
        url, json.dumps({"group": "at_risk"}), content_type="application/json", headers=headers
    )
    assert put.status_code == 200 and put.json()["content"]["group"] == "at_risk"
    checks = f"{url}/checks"
    for students, reached in ((6, 2), (6, 4)):
        made = client.post(
            checks,
            json.dumps({"students": students, "reached": reached, "taken_on": "2026-10-01"}),
            content_type="application/json",
            headers=headers,
        )
        assert made.status_code in (200, 201), made.content
    cycle.refresh_from_db()
    assert cycle.group == Cycle.Group.AT_RISK
    assert "67" in selectors.evidence_chart(cycle)  # 4 of the 6 students at risk
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("instructional:cycle", args=["acme", cycle.uuid])).content.decode()
    assert "The students at risk of falling behind" in page


def test_a_group_that_is_neither_is_refused_naming_it(world, client, api_token):
    cycle = cycle_for(world)
    headers = {"Authorization": f"Bearer {api_token(world.alice)}"}
    bad = client.put(
        f"{BASE}/cycles/{cycle.uuid}",
        json.dumps({"group": "everyone"}),
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code in (400, 422) and "group" in json.dumps(bad.json())
    cycle.refresh_from_db()
    assert cycle.group == Cycle.Group.CLASS
