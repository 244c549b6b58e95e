"""docs/confidentiality.md's table, checked against the product: one test per row and person.

The table is read from the document itself, so the page and the code cannot drift apart. Each row
key has a check below that asks the real door (pages, the API, the policy the views ask) whether the
person sees the thing; a row without a check, or a check without a row, fails.
"""

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trellis.accounts import policy
from trellis.accounts.models import Membership, User

DOC = Path(__file__).resolve().parents[3] / "docs" / "confidentiality.md"
COLUMNS = {
    "Coachee": "bob",
    "Their coach": "alice",
    "Sponsor": "dana",
    "Org admin": "olga",
    "Anyone else": "marcus",
}
EVENT_TITLE = "Interview for the director role at Globex"
REFLECTION = "I decided to ask for the brief on Monday."
STAKEHOLDER_CHECK = (
    Path(__file__).resolve().parents[3] / "docs/examples/instruments/stakeholder-check.toml"
)


def table() -> list[tuple[str, dict[str, bool]]]:
    """(key, {persona: sees it}) for each row; a cell reads yes, no or 'yes, <condition>'."""
    lines = [line for line in DOC.read_text().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        key = re.fullmatch(r"`([a-z-]+)`", cells[0])
        assert key, f"docs/confidentiality.md: a row must start with a `key`, found {cells[0]!r}"
        expect = {}
        for column, persona in COLUMNS.items():
            cell = cells[header.index(column)].lower()
            assert cell.startswith(("yes", "no")), f"{key.group(1)}, {column}: {cell!r}"
            expect[persona] = cell.startswith("yes")
        rows.append((key.group(1), expect))
    return rows


@pytest.fixture
def told(world, django_capture_on_commit_callbacks):
    """Bob's coaching with everything the table speaks of; he shares his trend with Alice and one
    goal and one note with Dana, by name. Marcus coaches other people."""
    from trellis.engagements import services as engagements
    from trellis.engagements.tests import agreements
    from trellis.goals import services as goals
    from trellis.insights import services as insights
    from trellis.scheduling import services as scheduling

    w: Any = world
    user = User.objects.create(email="marcus@acme.test", name="Marcus Coach")
    w.marcus = Membership.objects.create(org=w.org, user=user, is_coach=True)
    w.session = engagements.coaching_session_create(
        actor=w.alice, engagement=w.engagement, framework_key="grow", topic="Asking for the lead"
    )
    w.private_note = engagements.session_note_create(
        actor=w.alice, session=w.session, text="He hesitates", visibility="private"
    )
    note = engagements.session_note_create(actor=w.bob, session=w.session, text="Ask by Friday")
    w.shared_note = engagements.session_note_share_with_sponsor(actor=w.bob, note=note, shared=True)
    w.private_goal = goals.goal_create(
        actor=w.bob, owner=w.bob, engagement=w.engagement, title="Private goal"
    )
    w.shared_goal = goals.goal_create(
        actor=w.bob, owner=w.bob, engagement=w.engagement, title="Shared goal", visibility="shared"
    )
    insights.preference_update(actor=w.bob, language_insight=True, trend_shared_with=w.alice)
    insights.reflection_create(actor=w.bob, text=REFLECTION)
    w.event = scheduling.career_event_log(
        actor=w.bob,
        coachee=w.bob,
        type="job_interview",
        date=date(2026, 3, 10),
        title=EVENT_TITLE,
        notes="Bring the case study",
    )
    w.series = scheduling.session_schedule(
        actor=w.alice,
        engagement=w.engagement,
        start=datetime(2030, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/London")),
        title="Rehearse the ask",
    )
    # the sponsor's column is the table's ceiling: an accepted agreement listing every item
    agreements.agree(w.engagement)
    _instruments(w)
    _program(w)
    return w


def _instruments(w: Any) -> None:
    """Alice sends the coaching alliance check (only Bob answers: below the threshold) and a
    stakeholder check that three people outside Trellis answer (at its threshold of 3); both
    closed."""
    from trellis.instruments import services as instruments
    from trellis.instruments.tests.helpers import alliance_for, full_answers

    w.alliance = alliance_for(w)
    w.bob_answers = full_answers("coaching-alliance", 2)
    bob = w.alliance.respondents.get(member=w.bob)
    instruments.answers_submit(respondent=bob, answers=w.bob_answers)
    instruments.administration_close(actor=w.alice, administration=w.alliance)
    instruments.instrument_import(org=w.org, text=STAKEHOLDER_CHECK.read_bytes(), source="s.toml")
    w.ratings = instruments.administration_create(
        actor=w.alice,
        key="stakeholder-check",
        target="engagement",
        engagement=w.engagement,
        stakeholders=[(f"peer{i}@partner.example", f"Peer {i}") for i in range(3)],
    )
    for respondent in w.ratings.respondents.all():
        answers = {"listening": 4, "delegating": 3, "overall": 4}
        instruments.answers_submit(respondent=respondent, answers=answers)
    instruments.administration_close(actor=w.alice, administration=w.ratings)


def _program(w: Any) -> None:
    """Olga runs a mentoring program; Bob is enrolled, Alice is in its pool."""
    from django.utils import timezone

    from trellis.programs import services as programs

    pool = [programs.PoolPlace(w.alice, 2, "")]
    w.program = programs.program_create(
        actor=w.olga,
        template_key="mentoring",
        name="Mentors",
        starts_on=timezone.localdate(),
        pool=pool,
    )
    programs.program_enrol(actor=w.olga, program=w.program, members=[w.bob])


def _fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def _allows(action: str, attribute: str) -> Any:
    return lambda w, m, **_: policy.allows(m, action, _fresh(getattr(w, attribute)))


def _trend(w: Any, m: Membership, **_: Any) -> bool:
    from trellis.insights.selectors import preference_of

    return policy.allows(m, "language.trend.read", preference_of(member=w.bob))


def _reflections(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    response = client.get(
        "/api/v1/insights/reflections", headers={"Authorization": f"Bearer {api_token(m)}"}
    )
    return REFLECTION in response.content.decode()


def _event_title(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    headers = {"Authorization": f"Bearer {api_token(m)}"}
    api = client.get(f"/api/v1/scheduling/events/{w.event.uuid}", headers=headers)
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/events/{w.event.uuid}/").content.decode()
    listing = client.get("/o/acme/events/").content.decode()
    seen = [EVENT_TITLE in text for text in (api.content.decode(), page, listing)]
    assert len(set(seen)) == 1, f"the API and the pages disagree: {seen}"
    return seen[0]


def _engagement_topic(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/engagements/{w.engagement.uuid}/")
    return page.status_code == 200 and w.engagement.topic in page.content.decode()


def _api(client: Any, api_token: Any, m: Membership, path: str) -> Any:
    return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {api_token(m)}"})


def _instrument_answers(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    response = _api(client, api_token, m, f"/administrations/{w.alliance.uuid}")
    mine = response.json().get("mine") if response.status_code == 200 else None
    return bool(mine) and mine["answers"] == w.bob_answers


def _aggregate(attribute: str) -> Any:
    def check(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
        response = _api(client, api_token, m, f"/administrations/{getattr(w, attribute).uuid}")
        return response.status_code == 200 and response.json()["aggregate"] is not None

    return check


def _program_funnel(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    api = _api(client, api_token, m, f"/programs/{w.program.slug}")
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/programs/{w.program.slug}/")
    seen = [
        api.status_code == 200 and api.json()["funnel"] is not None,
        page.status_code == 200 and 'class="funnel"' in page.content.decode(),
    ]
    assert len(set(seen)) == 1, f"the API and the page disagree: {seen}"
    return seen[0]


def _team(w: Any) -> Any:
    """The Platform team (Bob among its five members), coached by Alice, sponsored by Dana: a
    charter, an action, and a pulse every member answered (so it is over, at the threshold)."""
    if not hasattr(w, "team_engagement"):
        from trellis.teams import services as teams
        from trellis.teams.tests.helpers import answered_pulse, pulse_answers, team_for

        team = team_for(w)
        teams.charter_save(actor=w.alice, engagement=team, purpose="Run the payments platform")
        teams.action_add(actor=w.alice, engagement=team, title="Write the runbook", owner=w.bob)
        answered_pulse(w, team, [(p, pulse_answers()) for p in w.team_people])
    return w.team_engagement


def _team_page(w: Any, m: Membership, client: Any, text: str) -> bool:
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/teams/{_team(w).uuid}/")
    return page.status_code == 200 and text in page.content.decode()


def _team_charter(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    api = _api(client, api_token, m, f"/teams/{_team(w).uuid}/charter")
    seen = [api.status_code == 200, _team_page(w, m, client, "Run the payments platform")]
    assert len(set(seen)) == 1, f"the API and the page disagree: {seen}"
    return seen[0]


def _team_pulse(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    api = _api(client, api_token, m, f"/teams/{_team(w).uuid}/pulse")
    shown = api.status_code == 200 and bool(api.json()["pulses"][0]["dimensions"])
    seen = [shown, _team_page(w, m, client, 'id="pulse-figures"')]
    assert len(set(seen)) == 1, f"the API and the page disagree: {seen}"
    return seen[0]


def _team_work(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    api = _api(client, api_token, m, f"/teams/{_team(w).uuid}/actions")
    seen = [api.status_code == 200, _team_page(w, m, client, "Write the runbook")]
    assert len(set(seen)) == 1, f"the API and the page disagree: {seen}"
    return seen[0]


def _business_goals(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    return _api(client, api_token, m, "/business-goals").status_code == 200


def _learning_hours(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    """Bob teaches at Lincoln Elementary, where Alice is the instructional coach; his page shows
    his hours by feature."""
    from trellis.schools.tests.helpers import school_for

    if not hasattr(w, "lincoln"):
        w.lincoln = school_for(w)
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/schools/teachers/{w.bob.teacher_profile.uuid}/")
    return page.status_code == 200 and "Hours by feature" in page.content.decode()


def _cycle_page(w: Any, m: Membership, client: Any) -> Any:
    """Bob's Impact Cycle with Alice (Dana sponsors the instructional engagement), which Bob shares
    with Dana by name; an observation with a note."""
    from trellis.instructional import services as instructional
    from trellis.instructional.tests.helpers import cycle_for, observation_for

    if not hasattr(w, "cycle"):
        observation_for(w, cycle_for(w))
        instructional.cycle_share(actor=w.bob, cycle=w.cycle, person=w.dana)
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(f"/o/acme/instructional/cycles/{w.cycle.uuid}/")


def _cycle_content(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    from trellis.instructional.tests.helpers import GOAL

    page = _cycle_page(w, m, client)
    return page.status_code == 200 and GOAL in page.content.decode()


def _cycle_runs(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    page = _cycle_page(w, m, client)
    return page.status_code == 200 and "Stage: <strong>Identify</strong>" in page.content.decode()


def _group(w: Any) -> Any:
    """The New managers cohort (Bob and four more), coached by Alice, Dana named as sponsor; Bob
    wrote one item at each level; Bob's deal in his coaching with Alice, shared with Dana."""
    if not hasattr(w, "group_engagement"):
        from trellis.groups import sales_services
        from trellis.groups.tests.helpers import group_for, items_at_each_level

        w.group_items = items_at_each_level(w, group_for(w))
        w.deal = sales_services.deal_create(
            actor=w.bob, engagement=w.engagement, name="Globex renewal", value=50000
        )
        sales_services.deal_share(actor=w.bob, deal=w.deal, manager=w.dana)
    return w.group_engagement


def _group_item(level: str) -> Any:
    def check(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
        text = f"Bob's {level} reflection"
        api = _api(client, api_token, m, f"/groups/{_group(w).uuid}/items")
        listed = api.status_code == 200 and any(i["text"] == text for i in api.json()["items"])
        allowed = policy.allows(_fresh(m), "group.item.read", _fresh(w.group_items[level]))
        assert listed == allowed, f"the API and the policy disagree: {[listed, allowed]}"
        return listed

    return check


def _group_totals(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    return _api(client, api_token, m, f"/groups/{_group(w).uuid}/totals").status_code == 200


def _deals(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    _group(w)
    return _api(client, api_token, m, f"/deals/{w.deal.uuid}").status_code == 200


def _pipeline(w: Any, m: Membership, **_: Any) -> bool:
    """Bob's deal is among those the person's pipeline counts."""
    from trellis.groups.sales_selectors import pipeline_deals

    _group(w)
    m = _fresh(m)
    return (
        policy.allows(m, "pipeline.view") and pipeline_deals(member=m).filter(pk=w.deal.pk).exists()
    )


def _outcomes(w: Any, m: Membership, **_: Any) -> bool:
    """Bob's engagement is among the facts the person's outcome dashboard counts."""
    from trellis.outcomes.selectors import facts_for

    return any(f.person == w.bob.pk for f in facts_for(member=_fresh(m)).facts)


def _stakeholder_plan(w: Any) -> Any:
    """Bob's leadership goal with four stakeholders outside Trellis, who all answered a round (a
    round shows its figures once over)."""
    if not hasattr(w, "stakeholder_plan"):
        from trellis.stakeholders.tests.helpers import answer, plan_with_stakeholders, send_round

        w.stakeholder_plan = plan_with_stakeholders(w)
        for token in list(send_round(w.stakeholder_plan).values()):
            answer(token, improvement=2, text="Ask the quiet ones first")
    return w.stakeholder_plan


def _stakeholder_api(w: Any, m: Membership, client: Any, api_token: Any) -> Any:
    plan = _stakeholder_plan(w)
    return _api(client, api_token, m, f"/stakeholders/goals/{plan.leadership_goal.uuid}")


def _stakeholder_feedback(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    response = _stakeholder_api(w, m, client, api_token)
    return response.status_code == 200 and any(
        r["shown"] and r["behaviours"] for r in response.json()["rounds"]
    )


def _stakeholder_who(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    """A stakeholder's name or address next to what they answered, anywhere in the rounds."""
    import json

    response = _stakeholder_api(w, m, client, api_token)
    if response.status_code != 200:
        return False
    rounds = json.dumps(response.json()["rounds"]).lower()
    people = _stakeholder_plan(w).stakeholders.all()
    return any(p.name.lower() in rounds or p.email in rounds for p in people)


def _efficacy_page(w: Any, m: Membership, client: Any, text: str) -> bool:
    """Whether the text shows on the member's own confidence page or the program's stories page."""
    from django.urls import reverse

    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    pages = [reverse("efficacy:mine", args=[w.org.slug])]
    pages.append(reverse("efficacy:program", args=[w.org.slug, w.program.slug]))
    return any(
        text in client.get(page).content.decode()
        for page in pages
        if client.get(page).status_code == 200
    )


def _small_wins(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    from trellis.efficacy import services as efficacy

    efficacy.win_add(actor=w.bob, text="I can chair a hard meeting")
    return _efficacy_page(w, m, client, "I can chair a hard meeting")


def _moods(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    from trellis.efficacy import services as efficacy

    efficacy.mood_add(actor=w.bob, level=1)
    return _efficacy_page(w, m, client, "Lately: Low")


def _story(w: Any, publish: bool) -> None:
    from trellis.efficacy import services as efficacy

    story = efficacy.story_submit(
        actor=w.bob, program=w.program, title="The day I said no", text="I declined a project."
    )
    if publish:
        efficacy.story_review(actor=w.olga, story=story, decision="publish")


def _story_waiting(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    _story(w, publish=False)
    return _efficacy_page(w, m, client, "The day I said no")


def _story_published(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    _story(w, publish=True)
    return _efficacy_page(w, m, client, "The day I said no")


def _encouragement(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    from trellis.efficacy import services as efficacy
    from trellis.programs import services as programs

    user = User.objects.create(email="erin@acme.test", name="Erin Peer")
    erin = Membership.objects.create(org=w.org, user=user, is_coachee=True)
    programs.program_enrol(actor=w.olga, program=w.program, members=[erin])
    efficacy.note_send(actor=erin, program=w.program, recipient=w.bob, text="You were brilliant")
    return _efficacy_page(w, m, client, "You were brilliant")


def _efficacy_change(w: Any, m: Membership, **_: Any) -> bool:
    from trellis.efficacy.selectors import ProgramScope

    return policy.allows(m, "efficacy.change.read", ProgramScope(_fresh(w.program)))


def _mentoring(w: Any) -> Any:
    """Bob, a mentee, matched with Pia, a mentor who is none of the personas: published."""
    if getattr(w, "mentoring_program", None) is None:
        from trellis.mentoring import services as mentoring
        from trellis.mentoring.tests.helpers import answers, mentoring_program

        program = mentoring_program(w.olga, name="Mentoring check")
        user = User.objects.create(email="pia@acme.test", name="Pia Mentor")
        pia = Membership.objects.create(org=w.org, user=user)
        mentoring.enrol(actor=pia, program=program, role="mentor", answers=answers(0, "mentor"))
        mine = {**answers(4, "mentee"), "about": "I freeze in big meetings"}
        mentoring.enrol(actor=w.bob, program=program, role="mentee", answers=mine)
        mentoring.match_request(actor=w.olga, program=program)
        mentoring.publish(actor=w.olga, program=program)
        w.mentoring_program = program
    return w.mentoring_program


def _mentoring_page(w: Any, m: Membership, client: Any, text: str) -> bool:
    program = _mentoring(w)
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(f"/o/{w.org.slug}/mentoring/{program.slug}/")
    return response.status_code == 200 and text in response.content.decode()


def _mentoring_answers(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    return _mentoring_page(w, m, client, "I freeze in big meetings")


def _mentoring_why(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    return _mentoring_page(w, m, client, "musts met: mentor is more senior")


def _leadership_page(w: Any, m: Membership, client: Any, path: str, text: str) -> bool:
    client.force_login(m.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/leadership/{path}")
    return page.status_code == 200 and text in page.content.decode()


def _leadership_goal(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    from trellis.leadership import services as leadership
    from trellis.leadership.tests.helpers import BEHAVIOURS, leadership_goal_for

    if not hasattr(w, "leadership"):
        w.leadership = leadership_goal_for(w)
        leadership.experiment_add(leadership=w.leadership, hypothesis="Quiet first", test="Twice")
    page = _leadership_page(w, m, client, f"goals/{w.leadership.uuid}/", BEHAVIOURS[0])
    api = _api(client, api_token, m, f"/leadership/goals/{w.leadership.uuid}")
    assert page is (api.status_code == 200), "the API and the page disagree"
    return page


def _decision_record(w: Any, m: Membership, client: Any, api_token: Any, **_: Any) -> bool:
    from trellis.leadership.models import DecisionRecord

    if not hasattr(w, "decision"):
        w.decision = DecisionRecord.objects.create(
            org=w.org, owner=w.bob, engagement=w.engagement, question="Move Sam?", options="Now"
        )
    page = _leadership_page(w, m, client, f"decisions/{w.decision.uuid}/", "Move Sam?")
    api = _api(client, api_token, m, f"/leadership/decisions/{w.decision.uuid}")
    assert page is (api.status_code == 200), "the API and the page disagree"
    return page


def _mission(w: Any, m: Membership, client: Any, **_: Any) -> bool:
    from trellis.leadership import services as leadership

    if not hasattr(w, "mission_part"):
        w.mission_part = leadership.mission_part_save(org=w.org, kind="value", name="Candour")
    return _leadership_page(w, m, client, "mission/", "Candour")


CHECKS = {
    "private-notes": _allows("note.private.read", "private_note"),
    "shared-notes": _allows("note.shared.read", "shared_note"),
    "session-topic": _allows("session.content.read", "session"),
    "goals": _allows("goal.read", "private_goal"),
    "goal-summaries": _allows("goal.summary.read", "shared_goal"),
    "language-trend": _trend,
    "reflections": _reflections,
    "session-titles": _allows("calendar.session.details", "series"),
    "attendance": _allows("session.view", "session"),
    "event-happened": _allows("event.view", "event"),
    "event-title": _event_title,
    "engagement-topic": _engagement_topic,
    "instrument-answers": _instrument_answers,
    "instrument-aggregates": _aggregate("ratings"),
    "instrument-few": _aggregate("alliance"),
    "program-funnel": _program_funnel,
    "outcome-aggregates": _outcomes,
    "team-charter": _team_charter,
    "team-pulse": _team_pulse,
    "team-work": _team_work,
    "business-goals": _business_goals,
    "small-wins": _small_wins,
    "moods": _moods,
    "story-waiting": _story_waiting,
    "story-published": _story_published,
    "encouragement": _encouragement,
    "efficacy-change": _efficacy_change,
    "learning-hours": _learning_hours,
    "cycle-content": _cycle_content,
    "cycle-runs": _cycle_runs,
    "group-private": _group_item("private"),
    "group-coach": _group_item("coach"),
    "group-shared": _group_item("group"),
    "group-aggregate": _group_item("aggregate"),
    "group-totals": _group_totals,
    "deals": _deals,
    "pipeline": _pipeline,
    "stakeholder-feedback": _stakeholder_feedback,
    "stakeholder-who": _stakeholder_who,
    "mentoring-answers": _mentoring_answers,
    "mentoring-why": _mentoring_why,
    "leadership-goal": _leadership_goal,
    "decision-record": _decision_record,
    "mission-values": _mission,
}

CELLS = [(key, persona, sees) for key, expect in table() for persona, sees in expect.items()]


def test_it_has_a_check_for_every_row_and_a_row_for_every_check():
    assert [key for key, _ in table()] == list(CHECKS)


@pytest.mark.parametrize(("key", "persona", "sees"), CELLS, ids=[f"{k}-{p}" for k, p, _ in CELLS])
def test_it_shows_each_row_to_exactly_the_people_the_document_names(
    told, client, api_token, key, persona, sees
):
    member = getattr(told, persona)
    assert CHECKS[key](told, member, client=client, api_token=api_token) is sees
