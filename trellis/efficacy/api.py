"""Self-efficacy in the API: one's own small wins and moods; a program's role-model stories (for
the reader, most alike first, with why), writing and reviewing them; encouragement notes; and the
program's pre/post self-efficacy change (aggregates at the threshold only)."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.efficacy import selectors, services
from trellis.efficacy.models import Encouragement, Mood, SmallWin, Story
from trellis.efficacy.selectors import ProgramScope, ShownStory
from trellis.goals.models import Action, CheckIn
from trellis.programs.models import Program

router = Router(tags=["efficacy"])
UNKNOWN = _("No {what} of this organization has the id {id}.")


class WinIn(Schema):
    text: str = Field(min_length=1, max_length=500)
    action: UUID | None = Field(None, description="The completed action it comes from")


class WinOut(Schema):
    uuid: UUID
    text: str
    action: UUID | None
    created_at: datetime


class MoodIn(Schema):
    level: int = Field(ge=1, le=5, description="1 low, 2 flat, 3 OK, 4 good, 5 great")
    check_in: UUID | None = Field(None, description="One's own check-in it goes with")


class MoodOut(Schema):
    uuid: UUID
    level: int
    label: str
    created_at: datetime


class StoryIn(Schema):
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=1, max_length=2000)
    anonymous: bool = False


class StoryOut(Schema):
    uuid: UUID
    title: str
    text: str
    byline: str = Field(description="The author's name, or 'A participant' when anonymous")
    status: str
    why: str = Field(
        "", description="What the reader shares with the author, e.g. 'shares your department'"
    )
    created_at: datetime


class StoryReviewIn(Schema):
    decision: str = Field(description="publish or return", max_length=10)
    note: str = Field("", max_length=500)


class EncouragementIn(Schema):
    recipient: UUID = Field(description="Another participant's membership id")
    text: str = Field(min_length=1, max_length=600)


class EncouragementOut(Schema):
    uuid: UUID
    sender: str
    recipient: str
    text: str
    created_at: datetime


class ChangeOut(Schema):
    started: int = Field(description="Answered at the start")
    ended: int = Field(description="Answered at the end")
    threshold: int
    withheld: str = Field(description="Why there are no figures, when there are none")
    compared: int | None
    pre: float | None
    post: float | None
    improved: int | None = Field(description="Reliably more confident (RCI)")
    unchanged: int | None
    deteriorated: int | None


def _program(member: Membership, slug: str, action: str) -> tuple[Program, ProgramScope]:
    program = selectors.program_get(member=member, slug=slug)
    if program is None:
        raise Http404
    scope = ProgramScope(program)
    policy.require(member, action, scope)
    return program, scope


def win_out(win: SmallWin) -> dict[str, Any]:
    return {
        "uuid": win.uuid,
        "text": win.text,
        "action": win.action.uuid if win.action else None,
        "created_at": win.created_at,
    }


def mood_out(mood: Mood) -> dict[str, Any]:
    return {
        "uuid": mood.uuid,
        "level": mood.level,
        "label": mood.get_level_display(),
        "created_at": mood.created_at,
    }


def story_out(story: Story, why: str = "") -> dict[str, Any]:
    return {
        "uuid": story.uuid,
        "title": story.title,
        "text": story.text,
        "byline": story.byline,
        "status": story.status,
        "why": why,
        "created_at": story.created_at,
    }


def note_out(note: Encouragement) -> dict[str, Any]:
    return {
        "uuid": note.uuid,
        "sender": note.sender.user.display_name,
        "recipient": note.recipient.user.display_name,
        "text": note.text,
        "created_at": note.created_at,
    }


@router.get("/wins", response=page_of(WinOut), summary="Your small wins, newest first")
def win_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "efficacy.mine")
    return paginate(selectors.wins_of(member=member), page, win_out)


@router.post("/wins", response={201: WinOut}, summary="Add a small win to your plan")
def win_create(request: HttpRequest, payload: WinIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "efficacy.mine")
    action = None
    if payload.action is not None:
        action = Action.objects.filter(goal__org=member.org, uuid=payload.action).first()
        if action is None:
            raise ValidationError({"action": [UNKNOWN.format(what="action", id=payload.action)]})
    win = services.win_add(actor=member, text=payload.text, action=action)
    return Status(201, win_out(win))


@router.get("/moods", response=page_of(MoodOut), summary="Your own moods (nobody else's, ever)")
def mood_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "efficacy.mine")
    return paginate(selectors.moods_of(member=member), page, mood_out)


@router.post("/moods", response={201: MoodOut}, summary="Record how you feel (one tap)")
def mood_create(request: HttpRequest, payload: MoodIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "efficacy.mine")
    check_in = None
    if payload.check_in is not None:
        check_in = CheckIn.objects.filter(
            action__goal__org=member.org, uuid=payload.check_in
        ).first()
        if check_in is None:
            raise ValidationError(
                {"check_in": [UNKNOWN.format(what="check-in", id=payload.check_in)]}
            )
    mood = services.mood_add(actor=member, level=payload.level, check_in=check_in)
    return Status(201, mood_out(mood))


@router.get(
    "/programs/{slug}/stories",
    response=page_of(StoryOut),
    summary="A program's published stories, from the authors most like you first, with why",
)
def story_list(request: HttpRequest, slug: str, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.program.view")
    shown = selectors.stories_for(member=member, program=program, limit=200)

    def out(item: ShownStory) -> dict[str, Any]:
        return story_out(item.story, item.likeness.explanation)

    return paginate(shown, page, out)


@router.post(
    "/programs/{slug}/stories",
    response={201: StoryOut},
    summary="Send a story of something you achieved for review (participants)",
)
def story_create(request: HttpRequest, slug: str, payload: StoryIn) -> Status[object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.story.write")
    story = services.story_submit(
        actor=member,
        program=program,
        title=payload.title,
        text=payload.text,
        anonymous=payload.anonymous,
    )
    return Status(201, story_out(story))


@router.get(
    "/programs/{slug}/stories/review",
    response=page_of(StoryOut),
    summary="Stories waiting for review (the program's admin and pool coaches)",
)
def story_queue(request: HttpRequest, slug: str, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.story.review")
    return paginate(selectors.stories_to_review(program=program), page, story_out)


@router.post(
    "/stories/{uuid}/review",
    response=StoryOut,
    summary="Publish a story or return it to its author with a note",
)
def story_review(request: HttpRequest, uuid: UUID, payload: StoryReviewIn) -> dict[str, object]:
    member = member_of(request)
    story = selectors.story_get(member=member, uuid=str(uuid))
    if story is None:
        raise Http404
    policy.require(member, "efficacy.story.review", ProgramScope(story.program))
    reviewed = services.story_review(
        actor=member, story=story, decision=payload.decision, note=payload.note
    )
    return story_out(reviewed)


@router.get(
    "/programs/{slug}/notes",
    response=page_of(EncouragementOut),
    summary="Encouragement notes you received in a program",
)
def note_list(request: HttpRequest, slug: str, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.program.view")
    return paginate(selectors.notes_received(member=member, program=program), page, note_out)


@router.post(
    "/programs/{slug}/notes",
    response={201: EncouragementOut},
    summary="Encourage another participant of the program",
)
def note_create(request: HttpRequest, slug: str, payload: EncouragementIn) -> Status[object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.note.send")
    recipient = Membership.objects.filter(org=member.org, uuid=payload.recipient).first()
    if recipient is None:
        raise ValidationError({"recipient": [UNKNOWN.format(what="member", id=payload.recipient)]})
    note = services.note_send(actor=member, program=program, recipient=recipient, text=payload.text)
    return Status(201, note_out(note))


@router.get(
    "/programs/{slug}/change",
    response=ChangeOut,
    summary="The cohort's self-efficacy at the start and the end (aggregates at the threshold)",
)
def change_get(request: HttpRequest, slug: str) -> dict[str, object]:
    member = member_of(request)
    program, _scope = _program(member, slug, "efficacy.change.read")
    found = selectors.efficacy_change(program=program)
    result = found.change
    return {
        "started": found.started,
        "ended": found.ended,
        "threshold": found.threshold,
        "withheld": found.withheld,
        "compared": result.n if result else None,
        "pre": round(result.pre, 3) if result else None,
        "post": round(result.post, 3) if result else None,
        "improved": result.improved if result and result.computable else None,
        "unchanged": result.unchanged if result and result.computable else None,
        "deteriorated": result.deteriorated if result and result.computable else None,
    }
