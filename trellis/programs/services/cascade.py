"""A program that opens others: business coaching coaches the leadership team around the
organization's business goals, then cascades (its template's `[cascade]`). From the cascade's week,
the program pass proposes a team engagement for each team with an active goal under an active
business goal, and a one-to-one engagement for each person enrolled, with the program's pool
coaches (the least busy one with a free place). Proposed engagements grant nothing: each person
accepts their own place. Each team and each leader is proposed once; run again, it opens
only what is missing."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.accounts.models import Membership, Team
from trellis.engagements.kinds import engagement_propose_team
from trellis.engagements.lifecycle import engagement_propose
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.programs.models import Program

TEAM_TOPIC = "{program}: {team}"
LEADER_TOPIC = "{program}: one-to-one"
NO_COACH = "no pool coach has a free place"
CLOSED = (Engagement.Status.ENDED, Engagement.Status.DECLINED)


@dataclass
class Cascaded:
    teams: int = 0
    leaders: int = 0
    skipped: list[str] = field(default_factory=list)  # who was not opened, and why


def cascade_teams(*, org_id: int) -> list[Team]:
    """Teams with an active team goal under an active business goal (the goal tree's top)."""
    return list(
        Team.objects.filter(
            org_id=org_id,
            goals__level=Goal.Level.TEAM,
            goals__status=Goal.Status.ACTIVE,
            goals__parent__level=Goal.Level.ORGANIZATION,
            goals__parent__status=Goal.Status.ACTIVE,
        )
        .distinct()
        .order_by("name")
    )


def cascade_due_on(program: Program) -> datetime | None:
    cascade = program.template.cascade
    if cascade is None:
        return None
    day = program.starts_on + timedelta(weeks=cascade.week - 1)
    return datetime.combine(day, datetime.min.time(), timezone.get_current_timezone())


def program_cascade(*, program: Program, now: datetime | None = None) -> Cascaded:
    """Open what the program's cascade still misses, once its week has come."""
    done = Cascaded()
    cascade = program.template.cascade
    due = cascade_due_on(program)
    actor = program.created_by
    if cascade is None or due is None or actor is None or (now or timezone.now()) < due:
        return done
    places = list(program.coaches.select_related("coach__user").order_by("pk"))
    mine = Engagement.objects.filter(org_id=program.org_id, topic__startswith=f"{program.name}: ")
    busy = Counter(
        mine.exclude(status__in=CLOSED)
        .filter(coach__in=[p.coach for p in places])
        .values_list("coach_id", flat=True)
    )
    busy.update(
        program.enrolments.exclude(engagement=None)
        .exclude(engagement__status__in=CLOSED)
        .values_list("engagement__coach_id", flat=True)
    )

    def coach_for(avoid: set[int]) -> Membership | None:
        free = [p for p in places if p.coach_id not in avoid and busy[p.coach_id] < p.capacity]
        if not free:
            return None
        chosen = min(free, key=lambda p: (busy[p.coach_id], p.pk))
        busy[chosen.coach_id] += 1
        return chosen.coach

    if cascade.teams:
        # once per team: a team that declined or ended its engagement is not asked again, and a
        # team already in team coaching (begun outside the program) is not proposed a second one
        opened = set(mine.filter(kind=Engagement.Kind.TEAM).values_list("team_id", flat=True))
        opened |= set(
            Engagement.objects.filter(
                org_id=program.org_id, kind=Engagement.Kind.TEAM, team__isnull=False
            )
            .exclude(status__in=CLOSED)
            .values_list("team_id", flat=True)
        )
        for team in cascade_teams(org_id=program.org_id):
            if team.pk in opened:
                continue
            avoid = set(team.members.values_list("pk", flat=True))
            coach = coach_for(avoid)
            if coach is None:
                done.skipped.append(f"{team.name}: {NO_COACH}")
                continue
            topic = TEAM_TOPIC.format(program=program.name, team=team.name)
            try:
                engagement_propose_team(actor=actor, team=team, coach=coach, topic=topic)
            except ValidationError as exc:
                busy[coach.pk] -= 1
                done.skipped.append(f"{team.name}: {'; '.join(exc.messages)}")
                continue
            done.teams += 1
    if cascade.leaders:
        topic = LEADER_TOPIC.format(program=program.name)
        has_one = set(  # once per leader, as for teams
            mine.filter(kind=Engagement.Kind.ONE_TO_ONE, topic=topic).values_list(
                "coachee_id", flat=True
            )
        )
        for enrolment in program.enrolments.select_related("member__user").order_by("pk"):
            leader = enrolment.member
            if leader.pk in has_one or not leader.is_active:
                continue
            coach = coach_for({leader.pk})
            if coach is None:
                done.skipped.append(f"{leader.user}: {NO_COACH}")
                continue
            try:
                engagement_propose(
                    actor=actor,
                    coach=coach,
                    coachee=leader,
                    kind=Engagement.Kind.ONE_TO_ONE,
                    topic=topic,
                )
            except ValidationError as exc:
                busy[coach.pk] -= 1
                done.skipped.append(f"{leader.user}: {'; '.join(exc.messages)}")
                continue
            done.leaders += 1
    return done
