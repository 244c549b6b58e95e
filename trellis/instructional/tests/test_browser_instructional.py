"""In Chromium: Alice, an instructional coach, adds an observation to Bob's Impact Cycle, takes
time-stamped notes on the live page (saved as she types), rates two rubric indicators, counts the
students on task, and records the debrief from her notes. No script is refused by the CSP."""

import pytest

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.instructional.models import ObservationNote, Rating, Tally, Visit
from trellis.instructional.tests.helpers import cycle_for

pytestmark = pytest.mark.browser


def test_a_coach_records_a_timed_observation_with_ratings_and_a_debrief(
    transactional_db, world, live_server, browser
):
    cycle = cycle_for(world)
    base = live_server.url
    page = sign_in(browser, base, world.alice)
    refused: list[str] = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(f"{base}/o/acme/instructional/cycles/{cycle.uuid}/")
    page.get_by_text("Add a visit").click()
    page.get_by_label("Kind").select_option("observation")
    page.get_by_label("Minutes").fill("40")
    page.get_by_role("button", name="Add the visit").click()
    page.get_by_role("heading", name="Observation with Bob Coachee").wait_for()
    page.locator("#clock").wait_for()
    # the page shows before its deferred script has loaded: a coach's typing is saved from then on
    page.wait_for_load_state("load")

    page.get_by_label("Note", exact=True).fill("Teacher models a timed read")
    page.get_by_text("All notes saved").wait_for()
    page.get_by_label("Note", exact=True).press("Enter")  # the next note
    page.get_by_label("Note", exact=True).fill("Pairs start at once")
    page.get_by_text("All notes saved").wait_for()
    notes = page.locator("#notes")
    notes.get_by_text("Pairs start at once").wait_for()
    assert "Teacher models a timed read" in notes.inner_text()

    page.get_by_label("Students do the thinking and the talking").select_option("3")
    page.get_by_text("Saved: Established").wait_for()
    page.get_by_label("Questions reveal thinking").select_option("2")
    page.get_by_text("Saved: Emerging").wait_for()
    page.get_by_label("On task", exact=True).fill("18")
    page.get_by_label("of present").fill("24")
    page.get_by_role("button", name="Add the sweep").click()
    page.get_by_text("18 of 24 on task").wait_for()

    page.get_by_role("link", name="Debrief this observation").click()
    page.get_by_text("Pairs start at once").wait_for()
    page.get_by_text("Students on task: 75%").wait_for()
    page.get_by_label("What we noticed").fill(
        "Pairs got going fast once the teacher modelled the read."
    )
    page.get_by_label("The adjustment for the next lesson").fill("Time each pair's third read.")
    page.get_by_role("button", name="Record the debrief").click()
    page.get_by_text("The debrief is recorded.").wait_for()

    observation = Visit.objects.get(kind="observation")
    texts = list(ObservationNote.objects.filter(visit=observation).values_list("text", flat=True))
    assert texts == ["Teacher models a timed read", "Pairs start at once"]
    assert dict(Rating.objects.filter(visit=observation).values_list("indicator", "level")) == {
        "talk": 3,
        "questions": 2,
    }
    assert Tally.objects.filter(visit=observation).count() == 1
    assert Visit.objects.get(kind="debrief").of_visit == observation
    assert not refused
