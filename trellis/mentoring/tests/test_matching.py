"""A mentoring program: enrolment, the match with explanations, review (lock, ban), re-run,
publication with each person's yes, ending and re-matching, self-match and peer circles."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.core.matching import parse_participants, run_matching
from trellis.engagements.models import Engagement

from .. import selectors, selfmatch, services
from ..engine import rules_of
from ..models import Enrolment, MentoringProgram, Pair
from .helpers import answers, enrol_many, mentoring_program

pytestmark = pytest.mark.django_db


def test_a_person_enrols_with_answers_keyed_by_the_rules_attributes(world):
    program = mentoring_program(world.olga)
    names = [q["name"] for q in program.mentoring.questions]
    assert {"grade", "department", "offers", "needs", "timezone", "languages"} <= set(names)
    assert {"availability", "about"} <= set(names)  # always asked, not compared
    enrolment = services.enrol(
        actor=world.bob, program=program, role="mentee", answers=answers(1, "mentee")
    )
    attrs = selectors.enrolment_attributes(program)
    assert attrs[world.bob.pk]["offers"] == ["hiring", "public speaking", "negotiation"]
    assert attrs[world.bob.pk]["role"] == "mentee"
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_enrolment_names_each_wrong_answer(world):
    program = mentoring_program(world.olga)
    bad = {**answers(1, "mentee"), "grade": "senior", "timezone": "Mars/Olympus"}
    with pytest.raises(ValidationError) as caught:
        services.enrol(actor=world.bob, program=program, role="mentee", answers=bad)
    assert set(caught.value.message_dict) == {"grade", "timezone"}


def test_only_an_admin_enrols_someone_else(world):
    program = mentoring_program(world.olga)
    with pytest.raises(PermissionDenied):
        services.enrol(
            actor=world.alice, program=program, member=world.bob, answers=answers(1, "mentee")
        )


def test_a_csv_enrols_everyone_or_nobody_naming_each_faulty_row(world):
    program = mentoring_program(world.olga)
    header = "email,role,grade,department,offers,needs,timezone,languages\n"
    good = "alice@acme.test,mentor,7,Sales,hiring;budgets,,Europe/London,English\n"
    bad = "bob@acme.test,mentee,two,Sales,,hiring,Europe/London,English\n"
    unknown = "zed@acme.test,mentee,2,Sales,,hiring,Europe/London,English\n"
    with pytest.raises(services.EnrolmentFileError) as caught:
        services.enrol_csv(actor=world.olga, program=program, data=header + good + bad + unknown)
    text = str(caught.value)
    assert "line 3, grade" in text and "line 4, email" in text
    assert not Enrolment.objects.filter(program=program).exists()
    made = services.enrol_csv(actor=world.olga, program=program, data=header + good)
    assert [e.member for e in made] == [world.alice]


def test_the_web_match_equals_trellis_match_on_the_same_people(world):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 30, by=world.olga)
    count = services.match_run(program=program)
    text, _ = services.match_input(program)
    rules = rules_of(program.mentoring)
    direct = run_matching(rules, parse_participants(text, rules))
    assert count == len(direct.matches) > 0
    web = sorted((p.left_id, p.right_id) for p in Pair.objects.filter(program=program))
    assert web == sorted((int(m.left.id), int(m.right.id)) for m in direct.matches)
    pair = Pair.objects.filter(program=program).first()
    assert any(c["label"] == "skills offered meet goals" for c in pair.explanation)
    assert "musts met" in services.explanation_line(pair)


def test_a_rerun_keeps_locks_and_respects_bans(world):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 30, by=world.olga)
    services.match_request(actor=world.olga, program=program)
    kept, banned = list(Pair.objects.filter(program=program).order_by("score"))[:2]
    services.pair_lock(actor=world.olga, pair=kept)
    services.pair_ban(actor=world.olga, pair=banned)
    services.match_request(actor=world.olga, program=program)
    assert Pair.objects.filter(pk=kept.pk, status="proposed", locked=True).exists()
    again = Pair.objects.filter(
        program=program, left=banned.left, right=banned.right, status="proposed"
    )
    assert not again.exists()


def test_publishing_proposes_and_the_engagement_opens_after_both_say_yes(
    world, django_capture_on_commit_callbacks
):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 6, by=world.olga)
    services.match_request(actor=world.olga, program=program)
    with django_capture_on_commit_callbacks(execute=True):
        published = services.publish(actor=world.olga, program=program)
    assert published == Pair.objects.filter(program=program, status="published").count() > 0
    assert any("Why:" in m.body and "How to start" in m.body for m in mail.outbox)
    pair = Pair.objects.filter(program=program, status="published").first()
    assert pair.engagement is None  # nobody is anyone's mentor before they say so
    services.pair_answer(actor=pair.left.member, pair=pair, yes=True)
    pair.refresh_from_db()
    assert pair.engagement is None
    services.pair_answer(actor=pair.right.member, pair=pair, yes=True)
    pair.refresh_from_db()
    assert pair.engagement is not None
    assert pair.engagement.status == Engagement.Status.ACTIVE
    assert pair.engagement.coach == pair.left.member  # the mentor
    assert pair.engagement.coachee == pair.right.member


def test_an_ended_pair_is_kept_out_when_the_person_is_rematched(world):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 12, by=world.olga)
    services.match_request(actor=world.olga, program=program)
    services.publish(actor=world.olga, program=program)
    pair = Pair.objects.filter(program=program).first()
    services.pair_answer(actor=pair.left.member, pair=pair, yes=True)
    services.pair_answer(actor=pair.right.member, pair=pair, yes=True)
    with pytest.raises(ValidationError):
        services.pair_end(actor=pair.right.member, pair=pair, reason="  ")
    services.pair_end(actor=pair.right.member, pair=pair, reason="Different goals")
    pair.refresh_from_db()
    assert pair.engagement.status == Engagement.Status.ENDED
    again = services.rematch(actor=world.olga, enrolment=pair.right)
    if again is not None:
        assert {again.left_id, again.right_id} != {pair.left_id, pair.right_id}
    text, _ = services.match_input(program)
    assert str(pair.left_id) in text.split(f"\n{pair.right_id},")[1].split("\n")[0]


def test_self_match_advertises_no_more_than_capacity_and_the_other_accepts(world):
    program = mentoring_program(world.olga, mode=MentoringProgram.Mode.SELF)
    people = enrol_many(program, world.org, 12, by=world.olga)
    mentees = [e for e in people if e.role == "mentee"]
    shown: dict[int, int] = {}
    for e in mentees:
        for s in selfmatch.suggestions(member=e.member, program=program):
            shown[s.enrolment.pk] = shown.get(s.enrolment.pk, 0) + 1
    capacity = {e.pk: e.capacity for e in people}
    assert shown and all(n <= capacity[pk] for pk, n in shown.items())
    asker = next(e for e in mentees if selfmatch.suggestions(member=e.member, program=program))
    top = selfmatch.suggestions(member=asker.member, program=program)[0]
    pair = selfmatch.self_request(actor=asker.member, program=program, partner=top.enrolment)
    assert pair.status == Pair.Status.REQUESTED and pair.engagement is None
    services.pair_answer(actor=top.enrolment.member, pair=pair, yes=True)
    pair.refresh_from_db()
    assert pair.engagement is not None and pair.status == Pair.Status.PUBLISHED


def test_peer_circles_of_three_to_six_with_a_rotation(world):
    program = mentoring_program(
        world.olga, kind="peer", mode=MentoringProgram.Mode.CIRCLES, coach=world.alice
    )
    enrol_many(program, world.org, 10, by=world.olga)
    circles = selfmatch.circles_form(actor=world.olga, program=program)
    sizes = sorted(c.members.count() for c in circles)
    assert sum(sizes) == 10 and all(3 <= s <= 6 for s in sizes)
    engagement = circles[0].engagement
    assert engagement.kind == Engagement.Kind.PEER
    assert len(engagement.rotation) == circles[0].members.count()
