"""In Chromium: the principal of Lincoln Elementary opens the school's page, sees the five-feature
totals of the school's professional learning (five teachers: the anonymity threshold), no teacher's
own hours (a teacher's page answers 403), and none of the observation notes the instructional coach
wrote in the teachers' Impact Cycles (the instructional demo)."""

import pytest

from trellis.schools.models import School

pytestmark = pytest.mark.browser

PASSWORD = "a-browser-test-password-9"


def _observation_texts() -> list[str]:
    try:
        from trellis.instructional import demo as instructional_demo
    except ImportError:  # the instructional app is not there: nothing of it can show
        return []
    texts = [text for _, notes, _, _ in instructional_demo.OBSERVATIONS for _, text in notes]
    texts += [t for pair in instructional_demo.DEBRIEFS for t in pair]
    return [*texts, instructional_demo.GOAL, instructional_demo.STRATEGY]


def test_a_principal_sees_five_feature_totals_and_no_observation_content(
    transactional_db, live_server, browser
):
    from trellis.accounts.demo import orgs
    from trellis.schools import demo

    people = orgs()
    demo.seed(people)
    try:
        from trellis.instructional import demo as instructional_demo

        instructional_demo.seed(people)
    except ImportError:
        pass
    lincoln = School.objects.get(org__slug="riverside", name="Lincoln Elementary")
    paula = lincoln.assignments.get(role="principal").membership
    paula.user.set_password(PASSWORD)
    paula.user.save()
    base = live_server.url
    page = browser.new_context().new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(paula.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/o/riverside/**")
    page.goto(f"{base}/o/riverside/schools/")
    page.get_by_role("link", name="Lincoln Elementary").click()
    page.get_by_role("heading", name="Lincoln Elementary").wait_for()
    page.locator("summary", has_text="The table behind the charts").click()
    table = page.get_by_test_id("feature-table")
    for feature in ("Content focus", "Active learning", "Coherence", "Sustained duration"):
        assert feature in table.inner_text()
    assert "Collective participation" in table.inner_text()
    assert page.locator("svg.trellis-bar-chart").count() == 2
    seen = [page.content()]
    # the school's totals only: no teacher's own hours, no link to a teacher's page
    assert page.get_by_role("link", name="Tom Becker").count() == 0
    assert "Tom Becker" in page.content() and "Hours this year" not in page.content()
    tom = lincoln.teachers.get(membership__user__email="tom@riverside.example")
    answer = page.goto(f"{base}/o/riverside/schools/teachers/{tom.uuid}/")
    assert answer is not None and answer.status == 403
    seen.append(page.content())
    texts = _observation_texts()
    leaked = [t for t in texts for body in seen if t in body]
    assert not leaked, f"the principal saw coaching content: {leaked}"
