"""What Trellis holds about a person, model by model, and what erasure does to it.

Every model with a foreign key to a person (a `Membership` or a `User`) is declared here once;
`tests/test_registry.py` fails when a new model is not, so no app can add personal data that the
export forgets or erasure leaves behind. docs/privacy.md is written from this table.

- `mine`: the keys that make a row part of that person's export: what they own, wrote, answered or
  take part in, and may read. A row that only mentions them (a sponsor named on a career event) is
  not exported to them when the confidentiality table keeps its content from them.
- `erase`: what erasure does to the rows where a key in `erase_by` (default: `mine`) is the person:
  "delete" the rows; "detach" them (set those keys to nothing, keep the row for others' aggregates);
  or "keep" them, because other people need the record (a coach's schedule, a contract, the audit
  log), pointing at the anonymised account. `clear` lists the fields emptied on kept rows.
- `hide`: fields never exported (secrets and their hashes).
- `through`: paths to the person through another record (`left__member`): exported, not erased by.
- `hidden_when`: lookups of rows left out of the export (what the person never sees in the product).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Held:
    model: str
    mine: tuple[str, ...]
    erase: str
    why: str
    erase_by: tuple[str, ...] | None = None
    clear: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    # paths to the person through another record (a pair's sides are enrolments, a circle's members
    # too): the rows they reach are exported to the person, never erased or detached by them
    through: tuple[str, ...] = ()
    # rows the person does not see in the product (an admin's draft), left out of their export
    hidden_when: tuple[tuple[str, object], ...] = ()
    # relations to a record that stands for a person (a pair's sides are enrolments): exported as
    # that person's name, "Name (Organization)", not the record's id
    named: tuple[str, ...] = ()

    @property
    def erase_keys(self) -> tuple[str, ...]:
        return self.mine if self.erase_by is None else self.erase_by


DELETE, DETACH, KEEP = "delete", "detach", "keep"

HELD: tuple[Held, ...] = (
    # accounts and sign-in
    Held(
        "accounts.Membership",
        ("user",),
        KEEP,
        "The membership stays, inactive, so the records others keep still name a (now anonymous) person.",
    ),
    Held(
        "accounts.Invitation",
        ("accepted_by",),
        KEEP,
        "Invitations are the organization's record; the invited address is replaced by the pseudonym.",
    ),
    Held(
        "accounts.ApiToken",
        ("user",),
        DELETE,
        "Tokens end with the account.",
        hide=("secret_hash",),
    ),
    Held(
        "accounts.AuditEvent",
        ("actor",),
        KEEP,
        "The audit log keeps a pseudonymous trace: the actor is the anonymised account, and the address in any detail is replaced by the pseudonym.",
    ),
    Held("account.EmailAddress", ("user",), DELETE, "Addresses end with the account."),
    Held(
        "mfa.Authenticator", ("user",), DELETE, "MFA secrets end with the account.", hide=("data",)
    ),
    Held(
        "socialaccount.SocialAccount",
        ("user",),
        DELETE,
        "The link to an organization's identity provider (single sign-on) ends with the account.",
    ),
    Held(
        "admin.LogEntry",
        ("user",),
        KEEP,
        "Django's admin log of operators' changes stays with the operator's anonymised account.",
    ),
    # the home page and digests
    Held("web.HomeVisit", ("member",), DELETE, "When they last looked at their home page."),
    Held("web.DigestSent", ("member",), DELETE, "Which digests were sent to them."),
    # engagements
    Held(
        "engagements.Engagement",
        ("coach", "coachee", "sponsor"),
        KEEP,
        "The other people in it keep the relationship's facts; the erased person shows as anonymous.",
    ),
    Held(
        "engagements.EngagementParticipant",
        ("member",),
        KEEP,
        "Who took part, and who said yes, stays for the others' records.",
    ),
    Held(
        "engagements.EngagementTransition",
        ("by",),
        KEEP,
        "The lifecycle history (paused, ended, by whom) stays for the others.",
    ),
    Held(
        "engagements.CoachingSession",
        ("coachee", "coach"),
        KEEP,
        "A coachee's conversation is theirs: erasing the coachee empties its topic, answers and summary; the fact that a session was held stays for attendance.",
        erase_by=("coachee",),
        clear=("topic", "state", "artifacts"),
    ),
    Held(
        "engagements.SessionNote",
        ("author", "shared_with"),
        DELETE,
        "Notes the person wrote go with them; a coach's own notes about an erased coachee stay the coach's professional record (ICF: coaches keep records).",
        erase_by=("author",),
    ),
    Held(
        "engagements.Agreement", ("written_by",), KEEP, "The contract that others accepted stays."
    ),
    Held(
        "engagements.AgreementAcceptance",
        ("member",),
        KEEP,
        "Evidence that the contract was accepted stays.",
    ),
    Held(
        "engagements.ClosingReview",
        ("by",),
        KEEP,
        "The engagement's closing review stays for the other side.",
        clear=("what_changed", "what_next"),
    ),
    # goals and plans
    Held(
        "goals.Goal", ("owner",), DELETE, "Their goals, with their actions, check-ins and history."
    ),
    Held(
        "goals.GoalVersion",
        (),
        KEEP,
        "Earlier wordings of others' goals that this person replaced stay in those goals' history.",
    ),
    Held(
        "goals.StakeholderFeedback",
        ("by",),
        KEEP,
        "Feedback given on someone else's goal belongs to that goal's record.",
    ),
    Held("goals.Action", ("owner",), DELETE, "Their actions."),
    Held(
        "goals.CheckIn",
        ("by",),
        KEEP,
        "Check-ins on someone else's action belong to that action's record; their own go with their actions.",
    ),
    Held("goals.Review", ("coachee",), DELETE, "Reviews of their plan, with their GAS scores."),
    Held(
        "goals.Revision",
        (),
        KEEP,
        "Changes this person made to others' plans stay in those plans' history.",
    ),
    # scheduling
    Held(
        "scheduling.CareerEvent",
        ("coachee",),
        DELETE,
        "Their career events. The coach and sponsor named on them are not their owners.",
    ),
    Held(
        "scheduling.SessionSeries",
        ("coach", "coachee"),
        KEEP,
        "The other side's calendar keeps the series; the title and cancellation reason are content and are emptied when the coachee is erased.",
        erase_by=("coachee",),
        clear=("title", "cancel_reason"),
    ),
    Held(
        "scheduling.ScheduledSession",
        ("coach", "coachee"),
        KEEP,
        "Attendance stays for the other side; the reason typed for a change is emptied when the coachee is erased.",
        erase_by=("coachee",),
        clear=("reason",),
    ),
    Held(
        "scheduling.MemberAttendance",
        ("member",),
        DELETE,
        "Whether they attended a group session; the session itself stays for the others.",
    ),
    Held("scheduling.Availability", ("coach",), DELETE, "A coach's availability ends with them."),
    Held(
        "scheduling.Booking",
        ("coach", "coachee"),
        KEEP,
        "Bookings are the other side's calendar record.",
    ),
    Held(
        "scheduling.TriggerRule",
        (),
        KEEP,
        "An organization's trigger rule stays; it names its author only.",
    ),
    Held(
        "scheduling.TriggerFiring",
        (),
        KEEP,
        "When a rule fired stays; it names who started it only.",
    ),
    Held("scheduling.ReminderSettings", ("member",), DELETE, "Their reminder settings."),
    Held("scheduling.ReminderPreference", ("member",), DELETE, "Their reminder choices."),
    Held("scheduling.Reminder", ("recipient",), DELETE, "Reminders sent or due to them."),
    Held(
        "scheduling.CalendarFeedToken",
        ("member",),
        DELETE,
        "Their calendar feed addresses stop working.",
    ),
    # language insight
    Held(
        "insights.LanguagePreference",
        ("member",),
        DELETE,
        "Their language-insight choices (and whom they shared their trend with).",
    ),
    Held("insights.Reflection", ("member",), DELETE, "Their reflections."),
    Held("insights.WritingSample", ("member",), DELETE, "The stance counts of their writing."),
    # frameworks, instruments, programs: the organization's data files name their author only
    Held(
        "frameworks.FrameworkVersion",
        (),
        KEEP,
        "An organization's framework names who imported it only.",
    ),
    Held(
        "instruments.InstrumentVersion",
        (),
        KEEP,
        "An organization's instrument names who imported it only.",
    ),
    Held(
        "instruments.Administration",
        ("subject",),
        DELETE,
        "Assessments about them (a 360 on them, say) go with them.",
        erase_by=("subject",),
    ),
    Held(
        "instruments.Respondent",
        ("member",),
        DETACH,
        "Their answers to instruments about others or teams stay, without a name, inside aggregates (which still need the anonymity threshold).",
        clear=("email", "name"),
    ),
    Held(
        "stakeholders.Stakeholder",
        ("member",),
        DETACH,
        "Being named as someone's stakeholder: the row stays without their name or address, so "
        "they are asked no more; their ratings never named them.",
        clear=("email", "name"),
    ),
    Held(
        "programs.ProgramTemplateVersion",
        (),
        KEEP,
        "A program template names who uploaded it only.",
    ),
    Held("programs.Program", (), KEEP, "A program names who created it only."),
    Held("programs.ProgramCoach", ("coach",), KEEP, "A program's coach pool keeps its history."),
    Held(
        "programs.Enrolment",
        ("member",),
        KEEP,
        "Program counts (enrolled, active, ended) stay; the enrolment names nobody once the person is anonymous.",
    ),
    # peer and mentoring programs
    Held(
        "mentoring.Enrolment",
        ("member",),
        KEEP,
        "Program health counts stay; the answers (offers, needs, free text) are emptied.",
        clear=("answers",),
    ),
    Held(
        "mentoring.Pair",
        ("requested_by", "ended_by", "published_by"),
        DETACH,
        "Their pairs (published, requested, declined or ended; the admin's proposals are not shown to them) are exported; the pair stays for the other person and the counts; who asked, published or ended it is forgotten.",
        clear=("end_reason",),
        through=("left__member", "right__member"),
        hidden_when=(("status__in", ("proposed", "banned")),),
        named=("left", "right"),
    ),
    Held(
        "mentoring.Circle",
        (),
        KEEP,
        "The peer circles they are in are exported; a circle stays for its other members.",
        through=("members__member",),
    ),
    # leadership development
    Held(
        "leadership.CompetencyModelVersion",
        (),
        KEEP,
        "An organization's competency model names who uploaded it only.",
    ),
    Held(
        "leadership.DecisionRecord",
        ("owner",),
        DELETE,
        "Their decision records: the question, options, consequences, decision and what happened.",
    ),
    # self-efficacy (the four sources)
    Held("efficacy.SmallWin", ("member",), DELETE, "Their small wins."),
    Held("efficacy.Mood", ("member",), DELETE, "Their moods, which nobody else ever sees."),
    Held(
        "efficacy.Story",
        ("author",),
        DELETE,
        "Their role-model stories, published or not; who reviewed one is kept, anonymous.",
    ),
    Held(
        "efficacy.Encouragement",
        ("sender", "recipient"),
        DELETE,
        "Encouragement notes they sent or received.",
    ),
    Held(
        "efficacy.PeerCheckSent",
        ("coach",),
        DELETE,
        "That the peer-coach self-check was sent to them after a session.",
    ),
    # teams and outcome reports
    Held("teams.TeamSpace", (), KEEP, "A team's space names its leader only."),
    Held(
        "teams.CharterVersion",
        (),
        KEEP,
        "The team's charter history names who saved each version only.",
    ),
    Held(
        "teams.TeamAction",
        ("owner",),
        KEEP,
        "A team action is the team's record; it names an anonymous owner afterwards.",
    ),
    Held("teams.TeamCheckIn", ("by",), DELETE, "Their check-ins to the team."),
    # group and sales coaching
    Held(
        "groups.GroupItem",
        ("author",),
        DELETE,
        "What they wrote in a group (goals, actions, reflections, check-ins), at every visibility level.",
    ),
    Held(
        "groups.GroupComment",
        ("author",),
        DELETE,
        "Their comments on items shared with their group.",
    ),
    Held(
        "groups.Deal",
        ("seller",),
        DELETE,
        "Their deals, worked on with their coach; the coach and a sales manager it was shared with are only named on it.",
    ),
    Held(
        "groups.DealChange",
        ("by",),
        DETACH,
        "Who changed a deal's stage, value or close date; the change stays in the deal's history, naming nobody.",
    ),
    # schools and professional learning
    Held(
        "schools.TeacherProfile",
        ("membership",),
        DELETE,
        "Their school, grades and subjects as a teacher.",
    ),
    Held(
        "schools.SchoolAssignment",
        ("membership",),
        DELETE,
        "Their assignment to a school as its principal or an instructional coach.",
    ),
    Held(
        "schools.LearningActivity",
        ("teacher",),
        DELETE,
        "Their professional-learning activities (type, minutes, the five features); who recorded one is kept, anonymous.",
    ),
    Held(
        "schools.LearningCommunity",
        (),
        KEEP,
        "A learning community is the school's; it names its facilitator only.",
    ),
    Held(
        "schools.CommunityMember",
        ("membership",),
        DELETE,
        "Their place in a learning community and their answer to its invitation.",
    ),
    Held("schools.Huddle", (), KEEP, "A huddle log is the community's; it names who logged it."),
    # instructional coaching: a cycle, its visits, notes, ratings and tallies belong to the
    # instructional engagement (the teacher's and the coach's); they name people only here
    Held(
        "instructional.Cycle",
        (),
        DETACH,
        "An Impact Cycle is the teacher's and the coach's, through their engagement; it names who started it and the person the teacher shared it with, both dropped on erasure.",
        erase_by=("shared_with", "created_by"),
    ),
    Held(
        "instructional.Visit",
        (),
        DETACH,
        "A visit of an Impact Cycle names who recorded it, dropped on erasure.",
        erase_by=("created_by",),
    ),
    Held(
        "outcomes.Report",
        ("requested_by",),
        DELETE,
        "Reports they asked for (aggregates, already below nobody's name).",
    ),
    # provisioning
    Held(
        "scim.ScimToken",
        (),
        KEEP,
        "An organization's provisioning token names the admin who made it; it stops working when they are no longer an active admin.",
    ),
    Held("scim.ScimExternalId", ("member",), DELETE, "The identity provider's id for them."),
    # the people's-rights records themselves
    Held(
        "privacy.ErasureRequest",
        ("user",),
        KEEP,
        "The request is the record that erasure was asked for and done; it holds only the pseudonym afterwards.",
    ),
    Held(
        "privacy.ErasureConfirmation",
        (),
        KEEP,
        "Which admin confirmed an erasure stays with the request.",
    ),
    Held(
        "privacy.RetentionPolicy",
        (),
        KEEP,
        "An organization's retention setting names who set it only.",
    ),
)

BY_MODEL = {held.model: held for held in HELD}


def markdown_table() -> str:
    """The registry as the table in docs/privacy.md (a test keeps the two the same)."""
    lines = [
        "| Record | Exported to the person when they are | On erasure | Why |",
        "|---|---|---|---|",
    ]
    for held in HELD:
        mine = ", ".join(f"`{k}`" for k in (*held.mine, *held.through))
        mine = mine or "(not exported: it is not theirs)"
        what = {DELETE: "deleted", DETACH: "kept without their name", KEEP: "kept"}[held.erase]
        if held.erase != KEEP or held.clear:
            keys = held.erase_keys
            if keys != held.mine:
                what += " where they are " + ", ".join(f"`{k}`" for k in keys)
        if held.clear:
            what += "; emptied: " + ", ".join(f"`{c}`" for c in held.clear)
        lines.append(f"| `{held.model}` | {mine} | {what} | {held.why} |")
    return "\n".join(lines) + "\n"
