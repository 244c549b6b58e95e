"""The enrolled person's own door into a program, shared by their pages and the API."""

from django.http import Http404

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.programs import selectors
from trellis.programs.models import Enrolment, Program


def own_enrolment(
    member: Membership, slug: str, *, choosing: bool = True
) -> tuple[Program, Enrolment]:
    """The program and the member's own enrolment in it: 404 when either is missing (or the
    program is another organization's), 403 when the policy refuses; `choosing` also requires
    that they may choose their coach there."""
    program = selectors.program_get(member=member, slug=slug)
    if program is None:
        raise Http404
    policy.require(member, "program.view", program)
    enrolment = selectors.enrolment_of(member=member, program=program)
    if enrolment is None:
        raise Http404
    if choosing:
        policy.require(member, "program.enrolment.choose", enrolment)
    return program, enrolment
