"""Reminder choices and the private calendar feed."""

from django.http import HttpRequest
from ninja import Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.scheduling import selectors, services
from trellis.scheduling.api.common import router
from trellis.scheduling.api.schemas import FeedOut, PreferencesIO
from trellis.scheduling.services.feeds import feed_token_of, feed_url

# reminders and the feed


def _preferences_out(member: Membership) -> dict[str, object]:
    choices = selectors.reminder_choices(member=member)
    return {
        "delivery": {row.kind: row.delivery for row in choices.rows},
        "quiet_start": choices.quiet_start,
        "quiet_end": choices.quiet_end,
        "digest_time": choices.digest_time,
    }


@router.get("/reminders", response=PreferencesIO, summary="Your reminder choices")
def preferences(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    return _preferences_out(member)


@router.put("/reminders", response=PreferencesIO, summary="Set your reminder choices")
def preferences_set(request: HttpRequest, payload: PreferencesIO) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    current = {row.kind: row.delivery for row in selectors.reminder_choices(member=member).rows}
    services.preferences_save(
        member=member,
        delivery={**current, **payload.delivery},
        quiet_start=payload.quiet_start,
        quiet_end=payload.quiet_end,
        digest_time=payload.digest_time,
    )
    return _preferences_out(member)


@router.get("/feed", response=FeedOut, summary="Your private calendar address, if any")
def feed(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    token = feed_token_of(member=member)
    return {"url": feed_url(token) if token else None}


@router.post(
    "/feed", response={201: FeedOut}, summary="Make a new private calendar address (the old stops)"
)
def feed_create(request: HttpRequest) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    return Status(201, {"url": feed_url(services.feed_token_create(member=member))})


@router.delete("/feed", response={204: None}, summary="Switch your calendar feed off")
def feed_revoke(request: HttpRequest) -> Status[None]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    services.feed_token_revoke(member=member)
    return Status(204, None)
