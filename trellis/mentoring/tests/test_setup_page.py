"""The admin's setup page: a new peer or mentoring program in the browser (the kind's default
rules when none are typed), a refusal that keeps what was typed and names the field, the
program's setup changed later; and any input is a 4xx naming the field or a success, never a 500."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.programs.models import Program

from ..models import MentoringProgram
from ..services import default_rules
from .helpers import mentoring_program

pytestmark = pytest.mark.django_db

NEW = "/o/acme/mentoring/new/"
LABELS = {
    "name": "Name",
    "starts_on": "Starts on",
    "kind": "Kind",
    "mode": "How people are matched",
    "facilitator": "Facilitating coach",
    "circle_size": "People per peer circle",
    "rules_text": "Matching rules",
}


def _form(**changes):
    data = {
        "name": "Mentoring spring",
        "starts_on": timezone.localdate().isoformat(),
        "kind": "mentoring",
        "mode": "admin",
        "circle_size": "4",
        "rules_text": "",
    }
    data.update(changes)
    return data


def test_an_admin_sets_up_a_mentoring_program_with_the_default_rules(world, login):
    response = login(world.olga).post(NEW, _form())
    program = Program.objects.get(name="Mentoring spring")
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/mentoring/{program.slug}/"
    setup = program.mentoring
    assert (setup.kind, setup.mode) == ("mentoring", "admin")
    assert setup.rules_text == default_rules("mentoring")
    assert {q["name"] for q in setup.questions} >= {"offers", "needs", "department"}


def test_a_refusal_keeps_what_was_typed_and_names_the_field(world, login):
    typed = 'shape = "bipartite"\nsides = ["mentor"]\n'
    response = login(world.olga).post(NEW, _form(name="Kept name", rules_text=typed))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Matching rules:" in page  # the field named in the list of problems
    assert 'value="Kept name"' in page and "sides = [&quot;mentor&quot;]" in page
    assert not Program.objects.filter(name="Kept name").exists()


def test_a_peer_program_needs_a_facilitator_and_peer_rules(world, login):
    client = login(world.olga)
    response = client.post(NEW, _form(kind="peer", mode="circles"))
    assert response.status_code == 400
    assert "Facilitating coach: A peer program needs a facilitator" in response.content.decode()
    response = client.post(
        NEW,
        _form(
            kind="peer",
            mode="circles",
            facilitator=world.alice.pk,
            rules_text=default_rules("mentoring"),
        ),
    )
    assert response.status_code == 400
    assert "Matching rules: A peer program" in response.content.decode()
    response = client.post(NEW, _form(kind="peer", mode="circles", facilitator=world.alice.pk))
    assert response.status_code == 302
    program = Program.objects.get(name="Mentoring spring")
    assert program.mentoring.kind == "peer" and program.coaches.get().coach == world.alice


def test_the_setup_of_a_program_is_changed_and_a_bad_change_named(world, login):
    program = mentoring_program(world.olga)
    url = f"/o/acme/mentoring/{program.slug}/setup/"
    client = login(world.olga)
    page = client.get(url).content.decode()
    assert "mentor is more senior" in page  # the rules in force, to edit
    response = client.post(
        url, {"kind": "mentoring", "mode": "self", "circle_size": "4", "rules_text": "x = ["}
    )
    assert response.status_code == 400 and "Matching rules:" in response.content.decode()
    assert MentoringProgram.objects.get(program=program).mode == "admin"
    rules = default_rules("mentoring")
    response = client.post(
        url, {"kind": "mentoring", "mode": "self", "circle_size": "5", "rules_text": rules}
    )
    assert response.status_code == 302
    setup = MentoringProgram.objects.get(program=program)
    assert (setup.mode, setup.circle_size) == ("self", 5)


def test_only_an_admin_sets_up_a_program(world, login):
    assert login(world.alice).post(NEW, _form()).status_code == 403
    assert not Program.objects.filter(name="Mentoring spring").exists()


text = st.text(max_size=40)
FUZZ = st.fixed_dictionaries(
    {},
    optional={
        "name": text,
        "starts_on": st.one_of(text, st.dates().map(str)),
        "kind": st.one_of(text, st.sampled_from(["mentoring", "peer"])),
        "mode": st.one_of(text, st.sampled_from(["admin", "self", "circles"])),
        "facilitator": st.one_of(text, st.integers(-5, 10**12).map(str)),
        "circle_size": st.one_of(text, st.integers(-(10**6), 10**6).map(str)),
        "rules_text": st.one_of(text, st.sampled_from(["", 'shape = "peer"', "[[criteria]]"])),
    },
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=FUZZ)
def test_any_setup_input_is_refused_naming_the_field_or_accepted(world, client, data):
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    data = {k: v.replace("\x00", "") for k, v in data.items()}
    response = client.post(NEW, data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        page = response.content.decode()
        form = response.context["form"]
        assert form.errors
        for field in form.errors:
            if field != "__all__":
                assert f"{LABELS[field]}:" in page, field
