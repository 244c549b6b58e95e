"""Reads for self-efficacy: a program's participants and their attributes, role-model stories
ranked for a reader, encouragement notes, a person's own wins and moods, and the program's
self-efficacy change (aggregates at the instrument's anonymity threshold only)."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.instruments import GroupChange, group_change, score
from trellis.efficacy.models import Encouragement, Mood, SmallWin, Story
from trellis.efficacy.similarity import Likeness, most_alike
from trellis.instruments.models import Administration
from trellis.instruments.selectors import instrument_of
from trellis.programs.models import Program

EFFICACY_KEY = "career-confidence"
WITHHELD_NONE = _("The program has not given the self-efficacy instrument yet.")
WITHHELD_OPEN = _("Shown once the end-of-program administration is closed.")
WITHHELD_FEW = _(
    "Fewer than {threshold} people answered both at the start and at the end: nothing is shown, "
    "so no one's answers can be told apart."
)


@dataclass(frozen=True)
class ProgramScope:
    """A program as the access policy sees it for self-efficacy: its participants (enrolled in
    it, or in its mentoring side) and the coaches of its pool."""

    program: Program

    @property
    def org_id(self) -> int:
        return self.program.org_id

    def relations_of(self, member: Membership) -> set[str]:
        found = set()
        if member.pk in participant_ids(program=self.program):
            found.add("participant")
        if self.program.coaches.filter(coach=member).exists():
            found.add("pool_coach")
        return found


def program_get(*, member: Membership, slug: str) -> Program | None:
    return Program.objects.filter(org=member.org, slug=slug).first()


def _mentoring_attributes(program: Program) -> dict[int, dict[str, Any]]:
    if not apps.is_installed("trellis.mentoring"):
        return {}
    from trellis.mentoring.selectors import enrolment_attributes

    return enrolment_attributes(program)


def participant_ids(*, program: Program) -> set[int]:
    ids = set(program.enrolments.values_list("member_id", flat=True))
    return ids | set(_mentoring_attributes(program))


def attributes_of(*, program: Program) -> dict[int, dict[str, Any]]:
    """Each participant's attributes: their enrolment answers (the ones the matching compares);
    for someone without answers, their team and time zone from their profile."""
    answers = _mentoring_attributes(program)
    ids = set(program.enrolments.values_list("member_id", flat=True)) | set(answers)
    people = Membership.objects.filter(pk__in=ids).select_related("user", "team")
    found: dict[int, dict[str, Any]] = {}
    for person in people:
        if person.pk in answers:
            found[person.pk] = dict(answers[person.pk])
            continue
        found[person.pk] = {
            "team": person.team.name if person.team else "",
            "timezone": person.user.time_zone,
        }
    return found


@dataclass(frozen=True)
class ShownStory:
    story: Story
    likeness: Likeness


def stories_for(*, member: Membership, program: Program, limit: int = 20) -> list[ShownStory]:
    """Published stories of the program, by authors most like the reader first, each with why."""
    published = list(
        Story.objects.filter(program=program, status=Story.Status.PUBLISHED)
        .exclude(author=member)
        .select_related("author__user")[:200]
    )
    attributes = attributes_of(program=program)
    reader = attributes.get(member.pk, {})
    authors = {s.author_id: attributes.get(s.author_id, {}) for s in published}
    rank = {author: (n, like) for n, (author, like) in enumerate(most_alike(reader, authors))}
    published.sort(key=lambda s: (rank[s.author_id][0], -s.created_at.timestamp()))
    return [ShownStory(s, rank[s.author_id][1]) for s in published[:limit]]


def stories_to_review(*, program: Program) -> QuerySet[Story]:
    return Story.objects.filter(program=program, status=Story.Status.SUBMITTED).select_related(
        "author__user"
    )


def stories_of(*, member: Membership, program: Program) -> QuerySet[Story]:
    return Story.objects.filter(program=program, author=member)


def story_get(*, member: Membership, uuid: str) -> Story | None:
    return Story.objects.filter(org=member.org, uuid=uuid).select_related("program").first()


def notes_received(*, member: Membership, program: Program) -> QuerySet[Encouragement]:
    return Encouragement.objects.filter(program=program, recipient=member).select_related(
        "sender__user"
    )


def notes_sent(*, member: Membership, program: Program) -> QuerySet[Encouragement]:
    return Encouragement.objects.filter(program=program, sender=member).select_related(
        "recipient__user"
    )


def peers_of(*, member: Membership, program: Program) -> QuerySet[Membership]:
    """Whom a participant may encourage: the program's other participants."""
    ids = participant_ids(program=program) - {member.pk}
    return Membership.objects.filter(pk__in=ids, is_active=True).select_related("user")


def wins_of(*, member: Membership) -> QuerySet[SmallWin]:
    return SmallWin.objects.filter(member=member).select_related("action")


def moods_of(*, member: Membership) -> QuerySet[Mood]:
    """The person's own moods: no selector reads another person's, nor counts them."""
    return Mood.objects.filter(member=member)


def programs_of(*, member: Membership) -> QuerySet[Program]:
    """Programs the member takes part in (for links from their own page), in one query."""
    taking_part = Q(enrolments__member=member)
    if apps.is_installed("trellis.mentoring"):
        taking_part |= Q(mentoring_enrolments__member=member)
    return Program.objects.filter(taking_part, org=member.org).distinct().order_by("-starts_on")


@dataclass(frozen=True)
class EfficacyChange:
    started: int  # answered at the start (counts are shown to who runs the program)
    ended: int  # answered at the end
    change: GroupChange | None  # None while withheld
    withheld: str
    threshold: int
    instrument: str = ""  # the instrument's name


def efficacy_change(*, program: Program) -> EfficacyChange:
    """The cohort's pre/post change on the self-efficacy instrument: the first checks (given at
    enrolment: the program's start administration, and a late one for people who enrolled after
    it closed) against the latest one measured against the start (the end). Figures only when the end is closed and at least the threshold answered both."""
    given = list(
        Administration.objects.filter(program=program, instrument__key=EFFICACY_KEY)
        .select_related("instrument")
        .order_by("id")
    )
    if not given:
        return EfficacyChange(0, 0, None, str(WITHHELD_NONE), 5)
    start = given[0]
    instrument = instrument_of(start.instrument)
    threshold = instrument.threshold
    # everyone's first check: the start one, and the late one of people who enrolled after it
    # closed (both measured against nothing); a person's earliest answer counts
    before: dict[int | None, Any] = {}
    for first in given:
        if first.baseline_id is None:
            for r in first.respondents.all():
                if r.has_answered:
                    before.setdefault(r.member_id, r)
    end = next((a for a in reversed(given) if a.baseline_id == start.pk), None)
    name = instrument.name
    if end is None:
        return EfficacyChange(len(before), 0, None, str(WITHHELD_NONE), threshold, name)
    after_instrument = instrument_of(end.instrument)
    after = [r for r in end.respondents.all() if r.has_answered]
    if end.is_open:
        return EfficacyChange(len(before), len(after), None, str(WITHHELD_OPEN), threshold, name)
    pairs = [
        (score(instrument, before[r.member_id].answers), score(after_instrument, r.answers))
        for r in after
        if r.member_id in before
    ]
    if len(pairs) < threshold:
        withheld = WITHHELD_FEW.format(threshold=threshold)
        return EfficacyChange(len(before), len(after), None, withheld, threshold, name)
    figures = instrument.spec.reliable_change
    sd, reliability = (figures.sd, figures.reliability) if figures else (None, None)
    if figures is None:
        from trellis.core.instruments import baseline_figures

        found = baseline_figures(
            instrument, [score(instrument, r.answers) for r in before.values()]
        )
        sd, reliability = found if found else (None, None)
    result = group_change(after_instrument, pairs, sd=sd, reliability=reliability)
    return EfficacyChange(len(before), len(after), result, "", threshold, name)
