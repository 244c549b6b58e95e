"""Demo plans: organization and team goals, and for Bob, Hannah, Jamal, Lena, Tom and Ed goals with
actions, check-ins, reviews with GAS scores over weeks, slipped and overdue actions, stakeholder
feedback with a new wording, and Hannah's engagement stalled. Idempotent: a plan is recognised by
its first goal's title.

Everything is written through the services, then dated in the past (`_dated`), so the history
reads as it would have happened.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Max, Model
from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, Team
from trellis.engagements.models import Engagement
from trellis.goals import services
from trellis.goals.models import (
    Action,
    CheckIn,
    Goal,
    GoalVersion,
    Review,
    Revision,
    StakeholderFeedback,
)

DATED: dict[type[Model], tuple[str, ...]] = {
    Goal: ("created_at", "updated_at"),
    Action: ("created_at", "updated_at"),
    CheckIn: ("created_at",),
    Revision: ("at",),
    Review: ("created_at",),
    GoalVersion: ("replaced_at",),
    StakeholderFeedback: ("created_at",),
}


def _moment(days_ago: int, hour: int = 9) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@contextmanager
def _dated(days_ago: int, hour: int = 9) -> Iterator[None]:
    """Rows written inside the block are dated `days_ago` days back; changed goals and actions
    get that as their last update."""
    marks = {model: model._default_manager.aggregate(m=Max("id"))["m"] or 0 for model in DATED}
    yield
    moment = _moment(days_ago, hour)
    for model, fields in DATED.items():
        model._default_manager.filter(id__gt=marks[model]).update(**dict.fromkeys(fields, moment))
    touched = Revision.objects.filter(id__gt=marks[Revision])
    Goal.objects.filter(revisions__in=touched).update(updated_at=moment)
    Action.objects.filter(revisions__in=touched).update(updated_at=moment)


class Story:
    """One coachee's plan in one engagement, told in the order it happened."""

    def __init__(self, engagement: Engagement):
        self.engagement = engagement
        self.coach, self.coachee = engagement.coach, engagement.coachee
        self.today = services.local_today(self.coachee)

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def goal(self, days_ago: int, title: str, **fields: Any) -> Goal:
        by = fields.pop("by", self.coachee)
        with _dated(days_ago):
            return services.goal_create(
                actor=by, owner=self.coachee, engagement=self.engagement, title=title, **fields
            )

    def action(self, days_ago: int, goal: Goal, what: str, **fields: Any) -> Action:
        by = fields.pop("by", self.coachee)
        with _dated(days_ago, 10):
            return services.action_create(actor=by, goal=goal, what=what, **fields)

    def check_in(self, days_ago: int, action: Action, **fields: Any) -> None:
        by = fields.pop("by", action.owner)
        with _dated(days_ago, 18):
            services.check_in_record(actor=by, action=action, **fields)

    def change(self, days_ago: int, obj: Goal | Action, why: str, **changes: Any) -> None:
        by = changes.pop("by", self.coachee)
        with _dated(days_ago, 12):
            if isinstance(obj, Goal):
                services.goal_update(actor=by, goal=obj, changes=changes, version=None, why=why)
            else:
                services.action_update(actor=by, action=obj, changes=changes, version=None, why=why)

    def feedback(self, days_ago: int, goal: Goal, stakeholder: str, text: str) -> None:
        with _dated(days_ago, 15):
            services.goal_feedback_add(
                actor=self.coachee, goal=goal, stakeholder=stakeholder, text=text
            )

    def review(self, days_ago: int, scores: list[tuple[Goal, int]], note: str, **more: Any) -> None:
        decisions = [services.GoalDecision(goal, score=score) for goal, score in scores]
        with _dated(days_ago, 11):
            services.review_record(
                actor=self.coach,
                coachee=self.coachee,
                engagement=self.engagement,
                goals=decisions + more.pop("goals", []),
                reviewed_on=self.day(-days_ago),
                note=note,
                **more,
            )

    def started(self, days_ago: int) -> None:
        """The engagement began before its history (the base demo opens engagements today)."""
        began = self.day(-days_ago)
        if self.engagement.started_on > began:
            Engagement.objects.filter(pk=self.engagement.pk).update(started_on=began)


def _aligned(demo: DemoOrgs) -> dict[str, Goal]:
    olga, org = demo.nw["olga"], demo.northwind
    found = {g.title: g for g in Goal.objects.filter(org=org).exclude(level=Goal.Level.PERSON)}

    def goal(title: str, **fields: Any) -> Goal:
        if title not in found:
            found[title] = services.goal_create(actor=olga, owner=None, title=title, **fields)
        return found[title]

    leaders = goal(
        "Fill half of our team-lead openings from within by the end of 2027",
        level="organization",
        why="People grow faster when they see a path; hiring leads from outside costs us six months each time.",
        success_measure="50% of team-lead appointments in 2026-27 are internal",
        due_date=date(2027, 12, 31),
    )
    renewals = goal(
        "Customers renew because we help them succeed: 92% renewal rate this year",
        level="organization",
        success_measure="Gross renewal rate of 92% or more",
        due_date=date(timezone.localdate().year, 12, 31),
    )

    def team(name: str) -> Team:
        return Team.objects.get_or_create(org=org, name=name)[0]

    return {
        "engineering": goal(
            "Every squad has a named, trained tech lead by the end of Q3",
            level="team",
            team=team("Engineering"),
            parent=leaders,
            success_measure="5 of 5 squads",
        ),
        "sales": goal(
            "Every account manager runs a value review with each top-20 customer",
            level="team",
            team=team("Sales"),
            parent=renewals,
            success_measure="20 value reviews per account manager, logged in the CRM",
        ),
        "operations": goal(
            "Operations leads spend a day a week on improvement, not firefighting",
            level="team",
            team=team("Operations"),
            parent=leaders,
        ),
    }


def _engagement(demo: DemoOrgs, coach: str, coachee: str) -> Engagement | None:
    return (
        Engagement.objects.filter(coach=demo.nw[coach], coachee=demo.nw[coachee])
        .select_related("coach__user", "coachee__user")
        .first()
    )


def _bob(story: Story, team: Goal, greg: Membership) -> None:
    story.started(60)
    lead = story.goal(
        55,
        "Run sprint planning",
        why="Running planning well is what the team lead role is judged on here.",
        success_measure="I facilitate 5 of the next 6 plannings and the team rates them 4/5 or better",
        due_date=story.day(45),
        weight=2,
        parent=team,
        visibility=Goal.Visibility.SHARED,
        gas_levels={
            -2: "Priya still runs every planning",
            -1: "I run 2 or 3 of 6, rated below 4/5",
            0: "I run 5 of 6, rated 4/5 or better",
            1: "I run all 6 and the team asks me to run the retro too",
            2: "All 6, and I coach Sam to run one",
        },
    )
    no = story.goal(
        52,
        "Say no to low-priority requests without apologising",
        why="I lose two afternoons a week to favours; the migration slips because of it.",
        success_measure="I decline or defer 3 requests a week, logged in my journal",
        due_date=story.day(20),
        gas_levels={
            -2: "No change",
            0: "3 a week, most weeks",
            2: "The team routes requests through the board",
        },
    )
    shadow = story.action(
        55, lead, "Shadow Priya running two sprint plannings", due_date=story.day(-45), commitment=9
    )
    template = story.action(
        50,
        lead,
        "Draft the planning agenda template and share it with the team",
        due_date=story.day(-6),
        commitment=8,
        accountability_partner=greg,
        support="Priya's old agendas",
    )
    survey = story.action(
        48,
        lead,
        "Ask the team for anonymous feedback on planning",
        due_date=story.day(-10),
        commitment=6,
    )
    sprint = story.action(
        30,
        lead,
        "Facilitate planning for sprint 14, with Alice's debrief afterwards",
        due_date=story.day(3),
        commitment=7,
        support="A 20-minute debrief call with Alice",
        obstacles="Sprint 14 overlaps the release freeze",
    )
    journal = story.action(
        52,
        no,
        "Keep a one-line journal of every request and what I said",
        due_date=story.day(20),
        cadence="fortnightly",
    )
    priorities = story.action(
        52, no, "Agree the quarter's priorities with Greg", due_date=story.day(-40), commitment=9
    )
    story.check_in(50, shadow, percent=50, note="Sat in on the first one; took notes on timeboxing")
    story.check_in(44, shadow, done=True, note="Second one done; Priya walked me through her prep")
    story.check_in(
        43, priorities, done=True, note="Greg agreed: migration first, support rota second"
    )
    story.review(42, [(lead, -1), (no, -1)], "Early days: Bob has watched, not yet run.")
    story.feedback(
        35,
        lead,
        "Greg Hollis, engineering manager",
        "Make it about the whole planning cycle, refinement included, not only the meeting.",
    )
    story.change(
        30,
        lead,
        "Greg's feedback: the refinement sessions count as much as the meeting",
        title="Run the platform team's sprint planning cycle on my own, refinement included",
    )
    story.check_in(
        29,
        journal,
        percent=30,
        note="Said no twice this week",
        blockers="Hard to say no to the CTO",
    )
    story.review(
        28,
        [(lead, 0)],
        "Template on its way; saying no is harder with senior people.",
        goals=[
            services.GoalDecision(
                no,
                score=-1,
                decision="change",
                changes={"due_date": story.day(30)},
                why="Two weeks of release support got in the way",
            )
        ],
    )
    story.check_in(20, template, percent=30, note="Outline done, needs examples")
    story.change(16, survey, "The survey tool licence arrives next week", due_date=story.day(12))
    story.check_in(15, journal, percent=60, note="Deferred 3 requests; nobody minded")
    story.review(
        14, [(lead, 1), (no, 0)], "Bob ran sprint 13 planning himself; the team rated it 4.2/5."
    )
    story.check_in(9, template, percent=60, blockers="Waiting for Priya's feedback on the examples")
    story.check_in(2, sprint, percent=20, note="Agenda sent round", by=story.coachee)


def _hannah(story: Story, team: Goal) -> None:
    """No session and no check-in for over three weeks: the coach sees it as stalled."""
    story.started(45)
    renew = story.goal(
        40,
        "Close two renewals above €80k without discounting more than 5%",
        why="Dana wants me ready to take over the strategic accounts next year.",
        success_measure="Two signed renewals over €80k, discount at or under 5%",
        due_date=story.day(60),
        parent=team,
        visibility=Goal.Visibility.SHARED,
        gas_levels={
            -2: "No renewal over €80k",
            -1: "One, with a bigger discount",
            0: "Two at 5% or less",
            2: "Three, one with an upsell",
        },
    )
    value = story.action(
        40,
        renew,
        "Prepare a value summary for Kessler Logistics before the renewal call",
        due_date=story.day(-12),
        commitment=5,
        obstacles="Finance sends usage figures late",
    )
    story.action(
        38,
        renew,
        "Role-play the price objection with Alice",
        due_date=story.day(-3),
        commitment=6,
        owner=story.coach,
        by=story.coach,
    )
    story.review(30, [(renew, -1)], "Hannah is nervous about Kessler; we agreed to practise.")
    story.check_in(25, value, percent=20, blockers="Finance figures are late again")


def _jamal(story: Story, colleague: Membership) -> None:
    story.started(40)
    case = story.goal(
        38,
        "Present my promotion case to the panel with three measurable outcomes",
        success_measure="Panel pack with three outcomes, each with a number and a stakeholder quote",
        due_date=story.day(21),
        weight=2,
        visibility=Goal.Visibility.SHARED,
        gas_levels={
            -2: "No pack ready",
            -1: "Pack with outcomes but no numbers",
            0: "Three outcomes with numbers and quotes",
            1: "And a rehearsal rated ready by Marcus",
            2: "Panel asks no clarifying questions on impact",
        },
    )
    mentor = story.goal(
        36,
        "Mentor one junior engineer through their first on-call rotation",
        success_measure="Chen completes the rotation and says she felt supported (4/5 or more)",
        due_date=story.day(50),
    )
    writeup = story.action(
        38,
        case,
        "Write up the cache rollout with before-and-after latency",
        due_date=story.day(-20),
        commitment=9,
    )
    quotes = story.action(
        36,
        case,
        "Collect two written endorsements from stakeholders outside engineering",
        due_date=story.day(5),
        commitment=4,
        obstacles="I feel awkward asking",
        support="Marcus to suggest wording for the ask",
    )
    story.action(
        30,
        case,
        "Rehearse the panel talk with Marcus",
        due_date=story.day(14),
        commitment=8,
        accountability_partner=colleague,
    )
    pairing = story.action(
        36,
        mentor,
        "Pair with Chen on two incident drills",
        due_date=story.day(25),
        cadence="fortnightly",
    )
    story.check_in(25, writeup, done=True, note="p95 latency down from 420 ms to 95 ms; doc shared")
    story.review(20, [(case, 0), (mentor, -1)], "Writeup is strong; endorsements not started.")
    story.check_in(12, quotes, percent=25, note="Asked Dana", blockers="No reply from product yet")
    story.check_in(10, pairing, percent=50, note="First drill done; Chen led the second half")
    story.review(
        6, [(case, 1), (mentor, 0)], "Jamal found his voice on impact; one endorsement in."
    )


def _lena(story: Story, team: Goal) -> None:
    story.started(30)
    focus = story.goal(
        28,
        "Protect two 90-minute focus blocks a week for the supplier review",
        why="The supplier review is the part of my job I'm best at, and it keeps slipping.",
        success_measure="Two blocks a week kept in 6 of the next 8 weeks",
        due_date=story.day(35),
        parent=team,
        gas_levels={
            -2: "No block kept",
            0: "Two a week, 6 of 8 weeks",
            2: "Two a week and the team books around them",
        },
    )
    standup = story.action(
        28, focus, "Cut the Monday stand-up to 15 minutes", due_date=story.day(-21)
    )
    blocks = story.action(
        28,
        focus,
        "Block Tuesday and Thursday mornings in the calendar",
        due_date=story.day(-14),
        cadence="weekly",
    )
    slack = story.action(
        27, focus, "Turn off chat notifications during focus blocks", due_date=story.day(-20)
    )
    story.check_in(22, standup, done=True, note="Team liked it; we end at 9:15 now")
    story.check_in(18, blocks, percent=50, note="Kept Tuesday, lost Thursday to a supplier call")
    story.change(
        16,
        slack,
        "Ops on-call needs me reachable; I'll use a status message instead",
        status="dropped",
    )
    story.check_in(8, blocks, percent=80, note="Both blocks kept two weeks running")
    story.review(
        10, [(focus, 1)], "Lena kept both blocks last week; the supplier review is drafted."
    )


def _tom(story: Story, team: Goal) -> None:
    story.started(50)
    calls = story.goal(
        48,
        "Book 12 qualified discovery calls a month",
        success_measure="12 calls a month in the CRM marked qualified, two months running",
        due_date=story.day(40),
        parent=team,
        visibility=Goal.Visibility.SHARED,
        gas_levels={
            -2: "Fewer than 4 a month",
            -1: "4 to 8",
            0: "12 a month",
            1: "15 a month",
            2: "15 a month and one becomes a deal",
        },
    )
    dormant = story.action(
        48,
        calls,
        "Call ten dormant accounts from last year's list",
        due_date=story.day(-2),
        commitment=7,
    )
    script = story.action(
        46, calls, "Ask Hannah to review my discovery script", due_date=story.day(-30), commitment=9
    )
    friday = story.action(
        40, calls, "Block Friday mornings for prospecting", due_date=story.day(10), cadence="weekly"
    )
    story.review(
        35, [(calls, -2)], "Tom booked 3 calls last month; we looked at where the time goes."
    )
    story.check_in(
        33, script, done=True, note="Hannah cut my opener in half; it sounds like me now"
    )
    story.review(21, [(calls, -1)], "7 calls this month, up from 3.")
    story.check_in(19, friday, percent=40, note="Two Fridays out of three")
    story.check_in(11, dormant, percent=40, note="4 of 10 called, 2 meetings booked")
    story.check_in(
        4,
        dormant,
        percent=70,
        note="7 of 10 done",
        blockers="Three contacts have left; need new names",
    )
    story.review(7, [(calls, 0)], "11 qualified calls this month: nearly there.")


def _ed(demo: DemoOrgs) -> None:
    engagement = Engagement.objects.filter(coach=demo.gx["carol"], coachee=demo.gx["ed"]).first()
    if (
        engagement is None
        or Goal.objects.filter(engagement=engagement, source_session_uuid=None).exists()
    ):
        return
    story = Story(engagement)
    story.started(20)
    qbr = story.goal(
        18,
        "Run my first quarterly business review as director",
        success_measure="Review held, three decisions recorded, the CFO attends",
        due_date=story.day(25),
    )
    story.action(
        18, qbr, "Agree the agenda with the CFO's office", due_date=story.day(4), commitment=7
    )


def _session_goals_dated() -> None:
    """Goals made from a demo session's artifacts are dated when that session finished."""
    try:
        sessions = apps.get_model("engagements", "CoachingSession")
    except LookupError:
        return
    for goal in Goal.objects.exclude(source_session_uuid=None):
        if goal.source_session_uuid is None:
            continue
        finished = (
            sessions.objects.filter(uuid=goal.source_session_uuid)
            .values_list("finished_at", flat=True)
            .first()
        )
        if finished is None or goal.created_at <= finished:
            continue
        Goal.objects.filter(pk=goal.pk).update(created_at=finished, updated_at=finished)
        goal.actions.update(created_at=finished, updated_at=finished)
        Revision.objects.filter(goal=goal, kind=Revision.Kind.CREATED).update(at=finished)


PLANS = [
    ("alice", "bob", "Run sprint planning"),
    ("alice", "hannah", "Close two renewals above €80k without discounting more than 5%"),
    ("marcus", "jamal", "Present my promotion case to the panel with three measurable outcomes"),
    ("sofia", "lena", "Protect two 90-minute focus blocks a week for the supplier review"),
    ("sofia", "tom", "Book 12 qualified discovery calls a month"),
]


def seed(demo: DemoOrgs) -> None:
    teams = _aligned(demo)
    stories = {
        "bob": lambda s: _bob(s, teams["engineering"], demo.nw["greg"]),
        "hannah": lambda s: _hannah(s, teams["sales"]),
        "jamal": lambda s: _jamal(s, demo.nw["yuki"]),
        "lena": lambda s: _lena(s, teams["operations"]),
        "tom": lambda s: _tom(s, teams["sales"]),
    }
    for coach, coachee, first_title in PLANS:
        engagement = _engagement(demo, coach, coachee)
        if engagement is None:
            continue
        first_titles = (
            first_title,
            "Run the platform team's sprint planning cycle on my own, refinement included",
        )
        if Goal.objects.filter(engagement=engagement, title__in=first_titles).exists():
            continue
        stories[coachee](Story(engagement))
    _ed(demo)
    _session_goals_dated()
