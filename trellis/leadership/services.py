"""Writes for leadership development: leadership goals and their behaviours (the freeze and
version contract, see models), an organization's own competency models, mission and values,
innovation experiments and decision records."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership, Organization
from trellis.core.leadership import CompetencyModel, parse_model
from trellis.engagements.models import CoachingSession, Engagement
from trellis.goals.models import Goal
from trellis.leadership import selectors
from trellis.leadership.models import (
    Behaviour,
    CompetencyModelVersion,
    DecisionRecord,
    Experiment,
    LeadershipGoal,
    LeadershipLink,
    MissionPart,
    SessionLink,
)

BEHAVIOUR_COUNT = _("Choose one or two observable behaviours.")
BEHAVIOUR_EMPTY = _("Describe the behaviour in words another person can see.")
QUESTIONS_RANGE = _("Ask stakeholders 1, 2 or 3 questions about a behaviour.")
DEFAULT_QUESTIONS = 2


def _check_questions(questions: object) -> int:
    """The number of stakeholder questions about a behaviour: 1 (how much they improved),
    2 (and a feed-forward suggestion) or 3 (and an example they saw)."""
    if isinstance(questions, bool) or not isinstance(questions, int) or not 1 <= questions <= 3:
        raise ValidationError({"questions": [QUESTIONS_RANGE]})
    return questions


def _clean_texts(texts: Sequence[str]) -> list[str]:
    cleaned = [t.strip() for t in texts if t and t.strip()]
    if not 1 <= len(cleaned) <= 2:
        raise ValidationError(BEHAVIOUR_COUNT)
    return cleaned


@transaction.atomic
def make_leadership_goal(
    goal: Goal,
    *,
    model_key: str,
    competency_key: str,
    behaviours: Sequence[str],
    questions: int = DEFAULT_QUESTIONS,
) -> LeadershipGoal:
    """Turn a goal into a leadership goal with one or two behaviours (version 1), each asking
    stakeholders `questions` questions (1 to 3)."""
    texts = _clean_texts(behaviours)
    questions = _check_questions(questions)
    leadership = LeadershipGoal.objects.create(
        goal=goal, model_key=model_key, competency_key=competency_key
    )
    for position, text in enumerate(texts, start=1):
        Behaviour.objects.create(
            leadership_goal=leadership, position=position, text=text, questions=questions
        )
    return leadership


def _leadership_of(goal: Goal | LeadershipGoal) -> LeadershipGoal:
    if isinstance(goal, LeadershipGoal):
        return goal
    return LeadershipGoal.objects.get(goal=goal)


@transaction.atomic
def freeze_behaviours(goal: Goal | LeadershipGoal) -> int:
    """Freeze the current wording of a goal's behaviours (the first rating arrived). Idempotent;
    answers how many behaviours were newly frozen."""
    leadership = _leadership_of(goal)
    return leadership.behaviours.filter(retired_at__isnull=True, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )


@transaction.atomic
def revise_behaviour(behaviour: Behaviour, text: str, questions: int | None = None) -> Behaviour:
    """Change a behaviour's wording (and, optionally, how many questions stakeholders answer
    about it; None keeps them). An unfrozen behaviour is edited in place; a frozen one is kept
    as it was (retired) and a new version replaces it, so ratings stay with the wording rated."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(BEHAVIOUR_EMPTY)
    if questions is not None:
        questions = _check_questions(questions)
    current = Behaviour.objects.select_for_update().get(pk=behaviour.pk)
    if current.retired_at is not None:
        raise ValidationError(gettext("This wording was already replaced by a newer version."))
    questions = current.questions if questions is None else questions
    if current.text == text and current.questions == questions:
        return current
    if current.frozen_at is None:
        current.text = text
        current.questions = questions
        current.save(update_fields=["text", "questions"])
        return current
    current.retired_at = timezone.now()
    current.save(update_fields=["retired_at"])
    return Behaviour.objects.create(
        leadership_goal=current.leadership_goal,
        position=current.position,
        version=current.version + 1,
        text=text,
        questions=questions,
        replaces=current,
    )


# -- competency models ---------------------------------------------------------------------------


def model_check(*, text: str | bytes, source: str) -> CompetencyModel:
    """Parse a competency model; raises CompetencyModelError listing every problem."""
    return parse_model(text, source)


def model_import(
    *, org: Organization, text: str | bytes, source: str, actor: Membership | None = None
) -> tuple[CompetencyModelVersion, bool]:
    """Store an organization's own competency model; the same text again is a no-op, a changed
    one the next version. Nothing is written when the file is invalid."""
    model = model_check(text=text, source=source)
    body = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    digest = CompetencyModelVersion.hash_of(body)
    with transaction.atomic():
        latest = (
            CompetencyModelVersion.objects.select_for_update()
            .filter(org=org, key=model.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == digest:
            return latest, False
        row = CompetencyModelVersion.objects.create(
            org=org,
            key=model.key,
            version=(latest.version + 1) if latest else 1,
            name=model.name,
            text=body,
            content_hash=digest,
            uploaded_by=actor,
        )
    return row, True


# -- leadership goals ----------------------------------------------------------------------------

GAS_LABELS = ("much_less", "less", "expected", "more", "much_more")


@transaction.atomic
def leadership_goal_create(
    *,
    actor: Membership,
    engagement: Engagement,
    model_key: str,
    competency_key: str,
    title: str,
    behaviours: Sequence[str],
    gas: Sequence[str] = (),
    parts: Sequence[MissionPart] = (),
    questions: int = DEFAULT_QUESTIONS,
) -> LeadershipGoal:
    """A leadership goal for the engagement's coachee: a goal whose GAS levels say what others
    would see, one or two observable behaviours, and the parts of the mission it serves."""
    org = engagement.org
    model = selectors.model_for(org=org, key=model_key)
    if model is None:
        raise ValidationError(
            {"model_key": gettext("No competency model %(key)s.") % {"key": repr(model_key)}}
        )
    competency = model.competency(competency_key)
    if competency is None:
        raise ValidationError(
            {
                "competency_key": gettext("%(model)s has no %(key)s.")
                % {"model": model.name, "key": repr(competency_key)}
            }
        )
    if not title.strip():
        raise ValidationError({"title": gettext("Give the goal a title.")})
    questions = _check_questions(questions)
    levels = list(gas) + [""] * (5 - len(gas))
    goal = Goal.objects.create(
        org=org,
        owner=engagement.coachee,
        engagement=engagement,
        title=title.strip(),
        why=f"{model.name}: {competency.name}",
        success_measure=gettext("Stakeholders see the behaviours below more often."),
        gas_much_less=levels[0],
        gas_less=levels[1],
        gas_expected=levels[2],
        gas_more=levels[3],
        gas_much_more=levels[4],
        created_by=actor,
    )
    leadership = make_leadership_goal(
        goal,
        model_key=model.key,
        competency_key=competency.key,
        behaviours=behaviours,
        questions=questions,
    )
    links_set(leadership=leadership, parts=parts)
    return leadership


def links_set(*, leadership: LeadershipGoal, parts: Sequence[MissionPart]) -> None:
    """Which parts of the mission (and values) the goal serves; replaces the earlier choice."""
    for part in parts:
        if part.org_id != leadership.goal.org_id:
            raise ValidationError(gettext("Link the organization's own mission and values only."))
    with transaction.atomic():
        LeadershipLink.objects.filter(leadership_goal=leadership).exclude(
            part__in=list(parts)
        ).delete()
        for part in parts:
            LeadershipLink.objects.get_or_create(leadership_goal=leadership, part=part)


def session_links_set(
    *, actor: Membership, session: CoachingSession, parts: Sequence[MissionPart]
) -> list[MissionPart]:
    """Which parts of the mission (and values) a session worked on, said by who runs it (its
    coach or coachee); replaces the earlier choice. Archived parts stay linked until unticked."""
    policy.require(actor, "session.run", session)
    for part in parts:
        if part.org_id != session.org_id:
            raise ValidationError(
                {"parts": gettext("Link the organization's own mission and values only.")}
            )
    with transaction.atomic():
        SessionLink.objects.filter(session=session).exclude(part__in=list(parts)).delete()
        SessionLink.objects.bulk_create(
            [SessionLink(session=session, part=part) for part in parts], ignore_conflicts=True
        )
    return list(parts)


# -- mission and values --------------------------------------------------------------------------


def mission_part_save(
    *,
    org: Organization,
    kind: str,
    name: str,
    description: str = "",
    position: int = 1,
    part: MissionPart | None = None,
) -> MissionPart:
    if kind not in MissionPart.Kind.values:
        raise ValidationError({"kind": gettext("Choose a part of the mission or a value.")})
    if not name.strip():
        raise ValidationError({"name": gettext("Name it in a few words.")})
    if part is None:
        part = MissionPart(org=org)
    part.kind, part.name, part.description = kind, name.strip(), description.strip()
    part.position, part.updated_at = position, timezone.now()
    part.save()
    return part


def mission_part_archive(*, part: MissionPart) -> None:
    part.archived = True
    part.updated_at = timezone.now()
    part.save(update_fields=["archived", "updated_at"])


# -- experiments ---------------------------------------------------------------------------------


def experiment_add(*, leadership: LeadershipGoal, hypothesis: str, test: str) -> Experiment:
    if not hypothesis.strip() or not test.strip():
        raise ValidationError(gettext("Say what you expect to happen and how you will test it."))
    return Experiment.objects.create(
        leadership_goal=leadership, hypothesis=hypothesis.strip(), test=test.strip()
    )


def experiment_conclude(*, experiment: Experiment, learnt: str) -> Experiment:
    if not learnt.strip():
        raise ValidationError({"learnt": gettext("Say what the test showed and what you learnt.")})
    experiment.learnt, experiment.concluded_at = learnt.strip(), timezone.now()
    experiment.save(update_fields=["learnt", "concluded_at"])
    return experiment


# -- decision records ----------------------------------------------------------------------------


def decision_create(
    *,
    actor: Membership,
    question: str,
    options: str,
    consequences: str = "",
    values: Sequence[MissionPart] = (),
    values_note: str = "",
    decision: str = "",
    why: str = "",
    review_on: date | None = None,
    session: CoachingSession | None = None,
) -> DecisionRecord:
    """A decision record of the actor's own, or, from a session, of that session's coachee (the
    coach writes it with them)."""
    engagement = session.engagement if session is not None else None
    owner = actor
    if session is not None:
        if actor.pk not in (session.coach_id, session.coachee_id):
            raise ValidationError(
                gettext("Only the coach or coachee of the session records a decision.")
            )
        owner = session.coachee
    if not question.strip() or not options.strip():
        raise ValidationError(gettext("Write the question and at least one option."))
    with transaction.atomic():
        record = DecisionRecord.objects.create(
            org=actor.org,
            owner=owner,
            engagement=engagement,
            session=session,
            question=question.strip(),
            options=options.strip(),
            consequences=consequences.strip(),
            values_note=values_note.strip(),
            decision=decision.strip(),
            why=why.strip(),
            review_on=review_on,
        )
        record.values.set([v for v in values if v.org_id == actor.org_id])
    return record


def decision_revisit(*, record: DecisionRecord, outcome: str) -> DecisionRecord:
    """Look at the decision again: what happened. It leaves the reminders."""
    if not outcome.strip():
        raise ValidationError({"outcome": gettext("Say what happened since the decision.")})
    record.outcome, record.reviewed_at = outcome.strip(), timezone.now()
    record.save(update_fields=["outcome", "reviewed_at"])
    return record


REMINDER_SUBJECT = _("Time to revisit a decision: {question}")
REMINDER_BODY = _(
    "On {created} you recorded a decision: {question}\n\n"
    "Its review date has come. What happened? Record it here:\n{url}\n"
)
PASS_EVERY = timedelta(days=1)


def decision_reminders(*, today: date | None = None) -> int:
    """Email each owner once about each decision whose review date has come and that nobody
    revisited yet (the same decisions head their leadership page). Answers how many were sent."""
    today = today or timezone.localdate()
    due = DecisionRecord.objects.filter(
        review_on__lte=today, reviewed_at__isnull=True, reminded_on__isnull=True
    ).select_related("owner__user", "org")
    sent = 0
    for record in due:
        url = settings.SITE_URL.rstrip("/") + reverse(
            "leadership:decision", kwargs={"slug": record.org.slug, "decision": record.uuid}
        )
        with in_language_of(record.owner.user):
            subject = REMINDER_SUBJECT.format(question=record.question[:80])
            body = REMINDER_BODY.format(
                created=date_format(record.created_at.date()), question=record.question, url=url
            )
        with transaction.atomic():
            updated = DecisionRecord.objects.filter(pk=record.pk, reminded_on__isnull=True).update(
                reminded_on=today
            )
            if updated:
                email = record.owner.user.email
                transaction.on_commit(
                    partial(send_mail, subject, body, None, [email], fail_silently=True)
                )
                sent += 1
    return sent


def queue_next_pass(*, now: datetime | None = None) -> bool:
    """Queue the next decision pass (at most one a day, whoever asks)."""
    from trellis.leadership.tasks import run_decision_pass

    run_at = next_slot(now or timezone.now(), PASS_EVERY)
    return queue_once(
        run_decision_pass, name="leadership:pass", run_at=run_at, keep=timedelta(days=2)
    )
