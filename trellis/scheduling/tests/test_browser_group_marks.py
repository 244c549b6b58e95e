"""In Chromium: Alice marks a group session per member (Erin attended, Finn cancelled late); Dana,
the group's sponsor, then sees Erin's mark (Erin reports to her) and not Finn's; Alice's calendar
names the group, not Erin."""

import pytest

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.scheduling.models import MemberAttendance
from trellis.scheduling.tests.test_group_member_marks import sponsored  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_the_coach_marks_a_late_cancellation_and_the_sponsor_sees_their_coachee_only(
    transactional_db,
    world,
    sponsored,  # noqa: F811
    live_server,
    browser,
):
    _group, first, _erin, _finn = sponsored
    base = live_server.url
    alice = sign_in(browser, base, world.alice)
    alice.goto(f"{base}/o/acme/calendar/sessions/{first.uuid}/log/")
    alice.locator("#id_present").get_by_label("Erin").check()
    alice.locator("#id_late_cancelled").get_by_label("Finn").check()
    alice.get_by_role("button", name="Record who attended").click()
    alice.get_by_text("Attendance recorded for each member.").wait_for()
    assert "Finn: Late cancellation" in alice.locator("#member-marks").inner_text()
    marks = dict(MemberAttendance.objects.values_list("member__user__name", "mark"))
    assert marks == {"Erin": "held", "Finn": "late_cancellation"}
    alice.goto(f"{base}/o/acme/calendar/?view=agenda&day={first.start.date().isoformat()}")
    assert "New managers" in alice.content()

    dana = sign_in(browser, base, world.dana)
    dana.goto(f"{base}/o/acme/calendar/sessions/{first.uuid}/")
    shown = dana.locator("#member-marks").inner_text()
    assert "Erin: Attended" in shown and "Finn" not in shown
