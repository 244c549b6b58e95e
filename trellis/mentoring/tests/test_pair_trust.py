"""A mentoring pair grants access to its own engagement and nothing else: nobody is given the
organization's coach or coachee role, the mentor sees nothing of the mentee's other engagements,
and nobody is anyone's mentor or peer before their own yes."""

import pytest

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.engagements.selectors import engagements_visible_to, sessions_visible_to

from .. import services
from ..models import Pair
from .helpers import answers, mentoring_program, person

pytestmark = pytest.mark.django_db


def _pair_with_bob(world):
    """Bob (already coached by Alice in `world.engagement`) is a mentee; Mia, a plain member, his
    mentor. Published and answered by both."""
    program = mentoring_program(world.olga)
    mia = person(world.org, "mia@acme.test", "Mia Mentor")
    services.enrol(actor=mia, program=program, role="mentor", answers=answers(0, "mentor"))
    services.enrol(actor=world.bob, program=program, role="mentee", answers=answers(0, "mentee"))
    services.match_request(actor=world.olga, program=program)
    services.publish(actor=world.olga, program=program)
    pair = Pair.objects.get(program=program, status=Pair.Status.PUBLISHED)
    return program, mia, pair


def test_the_mentor_sees_only_the_pairs_engagement_never_the_mentees_others(world):
    _program, mia, pair = _pair_with_bob(world)
    services.pair_answer(actor=mia, pair=pair, yes=True)
    services.pair_answer(actor=world.bob, pair=pair, yes=True)
    pair.refresh_from_db()
    mine = pair.engagement
    assert mine is not None and mine.status == Engagement.Status.ACTIVE
    assert (mine.coach, mine.coachee) == (mia, world.bob)

    mia = Membership.objects.get(pk=mia.pk)
    # no role of the organization's was given to either of them
    assert not mia.is_coach and not mia.is_coachee
    assert Membership.objects.get(pk=world.bob.pk).is_coach is False
    # the pair's engagement: she is its coach
    assert policy.allows(mia, "engagement.view", mine)
    assert policy.allows(mia, "engagement.content.read", mine)
    # Bob's engagement with Alice: nothing of it, nor of its sessions
    other = world.engagement
    for action in ("engagement.view", "engagement.content.read", "agreement.read"):
        assert not policy.allows(mia, action, other), action
    assert list(engagements_visible_to(member=mia)) == [mine]
    assert not sessions_visible_to(member=mia).filter(engagement=other).exists()
    # and none of what the organization's coach role opens
    for action in ("engagement.create", "plans.list", "outcomes.dashboard", "availability.manage"):
        assert not policy.allows(mia, action, None), action


def test_nobody_is_a_mentor_or_mentee_before_their_own_yes(world):
    _program, mia, pair = _pair_with_bob(world)
    services.pair_answer(actor=mia, pair=pair, yes=True)
    pair.refresh_from_db()
    assert pair.engagement is None
    assert list(engagements_visible_to(member=mia)) == []
    # the mentor's second yes is still only hers: it never answers for the mentee
    services.pair_answer(actor=mia, pair=pair, yes=True)
    pair.refresh_from_db()
    assert pair.right_yes_at is None and pair.engagement is None
    services.pair_answer(actor=world.bob, pair=pair, yes=False, reason="Not now")
    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED and pair.engagement is None
    assert list(engagements_visible_to(member=mia)) == []


def test_a_peer_program_without_a_pool_coach_refuses_before_anyone_is_asked(world):
    from django.core import mail
    from django.core.exceptions import ValidationError

    from .helpers import enrol_many

    program = mentoring_program(world.olga, kind="peer")  # no coach in its pool
    enrol_many(program, world.org, 4, by=world.olga)
    services.match_request(actor=world.olga, program=program)
    with pytest.raises(ValidationError) as refused:
        services.publish(actor=world.olga, program=program)
    assert "pool" in refused.value.message_dict
    assert not Pair.objects.filter(program=program, status=Pair.Status.PUBLISHED).exists()
    assert not mail.outbox
