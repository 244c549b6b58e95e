"""Setting up a peer or mentoring program: its rules, its mode, its enrolment form and, for a
peer program, the pool coach who facilitates."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.matching import MatchingInputError
from trellis.mentoring import engine
from trellis.mentoring.models import MentoringProgram
from trellis.mentoring.questions import form_from_rules
from trellis.programs.models import Program

NO_FACILITATOR = _("A peer program needs a facilitator: add a coach to the program's pool.")

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
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
