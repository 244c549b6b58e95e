"""Visits of a cycle and what an observation records: time-stamped notes (saved as typed; the same
note saved again updates it), rubric ratings and student-engagement tallies. Each visit is the
teacher's professional learning: it is recorded through trellis/schools' `record_activity`,
tagged with the five features it served."""

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core.instructional.evidence import check_counts
from trellis.instructional import selectors
from trellis.instructional.models import Cycle, ObservationNote, Rating, Tally, Visit

CYCLE_DONE = _("The cycle is done; start a new one for more visits.")
NOT_AN_OBSERVATION = _("Notes, ratings and tallies belong to an observation (or a video of one).")
UNKNOWN_INDICATOR = _("The rubric {rubric} has no indicator {indicator!r}.")
UNKNOWN_LEVEL = _("Rate {indicator!r} with one of the rubric's levels: {levels}.")
UNKNOWN_RUBRIC = _("No rubric is called {key!r} here.")
NOT_ON_CHECKLIST = _("Not an item of the strategy's checklist: {item!r}.")
MAX_SECONDS = 24 * 3600
# How each kind of visit served active learning (the teacher watches, practises, gets feedback).
ACTIVE_MODE = {
    Visit.Kind.PLANNING: "",
    Visit.Kind.OBSERVATION: "feedback",
    Visit.Kind.MODELLING: "observation",
    Visit.Kind.CO_TEACHING: "practice",
    Visit.Kind.DEBRIEF: "feedback",
}
OBSERVED = (Visit.Kind.OBSERVATION,)
# a visit's entry in the teacher's learning log is stored text: written in the teacher's language
VISIT_TITLE = gettext_noop("Impact Cycle: %(kind)s")


def visit_add(
    *,
    actor: Membership,
    cycle: Cycle,
    kind: str,
    minutes: int,
    on: date | None = None,
    rubric_key: str = "",
    video_url: str = "",
    of_visit: Visit | None = None,
    summary: str = "",
    next_step: str = "",
) -> Visit:
    """A visit at the cycle's current stage, recorded as the teacher's professional learning."""
    policy.require(actor, "cycle.write", cycle)
    if cycle.stage == Cycle.Stage.DONE:
        raise ValidationError({"kind": [CYCLE_DONE]})
    rubric = None
    if rubric_key:
        rubric = selectors.rubric_entry(org=cycle.org, key=rubric_key)
        if rubric is None:
            raise ValidationError({"rubric_key": [UNKNOWN_RUBRIC.format(key=rubric_key)]})
    with transaction.atomic(durable=True):
        visit = Visit(
            cycle=cycle,
            kind=kind,
            stage=cycle.stage,
            on=on or timezone.localdate(),
            minutes=minutes,
            rubric_key=rubric.key if rubric else "",
            rubric_version=rubric.version if rubric else None,
            video_url=video_url.strip(),
            of_visit=of_visit,
            summary=summary.strip(),
            next_step=next_step.strip(),
            created_by=actor,
        )
        visit.full_clean()
        visit.save()
        record_learning(actor=actor, visit=visit)
    return visit


def record_learning(*, actor: Membership, visit: Visit) -> Any:
    """The visit as one of the teacher's professional-learning activities (one row per visit:
    recording again updates it). Five features: content focus when the cycle names its subject,
    active learning for every visit but a planning meeting, coherence when the cycle serves a
    school goal, sustained duration always (a cycle runs over weeks), never collective (one to one)."""
    from trellis.schools.services import record_activity  # the schools app owns the PD log

    cycle = visit.cycle
    mode = ACTIVE_MODE[Visit.Kind(visit.kind)]
    features = ["sustained"]
    if cycle.subject:
        features.append("content")
    if mode:
        features.append("active")
    if cycle.school_goal_id:
        features.append("coherence")
    return record_activity(
        actor=actor,
        teacher=cycle.engagement.coachee,
        kind="one_on_one",
        activity_type="visit",
        on=visit.on,
        minutes=visit.minutes,
        features=features,
        subject=cycle.subject,
        standard=cycle.standard,
        active_mode=mode,
        goal=cycle.school_goal,
        title=_visit_title(cycle.engagement.coachee, visit),
        source=visit,
    )


def _observation(actor: Membership, visit: Visit) -> None:
    policy.require(actor, "cycle.write", visit)
    if visit.kind not in OBSERVED:
        raise ValidationError(NOT_AN_OBSERVATION)


def _seconds(value: Any) -> int:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        seconds = 0
    return min(max(seconds, 0), MAX_SECONDS)


def note_save(
    *, actor: Membership, visit: Visit, client_id: UUID, at_seconds: Any, text: str
) -> ObservationNote | None:
    """Save a note as it is typed: the page names the note (`client_id`) when it is begun, so a
    second save (or a retry) updates the same note. Emptied text removes it."""
    _observation(actor, visit)
    text = text.strip()
    with transaction.atomic(durable=True):
        found = ObservationNote.objects.select_for_update().filter(visit=visit, client_id=client_id)
        if not text:
            found.delete()
            return None
        note = found.first() or ObservationNote(visit=visit, client_id=client_id)
        if note.pk is None:
            note.at_seconds = _seconds(at_seconds)
        note.text = text
        note.updated_at = timezone.now()
        note.full_clean(exclude=["visit"])
        note.save()
    return note


def rating_save(*, actor: Membership, visit: Visit, indicator: str, level: Any) -> Rating | None:
    """Rate one of the visit's rubric indicators; an empty level clears the rating."""
    _observation(actor, visit)
    rubric = selectors.rubric_of(visit)
    if rubric is None or indicator not in rubric.indicator_keys():
        name = rubric.name if rubric else _("(none chosen)")
        raise ValidationError(
            {"indicator": [UNKNOWN_INDICATOR.format(rubric=name, indicator=indicator)]}
        )
    with transaction.atomic(durable=True):
        if level in (None, ""):
            Rating.objects.filter(visit=visit, indicator=indicator).delete()
            return None
        try:
            value = int(level)
        except (TypeError, ValueError):
            value = -1
        if value not in rubric.level_values():
            levels = ", ".join(str(v) for v in rubric.level_values())
            raise ValidationError(
                {"level": [UNKNOWN_LEVEL.format(indicator=indicator, levels=levels)]}
            )
        rating, _created = Rating.objects.update_or_create(
            visit=visit,
            indicator=indicator,
            defaults={"level": value, "updated_at": timezone.now()},
        )
    return rating


def tally_add(
    *,
    actor: Membership,
    visit: Visit,
    client_id: UUID,
    at_seconds: Any,
    engaged: Any,
    present: Any,
) -> Tally:
    """A sweep of the room: how many students were on task of how many present. Counts only; a
    retry with the same `client_id` returns the first tally."""
    _observation(actor, visit)
    problem = check_counts(present, engaged)
    if problem:
        raise ValidationError({"engaged": [problem]})
    with transaction.atomic(durable=True):
        tally, _created = Tally.objects.get_or_create(
            visit=visit,
            client_id=client_id,
            defaults={"at_seconds": _seconds(at_seconds), "engaged": engaged, "present": present},
        )
    return tally


def visit_update(
    *,
    actor: Membership,
    visit: Visit,
    on: date,
    minutes: int,
    video_url: str = "",
    summary: str = "",
    next_step: str = "",
) -> Visit:
    """Change a visit's date, minutes, video link, summary and next step, and its line in the
    teacher's professional learning, in one transaction (a refusal changes neither). The kind,
    the stage and the rubric stay: they are what the notes and ratings were taken against."""
    policy.require(actor, "cycle.write", visit)
    with transaction.atomic(durable=True):
        found = (
            Visit.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=visit.pk)
        )
        found.on = on
        found.minutes = minutes
        found.video_url = (video_url or "").strip()
        found.summary = (summary or "").strip()
        found.next_step = (next_step or "").strip()
        found.full_clean(exclude=["cycle", "of_visit", "created_by"])
        found.save()
        record_learning(actor=actor, visit=found)
    return found


def visit_checklist(*, actor: Membership, visit: Visit, done: list[str]) -> Visit:
    """Tick the items of the cycle's strategy checklist the teacher did in this visit (the rest
    are unticked). Items are named by their text, as the checklist reads."""
    policy.require(actor, "cycle.write", visit)
    items = [item["text"] for item in visit.cycle.checklist or []]
    unknown = [item for item in done if item not in items]
    if unknown:
        raise ValidationError({"done": [NOT_ON_CHECKLIST.format(item=str(unknown[0])[:80])]})
    with transaction.atomic(durable=True):
        found = Visit.objects.select_for_update(of=("self",)).get(pk=visit.pk)
        found.checklist_done = [item for item in items if item in set(done)]
        found.save(update_fields=["checklist_done"])
    return found


def _visit_title(teacher: Membership, visit: Visit) -> str:
    with in_language_of(teacher.user):
        return gettext(VISIT_TITLE) % {"kind": visit.get_kind_display()}
