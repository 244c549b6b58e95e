"""Learning communities (PLCs): made for a school by grade, subject or the whole school; teachers
are invited and say yes or no; shared goals sit under the school's goals; huddles are logged with
a protocol framework, and every member present gets a collective-participation activity."""

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core.frameworks.loader import load_framework_file, translated_file
from trellis.core.frameworks.model import Framework
from trellis.goals.models import Goal
from trellis.schools.models import CommunityMember, Huddle, LearningCommunity, School
from trellis.schools.services import write_activity
from trellis.schools.staff import clean_grades

PROTOCOL_DIR = Path(__file__).parent / "protocols"
PROTOCOL_KEYS = ("looking-at-student-work", "tuning-a-lesson")
# a huddle's entry in each teacher's learning log is stored text: written in the teacher's language
HUDDLE_TITLE = gettext_noop("Huddle: %(community)s")
NOT_A_TEACHER = _("{name} does not teach at {school}.")
NOT_A_MEMBER = _("{name} has not accepted a place in this community.")
NOT_INVITED = _("You have no invitation to this community.")
NOT_UNDER_SCHOOL_GOAL = _("A community's goal sits under one of the school's (organization) goals.")
UNKNOWN_PROTOCOL = _("Use one of the protocols: {keys}.")
NOBODY_PRESENT = _("Name at least one member who was present.")
GRADE_NEEDED = _("A grade's community names its one grade: PK, K or 1 to 12.")
SUBJECT_NEEDED = _("A subject's community names its subject.")


def protocols() -> dict[str, Framework]:
    """The huddle protocol frameworks, checked by the same loader as the built-in frameworks, in
    the active language where translated (protocols/locale/<locale>/), else in English."""
    language = get_language() or settings.LANGUAGE_CODE
    return {
        key: translated_file(framework, PROTOCOL_DIR / f"{key}.toml", language)
        for key, framework in _protocols().items()
    }


@cache
def _protocols() -> dict[str, Framework]:
    return {key: load_framework_file(PROTOCOL_DIR / f"{key}.toml") for key in PROTOCOL_KEYS}


def _teaches_at(school: School, person: Membership) -> bool:
    return hasattr(person, "teacher_profile") and person.teacher_profile.school_id == school.pk


@transaction.atomic
def community_create(
    *,
    actor: Membership,
    school: School,
    name: str,
    focus: str,
    grade: str = "",
    subject: str = "",
    invite: Sequence[Membership] = (),
    facilitator: Membership | None = None,
) -> LearningCommunity:
    """A principal, a coach of the school or an admin makes a community and invites teachers."""
    policy.require(actor, "plc.create", school)
    grade = _check_focus(focus, grade, subject)
    community = LearningCommunity(
        org_id=school.org_id,
        school=school,
        name=name.strip(),
        focus=focus,
        grade=grade.strip(),
        subject=subject.strip(),
        facilitator=facilitator,
    )
    community.full_clean(exclude=["facilitator", "school", "org"])
    community.save()
    for person in invite:
        _invite(community, person)
    return community


def _check_focus(focus: str, grade: str, subject: str) -> str:
    """A community by grade names one grade (as the CSV checks grades); by subject, its subject.
    Returns the grade as the CSV writes it ('k' is K), or the text as given for another focus."""
    if focus == LearningCommunity.Focus.GRADE:
        try:
            grades = clean_grades(grade)
        except ValidationError:
            grades = []
        if len(grades) != 1:
            raise ValidationError({"grade": [GRADE_NEEDED]})
        return grades[0]
    if focus == LearningCommunity.Focus.SUBJECT and not subject.strip():
        raise ValidationError({"subject": [SUBJECT_NEEDED]})
    return grade


def _invite(community: LearningCommunity, person: Membership) -> CommunityMember:
    if not _teaches_at(community.school, person):
        raise ValidationError(
            {"invite": [NOT_A_TEACHER.format(name=person.user, school=community.school)]}
        )
    place, _created = CommunityMember.objects.get_or_create(community=community, membership=person)
    return place


@transaction.atomic
def community_invite(
    *, actor: Membership, community: LearningCommunity, people: Sequence[Membership]
) -> None:
    policy.require(actor, "plc.manage", community)
    for person in people:
        _invite(community, person)


@transaction.atomic
def community_respond(*, actor: Membership, community: LearningCommunity, accept: bool) -> None:
    """The invited teacher says yes or no (a member may also leave: answer no)."""
    policy.require(actor, "plc.respond", community)
    place = CommunityMember.objects.select_for_update().filter(
        community=community, membership=actor
    )
    found = place.first()
    if found is None:
        raise ValidationError(NOT_INVITED)
    found.status = CommunityMember.Status.ACCEPTED if accept else CommunityMember.Status.DECLINED
    found.responded_at = timezone.now()
    found.save(update_fields=["status", "responded_at"])


@transaction.atomic
def community_goal_add(
    *, actor: Membership, community: LearningCommunity, title: str, parent: Goal
) -> Goal:
    """A shared goal of the community, placed under one of the school's goals (goal tree)."""
    policy.require(actor, "plc.manage", community)
    if parent.org_id != community.org_id or parent.level != Goal.Level.ORGANIZATION:
        raise ValidationError({"parent": [NOT_UNDER_SCHOOL_GOAL]})
    goal = Goal.objects.create(
        org_id=community.org_id, level=Goal.Level.TEAM, title=title.strip()[:200], parent=parent
    )
    community.goals.add(goal)
    return goal


def accepted_members(community: LearningCommunity) -> list[Membership]:
    return [
        place.membership
        for place in community.members.filter(status=CommunityMember.Status.ACCEPTED)
        .select_related("membership__user")
        .order_by("membership__user__name")
    ]


@transaction.atomic
def huddle_log(
    *,
    actor: Membership,
    community: LearningCommunity,
    on: date,
    minutes: int,
    present: Sequence[Membership],
    protocol: str = "looking-at-student-work",
    focus: str = "",
    standard: str = "",
    goal: Goal | None = None,
) -> Huddle:
    """Log a huddle: who was present (accepted members), the protocol, what it looked at. Each
    member present gets a LearningActivity (group, huddle: collective participation, active
    learning, sustained duration; content focus when the community has a subject; coherence when
    the huddle serves a goal)."""
    policy.require(actor, "plc.huddle.log", community)
    if protocol not in protocols():
        raise ValidationError({"protocol": [UNKNOWN_PROTOCOL.format(keys=", ".join(protocols()))]})
    members = {m.pk: m for m in accepted_members(community)}
    errors = [NOT_A_MEMBER.format(name=p.user) for p in present if p.pk not in members]
    if errors:
        raise ValidationError({"present": errors})
    if not present:
        raise ValidationError({"present": [NOBODY_PRESENT]})
    huddle = Huddle(
        org_id=community.org_id,
        community=community,
        on=on,
        minutes=minutes,
        protocol=protocol,
        focus=focus.strip()[:200],
        standard=standard.strip()[:200],
        goal=goal,
        logged_by=actor,
    )
    huddle.full_clean(exclude=["goal", "logged_by", "community", "org"])
    huddle.save()
    huddle.present.set(present)
    features = {"collective", "active", "sustained"}
    subject = community.subject or ""
    if subject:
        features.add("content")
    if goal is not None:
        features.add("coherence")
    for person in present:
        write_activity(
            recorded_by=actor,
            teacher=person,
            kind="group",
            activity_type="huddle",
            on=on,
            minutes=minutes,
            features=features,
            subject=subject,
            standard=standard,
            active_mode="student_work",
            goal=goal,
            school=community.school,
            title=_huddle_title(person, community.name),
            source=huddle,
        )
    return huddle


def _huddle_title(teacher: Membership, community: str) -> str:
    with in_language_of(teacher.user):
        return gettext(HUDDLE_TITLE) % {"community": community}
