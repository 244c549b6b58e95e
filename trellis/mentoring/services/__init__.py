"""Peer and mentoring programs: setting one up, enrolling (in the browser, a team or a CSV),
running the match with the engine, reviewing (lock, ban), publishing, and each person's yes.

Consent: publishing proposes a pair to both people; each says yes for themselves. Only when both
have said yes does the engagement open (through trellis/engagements: a one-to-one with the mentor
as coach, or a peer engagement), so nobody becomes someone's mentor without their say.

Split by topic: setup, enrolment (checks: the first checks at enrolment), matching (run, review,
publish), pairs (each person's yes, ending, re-matching).
"""

from trellis.mentoring.services.checks import first_checks
from trellis.mentoring.services.enrolment import (
    ALREADY,
    NOT_A_SIDE,
    NOT_ENROLLED,
    NOT_IN_ORG,
    EnrolmentFileError,
    answers_missing,
    enrol,
    enrol_csv,
    enrol_team,
    enrolment_answers,
    withdraw,
)
from trellis.mentoring.services.matching import (
    NOT_PROPOSED,
    NOTHING_TO_PUBLISH,
    RUNNING,
    explanation_line,
    match_input,
    match_request,
    match_run,
    pair_ban,
    pair_lock,
    publish,
)
from trellis.mentoring.services.pairs import (
    ALREADY_ENDED,
    NOT_SUGGESTED,
    NOT_YOURS,
    SELF_ONLY,
    pair_answer,
    pair_end,
    rematch,
)
from trellis.mentoring.services.setup import (
    CIRCLE_SIZE,
    KIND_RULES_MISMATCH,
    NO_FACILITATOR,
    RULES_DIR,
    TEMPLATE_OF,
    default_rules,
    facilitator_of,
    mentoring_program_create,
    mentoring_setup,
    sides_of,
)

__all__ = [
    "ALREADY",
    "ALREADY_ENDED",
    "CIRCLE_SIZE",
    "KIND_RULES_MISMATCH",
    "NOTHING_TO_PUBLISH",
    "NOT_A_SIDE",
    "NOT_ENROLLED",
    "NOT_IN_ORG",
    "NOT_PROPOSED",
    "NOT_SUGGESTED",
    "NOT_YOURS",
    "NO_FACILITATOR",
    "RULES_DIR",
    "RUNNING",
    "SELF_ONLY",
    "TEMPLATE_OF",
    "EnrolmentFileError",
    "answers_missing",
    "default_rules",
    "enrol",
    "enrol_csv",
    "enrol_team",
    "enrolment_answers",
    "explanation_line",
    "facilitator_of",
    "first_checks",
    "match_input",
    "match_request",
    "match_run",
    "mentoring_program_create",
    "mentoring_setup",
    "pair_answer",
    "pair_ban",
    "pair_end",
    "pair_lock",
    "publish",
    "rematch",
    "sides_of",
    "withdraw",
]
