"""People enrolled with their team are asked for their answers (by email and on their program
page) and are matched only once they have answered; a refused answer form keeps what was typed
and names the question; any input is a 4xx naming the question or a success, never a 500."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.accounts.models import Team

from .. import services
from ..models import Enrolment, Pair
from .helpers import answers, enrol_many, mentoring_program, person

pytestmark = pytest.mark.django_db


def _team_enrolled(world, django_capture_on_commit_callbacks, size=3):
    program = mentoring_program(world.olga)
    team = Team.objects.create(org=world.org, name="Platform")
    people = [person(world.org, f"t{n}@acme.test", f"Team Person {n}") for n in range(size)]
    for member in people:
        member.team = team
        member.save(update_fields=["team"])
    with django_capture_on_commit_callbacks(execute=True):
        made = services.enrol_team(actor=world.olga, program=program, team=team, role="mentee")
    return program, people, made


def _form(n: int) -> dict[str, str]:
    given = answers(n, "mentee")
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in given.items()}


def test_team_people_are_asked_and_matched_only_once_they_answer(
    world, login, django_capture_on_commit_callbacks
):
    program, people, made = _team_enrolled(world, django_capture_on_commit_callbacks)
    assert len(made) == 3
    asked = [m for m in mail.outbox if "tell us about yourself" in m.subject]
    assert sorted(m.to[0] for m in asked) == [p.user.email for p in people]
    enrol_many(program, world.org, 3, by=world.olga, prefix="m")  # a mentor among them
    text, _ = services.match_input(program)
    ids = {e.pk for e in made}
    assert not any(
        line.split(",")[0].isdigit() and int(line.split(",")[0]) in ids
        for line in text.splitlines()
    )

    client = login(people[0])
    url = f"/o/acme/mentoring/{program.slug}/"
    page = client.get(url).content.decode()
    assert "Tell us about yourself to be matched" in page
    response = client.post(url + "answers/", _form(1))
    assert response.status_code == 302
    mine = Enrolment.objects.get(program=program, member=people[0])
    assert mine.answers["department"] == _form(1)["department"]
    assert services.answers_missing(program.mentoring, mine.answers) == []
    text, _ = services.match_input(program)
    assert f"\n{mine.pk}," in text
    services.match_request(actor=world.olga, program=program)
    paired = Pair.objects.filter(program=program)
    assert all(p.right_id not in ids - {mine.pk} for p in paired)


def test_a_refused_answer_keeps_what_was_typed_and_names_the_question(
    world, login, django_capture_on_commit_callbacks
):
    program, people, _ = _team_enrolled(world, django_capture_on_commit_callbacks, size=1)
    typed = {**_form(2), "grade": "senior-ish", "department": "Kept department"}
    response = login(people[0]).post(f"/o/acme/mentoring/{program.slug}/answers/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "grade" in page and "expected a number" in page
    assert 'value="Kept department"' in page and 'value="senior-ish"' in page
    assert Enrolment.objects.get(member=people[0]).answers == {}


QUESTIONS = ["grade", "department", "offers", "needs", "timezone", "languages", "availability"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(QUESTIONS), st.text(max_size=30), max_size=7))
def test_any_answers_are_refused_naming_the_question_or_saved(world, client, data):
    program = mentoring_program(world.olga, name="Fuzz")
    mine = Enrolment.objects.filter(program=program, member=world.bob).first()
    if mine is None:
        services.enrol(
            actor=world.bob, program=program, role="mentee", answers=answers(0, "mentee")
        )
    client.force_login(world.bob.user, backend="django.contrib.auth.backends.ModelBackend")
    data = {k: v.replace("\x00", "") for k, v in data.items()}
    response = client.post(f"/o/acme/mentoring/{program.slug}/answers/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        page = response.content.decode()
        for key in response.context["errors"]:
            assert key in page


def test_the_health_counts_people_still_waiting_to_give_their_answers(
    world, login, client, api_token, django_capture_on_commit_callbacks
):
    from .. import health

    program, people, _ = _team_enrolled(world, django_capture_on_commit_callbacks)
    assert health.program_health(program).waiting_for_answers == 3
    services.enrolment_answers(
        actor=people[0],
        enrolment=Enrolment.objects.get(program=program, member=people[0]),
        answers=answers(1, "mentee"),
    )
    assert health.program_health(program).waiting_for_answers == 2
    assert ["waiting to give their answers", 2] in health.health_rows(program)
    page = login(world.olga).get(f"/o/acme/mentoring/{program.slug}/").content.decode()
    assert "Waiting to give their answers</dt><dd>2<" in page
    api = client.get(
        f"/api/v1/mentoring/{program.slug}/health",
        HTTP_AUTHORIZATION=f"Bearer {api_token(world.olga)}",
    )
    assert api.status_code == 200 and api.json()["waiting_for_answers"] == 2


def test_answers_are_given_through_the_api_naming_a_wrong_one(
    world, client, api_token, django_capture_on_commit_callbacks
):
    program, people, _ = _team_enrolled(world, django_capture_on_commit_callbacks)
    mine = Enrolment.objects.get(program=program, member=people[0])
    url = f"/api/v1/mentoring/{program.slug}/enrolments/{mine.uuid}/answers"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(people[0])}"}
    bad = client.put(url, {"answers": {"grade": "many"}}, content_type="application/json", **auth)
    assert bad.status_code == 400 and "grade" in bad.content.decode()
    good = client.put(
        url, {"answers": answers(1, "mentee")}, content_type="application/json", **auth
    )
    assert good.status_code == 200
    mine.refresh_from_db()
    assert services.answers_missing(program.mentoring, mine.answers) == []
    other = client.put(
        url,
        {"answers": answers(2, "mentee")},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(people[1])}",
    )
    assert other.status_code == 403


def test_an_admin_enrols_a_team_through_the_api_naming_an_unknown_team(
    world, client, api_token, django_capture_on_commit_callbacks
):
    program = mentoring_program(world.olga)
    team = Team.objects.create(org=world.org, name="Data")
    for n in range(2):
        member = person(world.org, f"d{n}@acme.test", f"Data Person {n}")
        member.team = team
        member.save(update_fields=["team"])
    url = f"/api/v1/mentoring/{program.slug}/enrolments/team"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(world.olga)}"}
    unknown = client.post(url, {"team": "Nope"}, content_type="application/json", **auth)
    assert unknown.status_code == 400 and "team" in unknown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            url, {"team": "Data", "role": "mentee"}, content_type="application/json", **auth
        )
    assert made.status_code == 201 and made.json()["count"] == 2
    assert Enrolment.objects.filter(program=program, member__team=team).count() == 2
