"""Peer and mentoring programs: setting one up, enrolling (in the browser, a team or a CSV),
running the match with the engine, reviewing (lock, ban), publishing, and each person's yes.

Consent: publishing proposes a pair to both people; each says yes for themselves. Only when both
have said yes does the engagement open (through trellis/engagements: a one-to-one with the mentor
as coach, or a peer engagement), so nobody becomes someone's mentor without their say.
"""

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership, Team
from trellis.core.datafiles import Problem, read_csv
from trellis.core.datafiles.problems import DataFileError
from trellis.core.instruments import UnknownInstrumentError
from trellis.core.matching import MatchingInputError
from trellis.core.matching.explain import explanation_text as _explanation_text
from trellis.programs.models import Program

from . import engine
from .models import Enrolment, MentoringProgram, Pair
from .questions import clean_answers, form_from_rules

ALREADY = _("{name} is already enrolled in {program}.")
NOT_IN_ORG = _("{name} is not in this organization.")
NOT_A_SIDE = _("expected one of {sides}, found {found!r}")
NOT_PROPOSED = _("Only a proposed pair can be locked; this one is {status}.")
NOT_YOURS = _("This pair is not yours to answer.")
ALREADY_ENDED = _("This pair has already ended.")
NOTHING_TO_PUBLISH = _("There are no proposed pairs to publish.")
RUNNING = _("The match is already running.")
NOT_ENROLLED = _("You are not enrolled in this program.")
NOT_SUGGESTED = _("{name} is not one of your suggestions.")
NO_FACILITATOR = _("A peer program needs a facilitator: add a coach to the program's pool.")
SELF_ONLY = _("Self-match requests are for programs in self-match mode.")


class EnrolmentFileError(DataFileError):
    noun = "the enrolment file"


def _explain(parts: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"label": p.label, "points": round(p.points, 2), "detail": p.detail} for p in parts]


def explanation_line(pair: Pair) -> str:
    from trellis.core.matching.model import Contribution

    return _explanation_text(
        [Contribution(c["label"], c["points"], c.get("detail", "")) for c in pair.explanation]
    )


# -- setting up ----------------------------------------------------------------------------------


RULES_DIR = Path(__file__).resolve().parent / "rules"
TEMPLATE_OF = {
    MentoringProgram.Kind.MENTORING: "mentoring",
    MentoringProgram.Kind.PEER: "peer-coaching-circle",
}
KIND_RULES_MISMATCH = {
    MentoringProgram.Kind.PEER: _(
        'A peer program\'s rules compare people with people (shape = "peer").'
    ),
    MentoringProgram.Kind.MENTORING: _(
        'A mentoring program\'s rules have two sides (shape = "bipartite", sides = [...]).'
    ),
}
CIRCLE_SIZE = _("A peer circle has 3 to 6 people.")


def default_rules(kind: str) -> str:
    """The rules a new program of this kind starts from (rules/mentoring.toml, rules/peer.toml)."""
    name = "peer" if kind == MentoringProgram.Kind.PEER else "mentoring"
    return (RULES_DIR / f"{name}.toml").read_text()


def _setup_errors(
    *, kind: str, mode: str, rules_text: str, circle_size: int, source: str
) -> tuple[dict[str, list[str]], Any]:
    """What is wrong with a setup, keyed by field, and the parsed rules (None when they fail)."""
    from trellis.core.matching import parse_rules

    errors: dict[str, list[str]] = {}
    if kind not in MentoringProgram.Kind.values:
        errors["kind"] = [f"expected one of {', '.join(MentoringProgram.Kind.values)}"]
    if mode not in MentoringProgram.Mode.values:
        errors["mode"] = [f"expected one of {', '.join(MentoringProgram.Mode.values)}"]
    rules = None
    try:
        rules = parse_rules(rules_text, source=source)
    except MatchingInputError as exc:
        errors["rules_text"] = exc.messages()
    if (
        rules is not None
        and kind in KIND_RULES_MISMATCH
        and rules.is_peer != (kind == MentoringProgram.Kind.PEER)
    ):
        errors["rules_text"] = [str(KIND_RULES_MISMATCH[MentoringProgram.Kind(kind)])]
    if not 3 <= circle_size <= 6:
        errors["circle_size"] = [str(CIRCLE_SIZE)]
    return errors, rules


def mentoring_setup(
    *,
    actor: Membership,
    program: Program,
    rules_text: str,
    kind: str = MentoringProgram.Kind.MENTORING,
    mode: str = MentoringProgram.Mode.ADMIN,
    questions: list[dict[str, Any]] | None = None,
    circle_size: int = 4,
) -> MentoringProgram:
    """Give a program its matching rules (the TOML `trellis match` reads) and enrolment form
    (made from the rules when none is given). Raises ValidationError naming the rules' problems."""
    policy.require(actor, "mentoring.manage", program)
    errors, rules = _setup_errors(
        kind=kind,
        mode=mode,
        rules_text=rules_text,
        circle_size=circle_size,
        source=f"{program.slug}-rules.toml",
    )
    if errors:
        raise ValidationError(errors)
    setup = MentoringProgram(
        program=program, kind=kind, mode=mode, rules_text=rules_text, circle_size=circle_size
    )
    setup.questions = questions or form_from_rules(rules)
    existing = MentoringProgram.objects.filter(program=program).first()
    if existing is not None:
        setup.pk = existing.pk
        for field in ("run_state", "run_progress", "run_seconds", "run_error", "published_at"):
            setattr(setup, field, getattr(existing, field))
    setup.save()
    return setup


def mentoring_program_create(
    *,
    actor: Membership,
    name: str,
    kind: str,
    mode: str,
    starts_on: date,
    rules_text: str = "",
    circle_size: int = 4,
    facilitator: Membership | None = None,
) -> Program:
    """The admin's setup page: a new program (from the kind's template) with its rules (the
    kind's default rules when none are given), its mode and, for a peer program, the coach who
    facilitates. Everything is checked first, so nothing is made when anything is refused."""
    from trellis.programs.services import PoolPlace, program_create

    policy.require(actor, "mentoring.manage")
    rules_text = rules_text.strip() or default_rules(kind)
    errors, _ = _setup_errors(
        kind=kind, mode=mode, rules_text=rules_text, circle_size=circle_size, source="rules.toml"
    )
    if not name.strip():
        errors["name"] = [gettext("Give the program a name.")]
    if facilitator is not None and (facilitator.org_id != actor.org_id or not facilitator.is_coach):
        errors["facilitator"] = [
            gettext("%(name)s is not one of this organization's coaches.")
            % {"name": facilitator.user}
        ]
    if kind == MentoringProgram.Kind.PEER and facilitator is None:
        errors["facilitator"] = [str(NO_FACILITATOR)]
    if errors:
        raise ValidationError(errors)
    pool = [PoolPlace(facilitator, 50)] if facilitator is not None else []
    program = program_create(
        actor=actor,
        template_key=TEMPLATE_OF[MentoringProgram.Kind(kind)],
        name=name,
        starts_on=starts_on,
        pool=pool,
    )
    mentoring_setup(
        actor=actor,
        program=program,
        rules_text=rules_text,
        kind=kind,
        mode=mode,
        circle_size=circle_size,
    )
    return program


def sides_of(setup: MentoringProgram) -> tuple[str, ...]:
    rules = engine.rules_of(setup)
    return ("person",) if rules.is_peer else rules.sides


# -- enrolling -----------------------------------------------------------------------------------


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


def first_checks(
    *, program: Program, members: Sequence[Membership], now: datetime | None = None
) -> int:
    """Give newly enrolled people the program's first checks (the self-efficacy instrument and
    any other the template gives at its start) at their enrolment, not at the program's start, so
    someone who enrols late is measured from where they began. The first enrolment makes the
    program's start administration (the baseline the end one is measured against; the program
    pass then does not send it again); each later enrolment joins it while it is open. An
    instrument the organization cannot give is skipped: it never stops an enrolment."""
    from trellis.core.programs import plan
    from trellis.instruments.services import administration_add, administration_create
    from trellis.programs.models import ProgramInstrument

    actor = program.created_by
    if actor is None or not members:
        return 0
    now = now or timezone.now()
    given = 0
    keys = dict.fromkeys(
        key
        for key, moment, _ in plan(program.template, program.starts_on).instruments
        if moment == "start"
    )
    for key in keys:
        placed = (
            ProgramInstrument.objects.filter(program=program, key=key, moment="start")
            .select_related("administration")
            .first()
        )
        try:
            if placed is None:
                administration = administration_create(
                    actor=actor,
                    key=key,
                    target="cohort",
                    title=f"{program.name}: start",
                    cohort=f"{program.cohort} start"[:120],
                    cohort_members=members,
                    program=program,
                    now=now,
                )
                ProgramInstrument.objects.create(
                    program=program,
                    key=key,
                    moment="start",
                    due_on=timezone.localdate(now),
                    administration=administration,
                    sent_at=now,
                )
                given += len(members)
            elif placed.administration is not None and placed.administration.is_open:
                for member in members:
                    if administration_add(
                        administration=placed.administration, member=member, now=now
                    ):
                        given += 1
            else:  # the start check has closed: late enrolments get their own first check
                given += _late_first_check(program, key, actor, members, now)
        except (ValidationError, PermissionDenied, UnknownInstrumentError):
            continue
    return given


def _late_first_check(
    program: Program, key: str, actor: Membership, members: Sequence[Membership], now: datetime
) -> int:
    """A first check for people who enrol after the start one closed: an open administration of
    the program measured against nothing (a first check, like the start one; the end one is
    measured against the start and counts everyone who answered a first check), made once and
    joined by each later enrolment while it is open. Someone already given a first check is not
    asked again."""
    from trellis.instruments.models import Administration, Respondent
    from trellis.instruments.services import administration_add, administration_create

    firsts = Administration.objects.filter(
        program=program, instrument__key=key, baseline__isnull=True
    )
    asked = set(
        Respondent.objects.filter(administration__in=firsts).values_list("member_id", flat=True)
    )
    fresh = [m for m in members if m.pk not in asked]
    if not fresh:
        return 0
    late = firsts.filter(status=Administration.Status.OPEN).order_by("-id").first()
    if late is None:
        administration_create(
            actor=actor,
            key=key,
            target="cohort",
            title=f"{program.name}: start (late enrolments)",
            cohort=f"{program.cohort} start, late"[:120],
            cohort_members=fresh,
            program=program,
            now=now,
        )
        return len(fresh)
    return sum(
        1 for m in fresh if administration_add(administration=late, member=m, now=now) is not None
    )


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
    from .selectors import program_url

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


# -- matching ------------------------------------------------------------------------------------


def _live_pairs(program: Program) -> Q:
    return Q(program=program, status__in=[Pair.Status.PUBLISHED, Pair.Status.REQUESTED])


def match_input(program: Program) -> tuple[str, Any]:
    """The participants CSV and the review the engine is given: the enrolled people with free
    places, earlier partners (ended or declined pairs) in `previous`, locks and bans."""
    setup = program.mentoring
    rules = engine.rules_of(setup)
    enrolments = list(
        Enrolment.objects.filter(program=program)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("member__user")
        .order_by("id")
    )
    used: dict[int, int] = {}
    for left, right in Pair.objects.filter(_live_pairs(program)).values_list("left_id", "right_id"):
        used[left] = used.get(left, 0) + 1
        used[right] = used.get(right, 0) + 1
    capacity = {e.pk: max(e.capacity - used.get(e.pk, 0), 0) for e in enrolments}
    previous: dict[int, set[int]] = {}
    for left, right in Pair.objects.filter(
        program=program,
        status__in=[
            Pair.Status.ENDED,
            Pair.Status.DECLINED,
            Pair.Status.PUBLISHED,
            Pair.Status.REQUESTED,
        ],
    ).values_list("left_id", "right_id"):
        previous.setdefault(left, set()).add(right)
        previous.setdefault(right, set()).add(left)
    # people enrolled with their team answer first: without answers they cannot be matched
    present = [
        e for e in enrolments if capacity[e.pk] > 0 and not answers_missing(setup, e.answers)
    ]
    ids = {e.pk for e in present}
    reviewed = [
        p
        for p in Pair.objects.filter(program=program).filter(
            Q(status=Pair.Status.BANNED) | Q(status=Pair.Status.PROPOSED, locked=True)
        )
        if p.left_id in ids and p.right_id in ids
    ]
    text = engine.roster_csv(rules, present, previous=previous, capacity=capacity)
    return text, engine.review_of(reviewed)


def match_run(*, program: Program, progress: engine.Progress | None = None) -> int:
    """Run the engine on the program's enrolments (locks kept, bans respected, earlier partners
    kept out) and replace the unlocked proposed pairs with its proposals. Returns the count."""
    setup = program.mentoring
    rules = engine.rules_of(setup)
    text, review = match_input(program)

    def report(stage: str, done: int, total: int) -> None:
        MentoringProgram.objects.filter(pk=setup.pk).update(
            run_progress={"stage": stage, "done": done, "total": total}
        )
        if progress is not None:
            progress(stage, done, total)

    try:
        result = engine.match(rules, text, review, report)
    except MatchingInputError as exc:
        MentoringProgram.objects.filter(pk=setup.pk).update(
            run_state=MentoringProgram.RunState.FAILED, run_error="\n".join(exc.messages())
        )
        raise
    with transaction.atomic():
        Pair.objects.filter(program=program, status=Pair.Status.PROPOSED, locked=False).delete()
        locked = {
            (p.left_id, p.right_id): p
            for p in Pair.objects.filter(program=program, status=Pair.Status.PROPOSED, locked=True)
        }
        new: list[Pair] = []
        for m in result.matches:
            a, b = int(m.left.id), int(m.right.id)
            explanation = _explain(m.contributions)
            mine = locked.get((a, b)) or locked.get((b, a))
            if mine is not None:
                mine.score, mine.explanation = m.score, explanation
                mine.save(update_fields=["score", "explanation"])
                continue
            new.append(
                Pair(program=program, left_id=a, right_id=b, score=m.score, explanation=explanation)
            )
        Pair.objects.bulk_create(new, batch_size=500)
        MentoringProgram.objects.filter(pk=setup.pk).update(
            run_state=MentoringProgram.RunState.DONE,
            run_seconds=result.seconds,
            run_error="",
            run_progress={
                "stage": "done",
                "done": 1,
                "total": 1,
                "matched": result.people_matched,
                "people": result.people,
                "unmatched": [
                    {
                        "id": u.participant.id,
                        "name": u.participant.name,
                        "reason": str(u.reason),
                        "detail": u.detail,
                    }
                    for u in result.unmatched[:200]
                ],
            },
        )
    return len(result.matches)


def match_request(*, actor: Membership, program: Program) -> MentoringProgram:
    """The admin's "run the match": a large program is queued for the worker (its progress shown
    on the program page), a small one is matched at once."""
    policy.require(actor, "mentoring.manage", program)
    setup = program.mentoring
    if setup.run_state in (MentoringProgram.RunState.QUEUED, MentoringProgram.RunState.RUNNING):
        raise ValidationError({"run": RUNNING})
    count = (
        Enrolment.objects.filter(program=program).exclude(status=Enrolment.Status.WITHDRAWN).count()
    )
    if count > settings.MENTORING_BACKGROUND_ABOVE:  # 300: larger ones go to the worker
        MentoringProgram.objects.filter(pk=setup.pk).update(
            run_state=MentoringProgram.RunState.QUEUED, run_progress={"stage": "queued"}
        )
        from .tasks import run_match

        transaction.on_commit(lambda: run_match.enqueue(program_id=program.pk))
    else:
        MentoringProgram.objects.filter(pk=setup.pk).update(
            run_state=MentoringProgram.RunState.RUNNING
        )
        try:
            match_run(program=program)
        except MatchingInputError as exc:
            raise ValidationError({"run": exc.messages()}) from exc
    setup.refresh_from_db()
    return setup


def pair_lock(*, actor: Membership, pair: Pair, locked: bool = True) -> Pair:
    policy.require(actor, "mentoring.manage", pair.program)
    if pair.status != Pair.Status.PROPOSED:
        raise ValidationError({"pair": NOT_PROPOSED.format(status=pair.status)})
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


def pair_ban(*, actor: Membership, pair: Pair) -> Pair:
    """The admin's no to a proposed pair: a re-run never proposes it again."""
    policy.require(actor, "mentoring.manage", pair.program)
    if pair.status != Pair.Status.PROPOSED:
        raise ValidationError({"pair": NOT_PROPOSED.format(status=pair.status)})
    pair.status, pair.locked = Pair.Status.BANNED, False
    pair.save(update_fields=["status", "locked"])
    return pair


def publish(*, actor: Membership, program: Program) -> int:
    """Propose every proposed pair to its two people, each told by email why they were matched
    and how to start. Each still says yes for themselves (`pair_answer`)."""
    policy.require(actor, "mentoring.manage", program)
    _facilitator_first(program)
    now = timezone.now()
    with transaction.atomic():
        pairs = list(
            Pair.objects.select_for_update(of=("self",))
            .filter(program=program, status=Pair.Status.PROPOSED)
            .select_related("left__member__user", "right__member__user")
        )
        if not pairs:
            raise ValidationError({"pairs": NOTHING_TO_PUBLISH})
        ids = [p.pk for p in pairs]
        Pair.objects.filter(pk__in=ids).update(
            status=Pair.Status.PUBLISHED, published_at=now, published_by=actor, locked=False
        )
        MentoringProgram.objects.filter(program=program).update(published_at=now)
        transaction.on_commit(lambda: _tell_published(program, pairs))
    return len(pairs)


def _tell_published(program: Program, pairs: Sequence[Pair]) -> None:
    from .selectors import program_url

    for pair in pairs:
        why = explanation_line(pair)
        for me, other in ((pair.left, pair.right), (pair.right, pair.left)):
            names = {"program": program.name, "name": other.member.user.name, "why": why}
            with in_language_of(me.member.user):
                subject = gettext("%(program)s: you are matched with %(name)s") % names
                body = (
                    gettext(
                        "You and %(name)s are proposed as a pair in %(program)s.\n\n"
                        "Why: %(why)s.\n\n"
                        "How to start: say yes (or no) on your program page; once you both have said "
                        "yes your engagement opens and you can book your first conversation."
                    )
                    % names
                )
            send_mail(
                subject=subject,
                message=f"{body}\n{program_url(program)}\n",
                from_email=None,
                recipient_list=[me.member.user.email],
            )


def pair_answer(*, actor: Membership, pair: Pair, yes: bool, reason: str = "") -> Pair:
    """A person's own answer to a published or requested pair. When both have said yes, the
    engagement opens (one-to-one with the mentor as coach, or a peer engagement)."""
    policy.require(actor, "mentoring.pair.respond", pair)
    if pair.status not in (Pair.Status.PUBLISHED, Pair.Status.REQUESTED):
        raise ValidationError({"pair": NOT_YOURS})
    now = timezone.now()
    with transaction.atomic():
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("left__member__user", "right__member__user", "program__mentoring")
            .get(pk=pair.pk)
        )
        if not yes:
            pair.status, pair.ended_by, pair.ended_at = Pair.Status.DECLINED, actor, now
            pair.end_reason = reason.strip()[:300]
            pair.save(update_fields=["status", "ended_by", "ended_at", "end_reason"])
            return pair
        if pair.left.member_id == actor.pk:
            pair.left_yes_at = pair.left_yes_at or now
        if pair.right.member_id == actor.pk:
            pair.right_yes_at = pair.right_yes_at or now
        pair.status = Pair.Status.PUBLISHED
        pair.save(update_fields=["left_yes_at", "right_yes_at", "status"])
    if pair.left_yes_at and pair.right_yes_at and pair.engagement_id is None:
        _open_engagement(pair)
    return pair


def _open_engagement(pair: Pair) -> None:
    from trellis.engagements.kinds import engagement_propose_peer
    from trellis.engagements.lifecycle import engagement_accept, engagement_propose
    from trellis.programs.models import Enrolment as ProgramEnrolment

    program = pair.program
    setup = program.mentoring
    left, right = pair.left.member, pair.right.member
    topic = program.name
    if setup.kind == MentoringProgram.Kind.PEER:
        facilitator = facilitator_of(program)
        engagement = engagement_propose_peer(
            actor=facilitator, coach=facilitator, peers=[left, right], topic=topic
        )
        engagement_accept(actor=left, engagement=engagement)
        engagement_accept(actor=right, engagement=engagement)
    else:  # the mentor (the rules' first side) proposes themselves; the mentee's yes was given
        # Their yes to the pair is their yes to this engagement only: the mentor's place (lead
        # coach) and the mentee's place (coachee) grant access to it and nothing else. Nobody is
        # given the organization's coach or coachee role (which would reach other people's work).
        engagement = engagement_propose(
            actor=left, coach=left, coachee=right, topic=topic, org_roles_required=False
        )
        engagement_accept(actor=right, engagement=engagement)
        # The program's template schedules the mentee's sessions (programs' pass).
        ProgramEnrolment.objects.get_or_create(
            program=program, member=right, defaults={"engagement": engagement, "enrolled_by": left}
        )
    Pair.objects.filter(pk=pair.pk).update(engagement=engagement)
    Enrolment.objects.filter(pk__in=[pair.left_id, pair.right_id]).update(
        status=Enrolment.Status.MATCHED
    )
    pair.engagement = engagement


def _facilitator_first(program: Program) -> None:
    """A peer pair's engagement is facilitated by a pool coach: refuse before anyone is asked
    (publishing, a self-match request), not after both have said yes."""
    if program.mentoring.kind == MentoringProgram.Kind.PEER:
        facilitator_of(program)


def facilitator_of(program: Program) -> Membership:
    """A peer engagement's facilitator: the first coach in the program's pool."""
    place = program.coaches.select_related("coach__user").first()
    if place is None:
        raise ValidationError({"pool": NO_FACILITATOR})
    return place.coach


def pair_end(*, actor: Membership, pair: Pair, reason: str) -> Pair:
    """Either person (or an admin) ends the relationship with a reason; its engagement ends too.
    Both people may be matched again; this pair stays out of later runs."""
    policy.require(actor, "mentoring.pair.end", pair)
    pair = Pair.objects.select_related("left__member", "right__member", "program").get(pk=pair.pk)
    if pair.status in (Pair.Status.ENDED, Pair.Status.DECLINED, Pair.Status.BANNED):
        raise ValidationError({"pair": ALREADY_ENDED})
    if not reason.strip():
        raise ValidationError({"reason": gettext("Say why the relationship ends.")})
    now = timezone.now()
    pair.status, pair.ended_by, pair.ended_at = Pair.Status.ENDED, actor, now
    pair.end_reason = reason.strip()[:300]
    pair.save(update_fields=["status", "ended_by", "ended_at", "end_reason"])
    if pair.engagement_id is not None:
        from trellis.engagements.lifecycle import engagement_end
        from trellis.engagements.models import Engagement

        engagement = Engagement.objects.get(pk=pair.engagement_id)
        if engagement.status not in (Engagement.Status.ENDED, Engagement.Status.DECLINED):
            ender = actor if pair.has(actor) or actor.is_admin else pair.left.member
            engagement_end(actor=ender, engagement=engagement, reason=pair.end_reason)
    Enrolment.objects.filter(
        pk__in=[pair.left_id, pair.right_id], status=Enrolment.Status.MATCHED
    ).update(status=Enrolment.Status.ENROLLED)
    return pair


def rematch(*, actor: Membership, enrolment: Enrolment) -> Pair | None:
    """Match one person again from the program page: the engine runs on them and everyone with
    a free place, their earlier partners kept out; the best pair with them is proposed."""
    policy.require(actor, "mentoring.manage", enrolment.program)
    program = enrolment.program
    setup = program.mentoring
    rules = engine.rules_of(setup)
    text, review = match_input(program)
    result = engine.match(rules, text, review)
    mine = [m for m in result.matches if str(enrolment.pk) in (m.left.id, m.right.id)]
    if not mine:
        return None
    best = max(mine, key=lambda m: m.score)
    Pair.objects.filter(
        Q(left=enrolment) | Q(right=enrolment),
        program=program,
        status=Pair.Status.PROPOSED,
        locked=False,
    ).delete()
    return Pair.objects.create(
        program=program,
        left_id=int(best.left.id),
        right_id=int(best.right.id),
        score=best.score,
        explanation=_explain(best.contributions),
    )
