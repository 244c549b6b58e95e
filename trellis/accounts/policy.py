"""The one door: who may do what. Deny by default.

Every view and API operation resolves the caller's membership, then asks `require(member, action, obj)`.
A rule grants an action through an organization role (admin, coach, ...) or through the caller's
relationship to the object (coach of this engagement, owner of this token, ...). Objects of another
organization raise Http404, so a stranger learns nothing from the answer.

The table follows the visibility table in ARCHITECTURE.md: the coachee is the client.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext

from trellis.accounts.models import Membership

ANY_MEMBER = "member"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str] = (
        frozenset()
    )  # organization roles that grant it ("member": anyone in the org)
    relations: frozenset[str] = frozenset()  # relationships to the object that grant it
    unless: Callable[[Membership, Any], bool] | None = None  # a veto on top of a grant


def rule(
    roles: str = "", relations: str = "", unless: Callable[[Membership, Any], bool] | None = None
) -> Rule:
    return Rule(frozenset(roles.split()), frozenset(relations.split()), unless)


RULES: dict[str, Rule] = {
    # the organization itself
    "org.view": rule(ANY_MEMBER),
    "org.settings": rule("admin"),
    "audit.read": rule("admin"),
    # people
    "people.list": rule("admin"),
    "people.import": rule("admin"),
    "people.export": rule("admin"),
    "member.roles.change": rule("admin"),
    "invitation.manage": rule("admin"),
    # API tokens: each person manages their own
    "token.list": rule(ANY_MEMBER),
    "token.create": rule(ANY_MEMBER),
    "token.revoke": rule(relations="owner"),
    # engagements: attendance is visible to admins and sponsors; content only to coach and coachee
    "engagement.list": rule(ANY_MEMBER),
    "engagement.create": rule("admin coach"),
    # a participant (named and not declined) sees the engagement, its people, status, history and
    # contract, and answers for their own place; a proposed engagement grants nothing more
    "engagement.view": rule("admin", "coach coachee sponsor observer participant"),
    "engagement.respond": rule(relations="participant"),
    "engagement.pause": rule(relations="coach coachee"),
    "engagement.resume": rule(relations="coach coachee"),
    "engagement.end": rule("admin", "coach coachee"),
    "engagement.reopen": rule(relations="coach coachee"),
    # anyone leaves their own accepted place (trellis/engagements/leaving.py): a coach, a coachee
    # or member, a sponsor, an observer
    "engagement.leave": rule(relations="coach coachee member sponsor observer"),
    "engagement.people.change": rule("admin", "lead_coach"),  # also: invite to a team or group
    # a peer engagement's rotation (who coaches whom next): its coaches and accepted peers
    "engagement.rotation.change": rule(relations="coach peer"),
    "engagement.closing_review": rule(relations="coach coachee"),
    "agreement.read": rule(relations="participant"),
    "agreement.write": rule(relations="lead_coach"),
    "agreement.accept": rule(relations="participant"),
    "engagement.content.read": rule(relations="coach coachee"),
    "engagement.private_notes.read": rule(relations="coach"),
    # engagements: coaching sessions and their notes. A sponsor or an admin sees that a session
    # happened (date, framework), never its content; a coach's private notes are the coach's alone;
    # a sponsor reads a shared note only when the coachee has shared it with them.
    "session.list": rule(ANY_MEMBER),
    "session.view": rule("admin", "coach coachee sponsor"),
    "session.content.read": rule(relations="coach coachee"),
    # on the engagement; in a peer engagement an accepted peer opens the session of the turn
    "session.start": rule(relations="coach coachee peer"),
    "session.self.start": rule("coachee"),
    "session.run": rule(relations="coach coachee"),
    "session.feedback": rule(relations="coach"),  # directive sessions only
    "note.create": rule(relations="coach coachee"),
    "note.private.read": rule(relations="coach"),
    "note.shared.read": rule(
        relations="coach coachee sponsor", unless=lambda m, n: _withheld(m, n)
    ),
    "note.share_with_sponsor": rule(relations="coachee"),
    # frameworks: everyone may read them; admins and coaches add their organization's own
    "framework.list": rule(ANY_MEMBER),
    "framework.import": rule("admin coach"),
    # instruments (trellis/instruments): everyone reads the catalogue; admins and coaches import
    # and administer. An administration is seen by whoever sent it, its respondents, an admin,
    # and the coach, coachee and sponsor of its engagement; aggregates go to the sender, an admin,
    # the coach and the sponsor, and only at the anonymity threshold once closed (the selector
    # enforces that). A person's own answers are theirs alone: no rule grants another's.
    "instrument.list": rule(ANY_MEMBER),
    "instrument.import": rule("admin coach"),
    "instrument.administer": rule("admin coach"),
    "administration.list": rule(ANY_MEMBER),  # the ones the caller is related to (all: admin)
    "administration.view": rule("admin", "creator respondent coach coachee sponsor"),
    "administration.results": rule("admin", "creator coach sponsor"),
    "administration.manage": rule("admin", "creator"),  # remind, close
    "administration.answer": rule(relations="respondent"),
    # goals (trellis/goals): the plan is the coachee's, worked on with their coach; a sponsor sees a
    # summary of the goals the coachee shares; an accountability partner sees their action; an admin
    # sees counts only. Organization and team goals are visible to every colleague.
    "plan.mine": rule(ANY_MEMBER),
    "plans.list": rule("admin coach sponsor"),
    "plan.view": rule(
        relations="coach coachee sponsor"
    ),  # an engagement's plan (sponsor: summaries)
    "plan.content.read": rule(relations="coach coachee"),  # an engagement's full plan, CSV, review
    "goal.write": rule("coachee coach admin"),  # goal forms and the SMART check
    "goal.read": rule(relations="coach coachee colleague"),
    "goal.summary.read": rule(relations="coach coachee shared_sponsor colleague"),
    "goal.edit": rule(relations="coach coachee"),
    "goal.share": rule(relations="coachee"),
    "goal.feedback": rule(relations="coach coachee shared_sponsor"),
    "goal.align.manage": rule("admin coach"),  # organization and team goals
    "action.read": rule(relations="coach coachee owner partner"),
    "action.edit": rule(relations="coach coachee"),
    "action.check_in": rule(relations="coachee owner"),
    "review.read": rule(relations="coach coachee"),
    # scheduling (trellis/scheduling): sessions on the calendar, availability and bookings, career
    # events and trigger rules, reminders and feeds. Sponsors and admins see when sessions happen
    # and whether they were cancelled (attendance), never titles, reasons or event notes.
    "calendar.view": rule(ANY_MEMBER),  # one's own calendar, agenda, reminder settings and feed
    "calendar.schedule.view": rule("coach"),  # a coach's schedule across coachees
    # members of a team, group or peer engagement are in its sessions (one occurrence for all)
    "calendar.session.view": rule("admin", "coach coachee sponsor member peer"),  # on the series
    "calendar.session.details": rule(relations="coach coachee member peer"),  # titles, reasons
    "calendar.session.schedule": rule(relations="coach coachee"),  # on the engagement
    "calendar.session.change": rule(relations="coach coachee"),  # reschedule, cancel
    "calendar.cadence.set": rule(relations="coach"),  # on the engagement
    # attendance: the pair records what became of a session (held, no-show, ...); everyone who
    # may see the session (sponsor, admin) sees the outcome, which is all "attendance" means
    "attendance.record": rule(relations="coach coachee peer"),  # on the occurrence
    "availability.manage": rule("coach"),
    "booking.list": rule("coachee"),
    "booking.create": rule(relations="coachee"),  # on the engagement
    "event.list": rule(ANY_MEMBER),
    "event.log": rule(ANY_MEMBER),  # for oneself, one's coachees or sponsees, or anyone (admin)
    "event.view": rule("admin", "coach coachee sponsor"),
    "event.notes.read": rule(relations="coach coachee"),
    # an event's title is content like its notes (docs/confidentiality.md): sponsors and admins see
    # that an event happened and its type, never a title the coachee or a private action gave it
    "event.details.read": rule(relations="coach coachee"),
    "event.change": rule("admin", "coach coachee"),
    "event.import": rule("admin"),
    "event.session.start": rule(relations="coach coachee"),
    "trigger.manage": rule("admin"),
    # insights (trellis/insights): language insight is the coachee's to switch on, on their
    # LanguagePreference; a coach sees the trend only when the coachee shares it; coaches get the
    # inclusive-language hint. When the organization switches the feature off, all of it is refused.
    # A coachee's reflections are their own.
    "language.settings": rule("coachee", unless=lambda m, o: _language_off(m)),
    "language.insight.use": rule(relations="opted_in", unless=lambda m, o: _language_off(m)),
    "language.trend.read": rule(
        relations="self shared_coach", unless=lambda m, o: _language_off(m)
    ),
    "language.inclusive.use": rule("coach", unless=lambda m, o: _language_off(m)),
    "reflection.write": rule("coachee"),
    # programs (trellis/programs): admins run them and see counts and attendance, never content;
    # a coach in the program's pool sees the program; an enrolled person sees their own place
    # and chooses a coach from the pool (or asks for a chemistry conversation first).
    "program.list": rule(ANY_MEMBER),
    "program.manage": rule("admin"),
    "program.view": rule("admin", "pool_coach enrolled"),
    "program.enrolment.choose": rule(relations="coachee"),
    # peer and mentoring programs (trellis/mentoring): anyone in the organization may enrol; the
    # admin runs, reviews and publishes the match; each person answers for their own pair (on the
    # Pair: "pair_member"); program health is aggregates, for admins.
    "mentoring.enrol": rule(ANY_MEMBER),  # on the program
    "mentoring.manage": rule("admin"),
    "mentoring.self.request": rule(relations="enrolled"),
    "mentoring.pair.respond": rule(relations="pair_member"),
    "mentoring.pair.end": rule("admin", "pair_member"),
    "mentoring.health": rule("admin"),
    # outcomes (trellis/outcomes): dashboards count people and hide every number about fewer than
    # the threshold (trellis/core/outcomes.py). An admin counts the organization, a coach their own
    # engagements, a sponsor what their contracts let them see; a coachee's report is their own.
    "outcomes.dashboard": rule("admin coach sponsor"),
    "outcomes.report.program": rule("admin"),
    "outcomes.report.mine": rule("coachee"),
    "outcomes.sponsored": rule("sponsor"),  # what was agreed, attendance, goals shared
    # team coaching (trellis/teams), on a team engagement's TeamSpace: the team's members (its
    # accepted coachees, `member`) and its coaches see the charter, actions and check-ins; the
    # sponsor reads the charter; the pulse shows aggregates only (at the threshold) to the team,
    # its coaches, the sponsor and admins; the coaches and the team's leader write the charter.
    "team.list": rule(ANY_MEMBER),
    "team.view": rule("admin", "coach member sponsor"),
    "team.charter.read": rule(relations="coach member sponsor"),
    "team.charter.write": rule(relations="coach team_lead"),
    "team.pulse.results": rule("admin", "coach member sponsor"),
    "team.manage": rule(relations="coach"),  # leader, cadence, send a pulse, open a session
    "team.work.read": rule(relations="coach member"),  # actions and check-ins
    "team.work.write": rule(relations="coach member"),
    # leadership development (trellis/leadership): competency models are read by anyone in the
    # organization and imported by admins; the mission and values likewise. A leadership goal,
    # its behaviours and experiments are the goal's (coachee and coach); a decision record is its
    # owner's and, when it belongs to an engagement, its coach's. Sponsors and admins see none.
    "leadership.models": rule(ANY_MEMBER),
    "leadership.models.import": rule("admin"),
    "leadership.mine": rule(ANY_MEMBER),  # a leader's own page: goals, mission map, decisions
    "leadership.goal.create": rule(relations="coach coachee"),  # on the engagement
    "leadership.goal.read": rule(relations="coach coachee"),
    "leadership.goal.write": rule(relations="coach coachee"),
    "mission.read": rule(ANY_MEMBER),
    "mission.manage": rule("admin"),
    "decision.create": rule(ANY_MEMBER),
    "decision.read": rule(relations="coachee coach"),
    "decision.write": rule(relations="coachee coach"),
    # the organization's business goals: counts and a GAS trend aggregated at the threshold
    "business.view": rule("admin sponsor"),
    # stakeholder feedback (trellis/stakeholders), on a leadership goal's StakeholderPlan: the
    # coachee chooses the stakeholders; the coachee and the coach see aggregates per behaviour and
    # round only at the organization's threshold, never who said what; the coach sends the 360.
    "stakeholder.list": rule(ANY_MEMBER),
    "stakeholder.view": rule(relations="coachee coach"),
    "stakeholder.manage": rule(relations="coachee"),
    "stakeholder.threesixty": rule(relations="coach"),
    "stakeholder.settings": rule("admin"),
    # instructional coaching (trellis/instructional), on an Impact Cycle of an instructional
    # engagement: its picture of reality, goal, student evidence, visits' notes, ratings and tallies
    # are the teacher's (the coachee) and the coach's. A principal reads them only when the teacher
    # shares the cycle with them by name (`shared_principal`); an admin and the engagement's sponsor
    # see that the cycle runs (stage, visit kinds, dates and minutes), never its content.
    "cycle.list": rule(ANY_MEMBER),
    "cycle.start": rule(relations="coach"),  # on the instructional engagement
    "cycle.view": rule("admin", "coach coachee sponsor shared_principal"),
    "cycle.content.read": rule(relations="coach coachee shared_principal"),
    "cycle.write": rule(relations="coach coachee"),
    "cycle.share": rule(relations="coachee"),
    "rubric.list": rule(ANY_MEMBER),
    "rubric.import": rule("admin coach"),
    # self-efficacy (trellis/efficacy), on a program's ProgramScope: a person's small wins and
    # moods are theirs alone (no rule reads another's); participants write role-model stories and
    # read the published ones; the program's admin or a coach of its pool reviews them before
    # publishing; participants encourage each other; the pre/post change is an aggregate at the
    # instrument's threshold for who runs or coaches in the program.
    "efficacy.mine": rule(ANY_MEMBER),
    "efficacy.guide": rule(ANY_MEMBER),
    "efficacy.hint": rule(ANY_MEMBER, unless=lambda m, o: _language_off(m)),
    "efficacy.program.view": rule("admin", "participant pool_coach"),
    "efficacy.story.write": rule(relations="participant"),
    "efficacy.story.review": rule("admin", "pool_coach"),
    "efficacy.note.send": rule(relations="participant"),
    "efficacy.change.read": rule("admin", "pool_coach"),
    # schools and professional learning (trellis/schools): coaching is kept apart from evaluation.
    # A principal (assigned to the school) sees that coaching happens and the school's five-feature
    # totals, an aggregate over its teachers withheld below the anonymity threshold
    # (schools.selectors.school_hours); never one teacher's hours, observations, goals or notes.
    "school.list": rule(ANY_MEMBER),
    "school.view": rule("admin", "principal school_coach teacher"),
    "school.manage": rule("admin"),  # schools, principals, coach assignments, import, settings
    "school.aggregates": rule("admin", "principal"),
    # each teacher's hours on the school's page: those who may open every teacher's page
    "school.teacher_hours": rule("admin", "school_coach"),
    "teacher.view": rule("admin", "teacher school_coach"),
    # a coach of the organization records a visit for any teacher (coaches work across schools)
    "learning.record": rule("admin coach", "self"),  # object: the teacher's membership
    "learning.view": rule("admin", "teacher school_coach"),
    # learning communities (PLCs) of a school: invited teachers say yes or no; members log huddles
    "plc.create": rule("admin", "principal school_coach"),  # on the school
    "plc.view": rule("admin", "principal school_coach facilitator plc_member plc_invitee"),
    "plc.manage": rule("admin", "principal school_coach facilitator"),
    "plc.respond": rule(relations="plc_invitee plc_member"),
    "plc.huddle.log": rule(relations="school_coach facilitator plc_member"),
    # group coaching (trellis/groups), on a group engagement: each item a member writes has one of
    # four levels (private, coach, group, aggregate); its author always reads it, the coaches read
    # coach- and group-shared items, the other members group-shared ones; members and coaches
    # comment on group-shared items. Admins see counts at the threshold, never content; a sponsor
    # sees nothing of it (docs/confidentiality.md).
    "group.list": rule(ANY_MEMBER),
    "group.view": rule("admin", "coach member"),
    "group.content.read": rule(relations="coach member"),
    "group.item.write": rule(relations="member"),
    "group.item.read": rule(
        relations="author coach member", unless=lambda m, i: _group_hidden(m, i)
    ),
    "group.item.edit": rule(relations="author", unless=lambda m, i: i.deleted_at is not None),
    "group.item.comment": rule(
        relations="coach member",
        unless=lambda m, i: (
            _group_hidden(m, i) or i.visibility != "group" or i.deleted_at is not None
        ),
    ),
    # only its author deletes an item or a comment (the issue gives no one else, coach included,
    # a say over a member's writing); the deletion is audited, others' comments are kept
    "group.item.delete": rule(relations="author", unless=lambda m, i: i.deleted_at is not None),
    "group.comment.delete": rule(relations="author"),
    # the author turns their group goal into a goal of their own plan (trellis/goals), once
    "group.item.goal": rule(
        relations="author",
        unless=lambda m, i: i.kind != "goal" or i.deleted_at is not None or i.goal_id is not None,
    ),
    "group.aggregates": rule("admin", "coach"),
    # sales coaching (trellis/groups/sales): a deal is the seller's and their coach's; the sales
    # manager the seller names reads it; the pipeline shows counts and values at the threshold only
    "deal.list": rule(ANY_MEMBER),
    "deal.create": rule(relations="coachee"),  # on the sales-coaching engagement
    "deal.read": rule(relations="seller coach sales_manager"),
    "deal.edit": rule(relations="seller coach"),
    "deal.share": rule(relations="seller"),
    "pipeline.view": rule("admin coach sponsor"),
}


# What a sponsor reads through these actions is an item of the engagement's agreement: a grant
# that comes only from being the sponsor holds only while the agreement in force (or, before one
# is accepted, the confidentiality table's minimum) lets the sponsor see that item
# (trellis/engagements/visibility.py, docs/confidentiality.md). Roles (an admin) are not narrowed.
SPONSOR_ITEM: dict[str, str] = {
    "session.view": "attendance",
    "calendar.session.view": "attendance",
    "event.view": "career_events",
    "goal.summary.read": "goal_summaries",
    "goal.feedback": "goal_summaries",
    "note.shared.read": "shared_notes",
}
SPONSOR_RELATIONS = frozenset({"sponsor", "shared_sponsor"})


def relations(member: Membership, obj: Any) -> set[str]:
    """The caller's relationships to an object, read from the object's membership fields.

    An object that belongs to an engagement (`access_engagement`) takes coach, coachee, sponsor
    and observer from the engagement's accepted participants instead, so a proposed or declined
    engagement grants nothing; an object about one coachee (its `coachee_id`) is that coachee's
    own, whatever the engagement's state, and not every coachee's of a group.
    """
    found = set()
    engagement = getattr(obj, "access_engagement", None)
    if engagement is not None:
        found |= engagement.participant_relations(member)
        coachee_id = getattr(obj, "coachee_id", None)
        if obj is not engagement and coachee_id is not None:
            found.discard("coachee")
            if coachee_id == member.pk:
                found.add("coachee")
    else:
        for name in ("coach", "coachee", "sponsor"):
            if getattr(obj, f"{name}_id", None) == member.pk:
                found.add(name)
    if getattr(obj, "user_id", None) == member.user_id and not isinstance(obj, Membership):
        found.add("owner")
    if isinstance(obj, Membership) and obj.pk == member.pk:
        found.add("self")
    # an object may name further relationships itself (goals: the accountability partner of an action)
    named = getattr(obj, "relations_of", None)
    if callable(named):
        found |= named(member)
    return found


def _withheld(member: Membership, note: Any) -> bool:
    """A session note the member may not read although related to its session: a private note
    for anyone but the coach, a shared note for a sponsor the coachee has not shared it with."""
    if note is None:
        return False
    if getattr(note, "visibility", "") == "private":
        return getattr(note, "coach_id", None) != member.pk
    sponsor_only = getattr(note, "coach_id", None) != member.pk and note.coachee_id != member.pk
    shared_with_them = getattr(note, "shared_with_sponsor", False) and (
        getattr(note, "shared_with_id", None) == member.pk  # the person it was shared with
    )
    return sponsor_only and not shared_with_them


def withheld_from_sponsor(member: Membership, obj: Any, item: str) -> bool:
    """For list selectors: the member sees `obj` (an engagement, or an object of one) only as its
    sponsor, and the agreement in force keeps `item` from them. Admins, coaches, coachees and
    observers are never narrowed by it."""
    if member.is_admin:
        return False
    engagement = _engagement_of(obj)
    if engagement is None:
        return False
    found = engagement.participant_relations(member) - {"participant"}
    if not found or not found <= SPONSOR_RELATIONS:
        return False
    return not _sponsor_may_see(obj, item)


def _engagement_of(obj: Any) -> Any:
    """The engagement an object belongs to (a goal names it directly), or None."""
    engagement = getattr(obj, "access_engagement", None)
    return engagement if engagement is not None else getattr(obj, "engagement", None)


def _sponsor_may_see(obj: Any, item: str) -> bool:
    """The engagement's agreement in force lets its sponsor see this item (without an engagement
    to hold an agreement, the table's minimum applies)."""
    from trellis.engagements.visibility import MINIMUM, sponsor_sees  # reads the agreements

    engagement = _engagement_of(obj)
    if engagement is None:
        return item in MINIMUM
    return item in sponsor_sees(engagement)


def _group_hidden(member: Membership, item: Any) -> bool:
    """A group item its level keeps from this member (trellis/groups.models.READERS)."""
    from trellis.groups.models import READERS

    if item is None or getattr(item, "author_id", None) == member.pk:
        return False
    readers = READERS.get(getattr(item, "visibility", ""), frozenset())
    return not (readers & item.engagement.participant_relations(member))


def _language_off(member: Membership) -> bool:
    """The organization has switched language insight off (trellis/insights)."""
    return not member.org.language_insight_enabled


def same_org(member: Membership, obj: Any) -> bool:
    org_id = getattr(obj, "org_id", None)
    return org_id is None or org_id == member.org_id


def allows(member: Membership | None, action: str, obj: Any = None) -> bool:
    if member is None or not member.is_active:
        return False
    grant = RULES.get(action)
    if grant is None:
        return False
    if obj is not None and not same_org(member, obj):
        return False
    granted = ANY_MEMBER in grant.roles or any(
        member.has_role(role) for role in grant.roles - {ANY_MEMBER}
    )
    if not granted and obj is not None:
        through = grant.relations & relations(member, obj)
        granted = bool(through)
        if granted and action in SPONSOR_ITEM and through <= SPONSOR_RELATIONS:
            granted = _sponsor_may_see(obj, SPONSOR_ITEM[action])
    if granted and grant.unless is not None:
        granted = not grant.unless(member, obj)
    return granted


def require(member: Membership | None, action: str, obj: Any = None) -> None:
    """Raise Http404 for another tenant's object (or no membership), PermissionDenied otherwise."""
    if member is None or (obj is not None and not same_org(member, obj)):
        raise Http404
    if not allows(member, action, obj):
        raise PermissionDenied(gettext("Your roles do not allow %(action)s.") % {"action": action})
