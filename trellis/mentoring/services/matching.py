"""Matching: the engine's input and run, the admin's review (lock, ban), publishing the
proposed pairs to their people, and why a pair was matched."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core.matching import MatchingInputError
from trellis.core.matching.explain import explanation_text as _explanation_text
from trellis.mentoring import engine
from trellis.mentoring.models import Enrolment, MentoringProgram, Pair
from trellis.mentoring.services.enrolment import answers_missing
from trellis.mentoring.services.setup import _facilitator_first
from trellis.programs.models import Program

NOT_PROPOSED = _("Only a proposed pair can be locked; this one is {status}.")
NOTHING_TO_PUBLISH = _("There are no proposed pairs to publish.")
RUNNING = _("The match is already running.")


def _explain(parts: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"label": p.label, "points": round(p.points, 2), "detail": p.detail} for p in parts]


def explanation_line(pair: Pair) -> str:
    from trellis.core.matching.model import Contribution

    return _explanation_text(
        [Contribution(c["label"], c["points"], c.get("detail", "")) for c in pair.explanation]
    )


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
        from trellis.mentoring.tasks import run_match

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
    from trellis.mentoring.selectors import program_url

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
