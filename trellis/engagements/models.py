"""Coaching relationships (engagements): participants with roles, a kind and a lifecycle.

Who is in an engagement, and in what role, is the `EngagementParticipant` rows. The `coach`,
`coachee` and `sponsor` foreign keys on `Engagement` are kept as the lead coach, the primary coachee
and the accepted primary sponsor, so that the many readers of `engagement.coach_id` keep working;
only the services in `trellis.engagements.services` change them, always together with the rows.
Access comes from the rows (see `Engagement.participant_relations`): a proposed or declined
engagement grants nothing.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization, Team


class Engagement(models.Model):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("1:1 coaching")
        TEAM = "team", _("Team coaching")
        GROUP = "group", _("Group coaching")
        PEER = "peer", _("Peer coaching")
        INSTRUCTIONAL = "instructional", _("Instructional coaching")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="engagements")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ONE_TO_ONE)
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="coaching")
    coachee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="coached_in")
    sponsor = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="sponsoring"
    )
    topic = models.CharField(
        max_length=200, blank=True, help_text=_("What the coaching is about, in a line.")
    )
    # Services open an engagement as proposed; a row made directly (a fixture) is active, but
    # grants nothing until it has accepted participant rows.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A team engagement remembers its team, so that a person who joins the team later can be
    # invited (never added silently).
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagements"
    )
    # A peer engagement's rotation: the peers (membership ids) in the order they take the coach's
    # seat, and how many peer sessions were held (the turn). Turn t: order[t] coaches order[t+1].
    rotation = models.JSONField(default=list, blank=True)
    rotation_turn = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        # an organization's engagements newest first (the admin's Engagements page, paged)
        indexes = [models.Index(fields=["org", "-started_on", "-id"], name="engagement_org_newest")]

    def __str__(self) -> str:
        return f"{self.coach.user} coaching {self.coachee.user}"

    @property
    def access_engagement(self) -> "Engagement":
        """The engagement whose participants the access policy asks (see accounts.policy)."""
        return self

    @property
    def grants_access(self) -> bool:
        return self.status in GRANTING_STATUSES

    @property
    def is_several(self) -> bool:
        """Team, group and peer engagements: several coachees, each answering for themselves."""
        return self.kind in SEVERAL_COACHEES

    @property
    def group_name(self) -> str:
        """What a team or group engagement's shared sessions are called on calendars (not the
        primary coachee's name): see `group_label`. Empty for other kinds."""
        team_name = self.team.name if self.team_id and self.team else ""
        return group_label(self.kind, self.topic, team_name)

    def coachee_summary(self) -> str:
        """Who is coached, in a line (from the prefetched places): the coachee of a 1:1; for a
        team, group or peer engagement up to three accepted names and the counts of answers."""
        if not self.is_several:
            return str(self.coachee.user)
        places = [p for p in self.participant_list() if p.role == "coachee" and p.left_at is None]
        accepted = [p for p in places if p.acceptance == EngagementParticipant.Acceptance.ACCEPTED]
        waiting = [p for p in places if p.acceptance == EngagementParticipant.Acceptance.PENDING]
        names = ", ".join(str(p.member.user) for p in accepted[:3])
        more = f" and {len(accepted) - 3} more" if len(accepted) > 3 else ""
        counts = f"{len(accepted)} accepted, {len(waiting)} waiting"
        return f"{names}{more} ({counts})" if names else f"({counts})"

    def participant_list(self) -> list["EngagementParticipant"]:
        """The participant rows, from a prefetch when there is one (into the manager, or into
        PARTICIPANT_ROWS: a list, cheaper per row), else read once and kept."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "participants" in cache:
            return list(cache["participants"])
        if not hasattr(self, "_participant_rows"):
            self._participant_rows = list(self.participants.all())
        return self._participant_rows

    def participant_relations(self, member: Membership) -> set[str]:
        """How a member stands to this engagement, for the access policy.

        `participant`: named in it and not declined (sees that it exists, who is in it, its status
        and contract, and answers for their own place). The role relations (`coach`, `coachee`,
        `sponsor`, `observer`) only from an accepted place on an active or paused engagement; on an
        ended one the coach and the coachee keep theirs (to read their history), a sponsor does not.
        `lead_coach`: the lead coach while the engagement is proposed, active or paused.
        In a team, group or peer engagement an accepted coachee is a `member` (a `peer` in a peer
        engagement), never the engagement's `coachee`: the engagement-wide content (its plan, its
        sessions) belongs to no one member; what is about one person (`coachee_id`) stays theirs.
        """
        mine = [p for p in self.participant_list() if p.member_id == member.pk and p.is_current]
        if not mine:
            return set()
        found = {"participant"}
        lead = any(p.role == EngagementParticipant.Role.LEAD_COACH and p.grants for p in mine)
        if lead and self.status in (self.Status.PROPOSED, *GRANTING_STATUSES):
            found.add("lead_coach")  # writes the contract, changes the people
        granted = {p.relation for p in mine if p.grants}
        if self.is_several and "coachee" in granted:
            granted = (granted - {"coachee"}) | {"member"}
            if self.kind == self.Kind.PEER:
                granted.add("peer")
        if self.status in GRANTING_STATUSES:
            found |= granted
        elif self.status == self.Status.ENDED:
            found |= granted & {"coach", "coachee", "member"}
        return found


# Prefetch("participants", to_attr=PARTICIPANT_ROWS) hands each engagement its rows as a list,
# which `participant_list` reads, without building a query set per engagement as a prefetch into
# the manager does (about 200 Python calls a row)
PARTICIPANT_ROWS = "_participant_rows"

SEVERAL_COACHEES = (Engagement.Kind.TEAM, Engagement.Kind.GROUP, Engagement.Kind.PEER)
# the kinds that meet as one group session for all their members (a peer session has one pair)
GROUP_SESSION_KINDS = (Engagement.Kind.TEAM, Engagement.Kind.GROUP)


def group_label(kind: str, topic: str, team_name: str = "") -> str:
    """The name of a team or group engagement, from plain values (calendar rows): a team
    engagement's team, else its topic, else its kind ("Group coaching"). Empty for other kinds."""
    if kind not in GROUP_SESSION_KINDS:
        return ""
    if kind == Engagement.Kind.TEAM and team_name:
        return team_name
    return topic or str(Engagement.Kind(kind).label)


GRANTING_STATUSES = (Engagement.Status.ACTIVE, Engagement.Status.PAUSED)


class EngagementParticipant(models.Model):
    """One person's place in an engagement, and whether they (and the coachee) said yes to it."""

    class Role(models.TextChoices):
        LEAD_COACH = "lead_coach", _("Lead coach")
        CO_COACH = "co_coach", _("Co-coach")
        COACHEE = "coachee", _("Coachee")
        SPONSOR = "sponsor", _("Sponsor")
        OBSERVER = "observer", _("Observer")

    class Acceptance(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    RELATION = {
        Role.LEAD_COACH: "coach",
        Role.CO_COACH: "coach",
        Role.COACHEE: "coachee",
        Role.SPONSOR: "sponsor",
        Role.OBSERVER: "observer",
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="engagement_places"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    acceptance = models.CharField(
        max_length=10, choices=Acceptance.choices, default=Acceptance.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    # A sponsor or an observer also needs the coachee's yes: nobody watches without their say.
    coachee_approved_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When they were replaced or removed.")
    )

    class Meta:
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["member", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "member", "role"],
                condition=models.Q(left_at__isnull=True),
                name="one_current_place_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.member_id} in {self.engagement_id}"

    @property
    def relation(self) -> str:
        return self.RELATION[self.Role(self.role)]

    @property
    def is_current(self) -> bool:
        return self.left_at is None and self.acceptance != self.Acceptance.DECLINED

    @property
    def needs_coachee_approval(self) -> bool:
        return self.role in (self.Role.SPONSOR, self.Role.OBSERVER)

    @property
    def grants(self) -> bool:
        """An accepted, current place (a sponsor's or observer's also approved by the coachee)."""
        if self.left_at is not None or self.acceptance != self.Acceptance.ACCEPTED:
            return False
        return not self.needs_coachee_approval or self.coachee_approved_at is not None


class EngagementTransition(models.Model):
    """One change in an engagement's life: who, when, why, from and to (status or people)."""

    class Action(models.TextChoices):
        PROPOSE = "propose", _("Proposed")
        ACCEPT = "accept", _("Accepted")
        DECLINE = "decline", _("Declined")
        PAUSE = "pause", _("Paused")
        RESUME = "resume", _("Resumed")
        END = "end", _("Ended")
        REOPEN = "reopen", _("Reopened")
        CHANGE_COACH = "change_coach", _("Coach changed")
        CHANGE_SPONSOR = "change_sponsor", _("Sponsor changed")
        PLACE_ACCEPTED = "place_accepted", _("Place accepted")
        PLACE_DECLINED = "place_declined", _("Place declined")
        MIGRATED = "migrated", _("Carried over from before lifecycles")
        INVITE = "invite", _("Invited")
        ROTATION = "rotation", _("Rotation changed")
        LEAVE = "leave", _("Left")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)
    # the people a change names and a reason Trellis gave, put into words in the reader's language
    # when shown (trellis/engagements/history.py): {"places": [[role, member uuid], ...]},
    # {"from": [uuid, ...], "to": [uuid, ...]}, {"order": [uuid, ...]}, {"because": code}
    params = models.JSONField(default=dict, blank=True)
    detail = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Who changed places, in words: rows written before params, shown as stored."),
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.from_status} -> {self.to_status})"


class CoachingSession(models.Model):
    """One coaching conversation run over a framework version, by a coach with a coachee in an
    engagement, or by a coachee alone (self-coaching). `state` is the session engine's to_dict()."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        EVENT = "event", _("Event-driven")
        SELF = "self", _("Self-coaching")

    class Style(models.TextChoices):
        NON_DIRECTIVE = "non-directive", _("Non-directive")
        DIALOGICAL = "dialogical", _("Dialogical")
        DIRECTIVE = "directive", _("Directive")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions"
    )
    coachee = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="sessions_as_coachee"
    )
    coach = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions_as_coach",
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="sessions"
    )
    style = models.CharField(max_length=16, choices=Style.choices, default=Style.NON_DIRECTIVE)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SCHEDULED)
    topic = models.CharField(max_length=200, blank=True)
    state = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    artifacts = models.JSONField(null=True, blank=True)
    artifacts_moved_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the goals app turned the artifacts into goals.")
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["org", "coachee", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.framework_version.name} session of {self.coachee.user}"

    @property
    def access_engagement(self) -> Engagement | None:
        """The access policy reads the people of a session in an engagement from its participants."""
        return self.engagement

    @property
    def sponsor_id(self) -> int | None:
        """The engagement's sponsor, for the access policy (they see that a session happened)."""
        return self.engagement.sponsor_id if self.engagement_id else None  # type: ignore[union-attr]

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def relations_of(self, member: Membership) -> set[str]:
        """In a peer engagement the peer named as this session's coach is its coach (for this
        session only, and only while they hold an accepted place)."""
        engagement = self.engagement
        if engagement is None or engagement.kind != Engagement.Kind.PEER:
            return set()
        if self.coach_id == member.pk and "peer" in engagement.participant_relations(member):
            return {"coach"}
        return set()


class SessionNote(models.Model):
    """A note on a session: private to the coach, or shared between coach and coachee. Only the
    coachee may also share a shared note with the engagement's sponsor."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private to the coach")
        SHARED = "shared", _("Shared with the coachee")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=60, blank=True)
    text = models.TextField()
    visibility = models.CharField(max_length=8, choices=Visibility.choices)
    shared_with_sponsor = models.BooleanField(default=False)
    # Consent goes to a person: the sponsor the coachee shared the note with. A sponsor who takes
    # over the engagement later does not inherit it.
    shared_with = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} note on {self.session_id}"

    # The access policy reads the session's people from the note itself.
    @property
    def org_id(self) -> int:
        return self.session.org_id

    @property
    def coach_id(self) -> int | None:
        return self.session.coach_id

    @property
    def coachee_id(self) -> int:
        return self.session.coachee_id

    @property
    def sponsor_id(self) -> int | None:
        return self.session.sponsor_id

    @property
    def access_engagement(self) -> Engagement | None:
        return self.session.engagement

    def relations_of(self, member: Membership) -> set[str]:
        return self.session.relations_of(member)


class Agreement(models.Model):
    """One version of an engagement's contract. A change is a new version, accepted again by the
    coachee and the sponsor; the version they accepted stays as it was."""

    # What the confidentiality table lets a sponsor see (ARCHITECTURE.md); the contract picks items.
    SPONSOR_ITEMS = {
        "attendance": "Attendance and session counts",
        "goal_summaries": "A summary of the goals the coachee shares",
        "shared_notes": "Session notes the coachee shares with the sponsor",
        "career_events": "That a career event happened, and its type",
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    goals = models.TextField("goals of the engagement", max_length=4000)
    length = models.CharField(
        max_length=200, help_text=_("How long it runs, in words (e.g. six months, ten sessions).")
    )
    cadence = models.CharField(
        max_length=200, help_text=_("How often you meet (e.g. every two weeks).")
    )
    sponsor_sees = models.JSONField(default=list, blank=True)
    confidentiality_limits = models.TextField(max_length=4000)
    written_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["engagement", "version"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "version"], name="one_agreement_version")
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} of {self.engagement_id}"

    @property
    def org_id(self) -> int:
        return self.engagement.org_id

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement

    def sponsor_items(self) -> list[str]:
        return [self.SPONSOR_ITEMS[key] for key in self.sponsor_sees if key in self.SPONSOR_ITEMS]


class AgreementAcceptance(models.Model):
    """A coachee's or sponsor's yes to one version of the agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="acceptances")
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=EngagementParticipant.Role.choices)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "member"], name="one_acceptance_each")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} accepted {self.agreement_id}"


class ClosingReview(models.Model):
    """What ending an engagement looked back on: GAS scores (a goals Review), what changed, what
    comes next."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="closing_reviews"
    )
    # The goals app's Review holding the GAS scores (by uuid: engagements does not depend on goals).
    goal_review_uuid = models.UUIDField(null=True, blank=True)
    what_changed = models.TextField(max_length=4000, blank=True)
    what_next = models.TextField(max_length=4000, blank=True)
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Closing review of {self.engagement_id}"
