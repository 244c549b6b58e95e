"""A pair's life after publishing: each person's yes (which opens the engagement), ending it,
and matching one person again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.mentoring import engine
from trellis.mentoring.models import Enrolment, MentoringProgram, Pair
from trellis.mentoring.services.matching import _explain, match_input
from trellis.mentoring.services.setup import facilitator_of

NOT_YOURS = _("This pair is not yours to answer.")
ALREADY_ENDED = _("This pair has already ended.")
# self-match requests (trellis/mentoring/selfmatch.py) are refused with these
NOT_SUGGESTED = _("{name} is not one of your suggestions.")
SELF_ONLY = _("Self-match requests are for programs in self-match mode.")


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
