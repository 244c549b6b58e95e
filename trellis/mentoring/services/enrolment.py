"""Enrolling: a person (themselves or by an admin), a team, or everyone a CSV names; their
answers to the program's form; withdrawing."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership, Team
from trellis.core.datafiles import Problem, read_csv
from trellis.core.datafiles.problems import DataFileError
from trellis.mentoring import engine
from trellis.mentoring.models import Enrolment, MentoringProgram
from trellis.mentoring.questions import clean_answers
from trellis.mentoring.services.checks import first_checks
from trellis.mentoring.services.setup import sides_of
from trellis.programs.models import Program

ALREADY = _("{name} is already enrolled in {program}.")
NOT_IN_ORG = _("{name} is not in this organization.")
NOT_A_SIDE = _("expected one of {sides}, found {found!r}")
NOT_ENROLLED = _("You are not enrolled in this program.")


class EnrolmentFileError(DataFileError):
    noun = "the enrolment file"


def enrol(
    *,
    actor: Membership,
    program: Program,
    member: Membership | None = None,
    role: str = "",
    answers: dict[str, Any],
    capacity: int | None = None,
) -> Enrolment:
    """Enrol a person (themselves, or anyone by an admin) with their answers to the form.
    Raises ValidationError keyed by question."""
    member = member or actor
    if member.pk != actor.pk:
        policy.require(actor, "mentoring.manage", program)
    else:
        policy.require(actor, "mentoring.enrol", program)
    setup = program.mentoring
    errors = _enrolment_errors(setup, member, role, answers)
    if errors:
        raise ValidationError(errors)
    clean, _ = clean_answers(setup.questions, answers)
    sides = sides_of(setup)
    rules = engine.rules_of(setup)
    side = role or sides[0]
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            program=program,
            member=member,
            role=side,
            capacity=capacity if capacity is not None else rules.capacity.get(side, 1),
            answers=clean,
            enrolled_by=actor,
        )
        first_checks(program=program, members=[member])
    return enrolment


def _enrolment_errors(
    setup: MentoringProgram, member: Membership, role: str, answers: dict[str, Any]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if member.org_id != setup.program.org_id:
        errors["member"] = NOT_IN_ORG.format(name=member.user)
    elif Enrolment.objects.filter(program=setup.program, member=member).exists():
        errors["member"] = ALREADY.format(name=member.user, program=setup.program.name)
    sides = sides_of(setup)
    if role and role not in sides:
        errors["role"] = NOT_A_SIDE.format(sides=", ".join(sides), found=role)
    _, problems = clean_answers(setup.questions, answers)
    errors.update(problems)
    return errors


def enrol_team(
    *, actor: Membership, program: Program, team: Team, role: str = ""
) -> list[Enrolment]:
    """Enrol a team's active members not yet enrolled, with empty answers they complete later
    (answers the form requires are asked on their program page). One transaction."""
    policy.require(actor, "mentoring.manage", program)
    setup = program.mentoring
    side = role or sides_of(setup)[0]
    if side not in sides_of(setup):
        raise ValidationError(
            {"role": NOT_A_SIDE.format(sides=", ".join(sides_of(setup)), found=side)}
        )
    rules = engine.rules_of(setup)
    taken = set(Enrolment.objects.filter(program=program).values_list("member_id", flat=True))
    people = [
        m for m in team.members.filter(is_active=True, org_id=program.org_id) if m.pk not in taken
    ]
    with transaction.atomic():
        made = Enrolment.objects.bulk_create(
            Enrolment(
                program=program,
                member=m,
                role=side,
                capacity=rules.capacity.get(side, 1),
                answers={},
                enrolled_by=actor,
            )
            for m in people
        )
        first_checks(program=program, members=people)
        transaction.on_commit(lambda: _ask_for_answers(program, people))
    return made


def answers_missing(setup: MentoringProgram, answers: dict[str, Any]) -> list[str]:
    """The form's required questions this enrolment has not answered (a team's people, enrolled
    by an admin, answer on their program page before they are matched)."""
    return [q["name"] for q in setup.questions if q.get("required") and not answers.get(q["name"])]


def enrolment_answers(
    *, actor: Membership, enrolment: Enrolment, answers: dict[str, Any]
) -> Enrolment:
    """A person gives (or changes) their own answers to the program's form; an admin may too.
    Raises ValidationError keyed by question."""
    if actor.pk != enrolment.member_id:
        policy.require(actor, "mentoring.manage", enrolment.program)
    setup = enrolment.program.mentoring
    clean, problems = clean_answers(setup.questions, answers)
    if problems:
        raise ValidationError(problems)
    enrolment.answers = clean
    enrolment.save(update_fields=["answers"])
    return enrolment


def _ask_for_answers(program: Program, people: Sequence[Membership]) -> None:
    from trellis.mentoring.selectors import program_url

    for member in people:
        with in_language_of(member.user):
            subject = gettext("%(program)s: you are enrolled, tell us about yourself") % {
                "program": program.name
            }
            body = gettext(
                "You were enrolled in %(program)s with your team.\n\n"
                "Before you can be matched, answer a few questions on your program page (what you "
                "can offer, what you would like to learn, your languages and time zone). Only you "
                "see your answers; a partner sees why you were matched."
            ) % {"program": program.name}
        send_mail(
            subject=subject,
            message=f"{body}\n{program_url(program)}\n",
            from_email=None,
            recipient_list=[member.user.email],
        )


def enrol_csv(
    *, actor: Membership, program: Program, data: bytes | str, source: str = "enrolments.csv"
) -> list[Enrolment]:
    """Enrol everyone a CSV names (email, role, capacity, then one column per question), all or
    none: raises EnrolmentFileError naming each faulty row's line and column."""
    policy.require(actor, "mentoring.manage", program)
    setup = program.mentoring
    table = read_csv(data, source, required=("email",), error=EnrolmentFileError)
    emails = [r.cells.get("email", "").strip().lower() for r in table.rows]
    members = {
        m.user.email.lower(): m
        for m in Membership.objects.select_related("user").filter(
            org_id=program.org_id, user__email__in=[e for e in emails if e]
        )
    }
    taken = set(Enrolment.objects.filter(program=program).values_list("member_id", flat=True))
    sides = sides_of(setup)
    rules = engine.rules_of(setup)
    problems: list[Problem] = []
    rows: list[Enrolment] = []
    seen: set[str] = set()
    for row, email in zip(table.rows, emails, strict=True):
        member = members.get(email)
        where = f"line {row.line}"
        if member is None:
            problems.append(
                Problem(source, f"{where}, email", "a person in this organization", repr(email))
            )
            continue
        if email in seen or member.pk in taken:
            problems.append(
                Problem(
                    source, f"{where}, email", "each person once, not yet enrolled", repr(email)
                )
            )
            continue
        seen.add(email)
        side = row.cells.get("role", "").strip() or sides[0]
        if side not in sides:
            problems.append(
                Problem(source, f"{where}, role", f"one of {', '.join(sides)}", repr(side))
            )
        capacity_text = row.cells.get("capacity", "").strip()
        capacity = rules.capacity.get(side, 1)
        if capacity_text:
            if capacity_text.isdigit() and int(capacity_text) <= 50:
                capacity = int(capacity_text)
            else:
                problems.append(
                    Problem(
                        source,
                        f"{where}, capacity",
                        "a whole number from 0 to 50",
                        repr(capacity_text),
                    )
                )
        answers, errors = clean_answers(setup.questions, dict(row.cells))
        problems.extend(
            Problem(source, f"{where}, {name}", what.removeprefix("expected ").split(", found")[0])
            for name, what in errors.items()
        )
        rows.append(
            Enrolment(
                program=program,
                member=member,
                role=side,
                capacity=capacity,
                answers=answers,
                enrolled_by=actor,
            )
        )
    if problems:
        raise EnrolmentFileError(problems)
    with transaction.atomic():
        made = Enrolment.objects.bulk_create(rows)
        first_checks(program=program, members=[e.member for e in made])
    return made


def withdraw(*, actor: Membership, enrolment: Enrolment) -> Enrolment:
    if actor.pk != enrolment.member_id:
        policy.require(actor, "mentoring.manage", enrolment.program)
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status"])
    return enrolment
