"""Visits: reading and changing one, its checklist, an observation's notes, ratings and tallies."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.instructional import services
from trellis.instructional.api.common import _visit, router, visit_out
from trellis.instructional.api.schemas import (
    ObservationNoteIn,
    ObservationNoteOut,
    RatingIn,
    RatingOut,
    TallyIn,
    TallyOut,
    VisitChecklistIn,
    VisitChecklistOut,
    VisitDetailOut,
    VisitEditIn,
)


@router.get(
    "/visits/{uuid}",
    response=VisitDetailOut,
    summary="A visit; its notes, ratings and tallies for the teacher and the coach",
)
def visit_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.view")
    content = policy.allows(member, "cycle.content.read", visit)
    return {
        **visit_out(visit),
        "cycle": visit.cycle.uuid,
        "video_url": visit.video_url if content else None,
        "summary": visit.summary if content else None,
        "next_step": visit.next_step if content else None,
        "notes": [
            {"id": n.client_id, "at_seconds": n.at_seconds, "text": n.text}
            for n in visit.notes.all()
        ]
        if content
        else None,
        "ratings": [{"indicator": r.indicator, "level": r.level} for r in visit.ratings.all()]
        if content
        else None,
        "tallies": [
            {"at_seconds": t.at_seconds, "engaged": t.engaged, "present": t.present}
            for t in visit.tallies.all()
        ]
        if content
        else None,
    }


@router.put(
    "/visits/{uuid}",
    response=VisitDetailOut,
    summary="Change a visit's date, minutes, video link, summary and next step (the teacher or the coach)",
)
def visit_edit(request: HttpRequest, uuid: UUID, payload: VisitEditIn) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    services.visit_update(actor=member, visit=visit, **payload.dict())
    return visit_detail(request, uuid)


@router.put(
    "/visits/{uuid}/checklist",
    response=VisitChecklistOut,
    summary="Tick the strategy's checklist items the teacher did in this visit (the rest unticked)",
)
def visit_checklist(
    request: HttpRequest, uuid: UUID, payload: VisitChecklistIn
) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    found = services.visit_checklist(actor=member, visit=visit, done=payload.done)
    done = set(found.checklist_done)
    return {
        "items": [
            {"text": item["text"], "done": item["text"] in done} for item in visit.cycle.checklist
        ]
    }


@router.put(
    "/visits/{uuid}/notes/{note}",
    response={200: ObservationNoteOut, 204: None},
    summary="Save a time-stamped note under its own id (again: it is updated, never doubled); empty text removes it",
)
def note_put(
    request: HttpRequest, uuid: UUID, note: UUID, payload: ObservationNoteIn
) -> Status[object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    saved = services.note_save(
        actor=member, visit=visit, client_id=note, at_seconds=payload.at_seconds, text=payload.text
    )
    if saved is None:
        return Status(204, None)
    return Status(200, {"id": saved.client_id, "at_seconds": saved.at_seconds, "text": saved.text})


@router.put(
    "/visits/{uuid}/ratings/{indicator}",
    response=RatingOut,
    summary="Rate one of the rubric's indicators",
)
def rating_put(
    request: HttpRequest, uuid: UUID, indicator: str, payload: RatingIn
) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    rating = services.rating_save(
        actor=member, visit=visit, indicator=indicator, level=payload.level
    )
    return {"indicator": indicator, "level": rating.level if rating else None}


@router.post(
    "/visits/{uuid}/tallies",
    response={201: TallyOut},
    summary="A sweep of the room: students on task of those present",
)
def tally_add(request: HttpRequest, uuid: UUID, payload: TallyIn) -> Status[object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    tally = services.tally_add(
        actor=member,
        visit=visit,
        client_id=payload.id,
        at_seconds=payload.at_seconds,
        engaged=payload.engaged,
        present=payload.present,
    )
    return Status(
        201, {"at_seconds": tally.at_seconds, "engaged": tally.engaged, "present": tally.present}
    )
