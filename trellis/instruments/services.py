"""Writes for instruments: importing an organization's own, administering one to a person, an
engagement, a team or a cohort, answering through a signed single-use link, reminding, closing."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.links import LinkError, link_read, link_token
from trellis.accounts.models import Membership, Organization, Team
from trellis.core.datafiles import Problem
from trellis.core.instruments import (
    Instrument,
    InstrumentError,
    UnknownInstrumentError,
    builtin_instruments,
    check_answers,
    load_builtin,
    parse_instrument,
)
from trellis.core.instruments.schema import LINK_AUDIENCES
from trellis.engagements.models import Engagement
from trellis.instruments import selectors
from trellis.instruments.models import Administration, InstrumentVersion, Respondent

SALT = "trellis.instruments.answer"
LINK_MAX_AGE = timedelta(days=90)
REMIND_AGAIN_AFTER = timedelta(hours=20)
AUTO_REMIND_AFTER = timedelta(days=3)  # members who have not answered by then get one reminder
EXPECTED_OWN_KEY = "a key of your own: {key!r} is the built-in {name} instrument"
UNKNOWN_INSTRUMENT = "No instrument is called {key!r} here; choose one of: {keys}"
NO_RESPONDENTS = _(
    "Nobody would answer: the target has no one who answers this instrument ({who})."
)
WRONG_AUDIENCE = _("This instrument is not answered by {role}; it is answered by: {who}.")
NOT_YOUR_ENGAGEMENT = _("You can administer to an engagement only as its coach or as an admin.")
BASELINE_MISMATCH = _("The baseline must be an earlier administration of the same instrument.")
TARGET_MISSING = {
    "person": _("Choose the person to administer to."),
    "engagement": _("Choose the engagement to administer to."),
    "team": _("Choose the team to administer to."),
    "cohort": _("Choose the cohort's people to administer to."),
}
CLOSED = _("This administration is closed: it takes no more answers.")
ALREADY_ANSWERED = _("This link has been used: the answers are in.")
MAX_STAKEHOLDERS = 50

if TYPE_CHECKING:
    from trellis.programs.models import Program
    from trellis.scheduling.models import Reminder


def problems_by_path(problems: Iterable[Problem], prefix: str = "") -> dict[str, list[str]]:
    """Problems as form or API errors, keyed by field path, each saying what was expected."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        path = ".".join(part for part in (prefix, problem.where) if part) or "__all__"
        found = f", found {problem.found}" if problem.found else ""
        errors.setdefault(path, []).append(f"expected {problem.expected}{found}")
    return errors


class InstrumentImport(NamedTuple):
    version: InstrumentVersion
    created: bool  # False when the latest stored version already has this content


def instrument_import(
    *, org: Organization, text: str | bytes, source: str = "upload", actor: Membership | None = None
) -> InstrumentImport:
    """Store an organization's own instrument; a changed file becomes a new version. Raises
    InstrumentError listing every problem (nothing is stored then)."""
    instrument = parse_instrument(text, source)
    builtin = {i.key: i.name for i in builtin_instruments()}
    if instrument.key in builtin:
        expected = EXPECTED_OWN_KEY.format(key=instrument.key, name=builtin[instrument.key])
        raise InstrumentError([Problem(source, "key", expected, f"the text {instrument.key!r}")])
    with transaction.atomic(durable=True):
        latest = (
            InstrumentVersion.objects.select_for_update()
            .filter(org=org, key=instrument.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == instrument.content_hash:
            return InstrumentImport(latest, created=False)
        stored = _store(org, instrument, latest, actor)
    return InstrumentImport(stored, created=True)


def _store(
    org: Organization | None,
    instrument: Instrument,
    latest: InstrumentVersion | None,
    actor: Membership | None,
) -> InstrumentVersion:
    stored = InstrumentVersion(
        org=org,
        key=instrument.key,
        name=instrument.name,
        version=(latest.version + 1) if latest else 1,
        content_hash=instrument.content_hash,
        text=instrument.text,
        created_by=actor.user if actor else None,
    )
    stored.full_clean()
    stored.save()
    return stored


def instrument_version_resolve(*, org: Organization, key: str) -> InstrumentVersion:
    """The stored version a new administration pins: the organization's latest version of its own
    instrument, or a snapshot of the built-in one. Runs inside the caller's transaction."""
    wanted = key.strip().lower()
    own = InstrumentVersion.objects.filter(org=org, key=wanted).order_by("-version").first()
    if own is not None:
        return own
    try:
        builtin = load_builtin(wanted)
    except UnknownInstrumentError:
        keys = [entry.instrument.key for entry in selectors.instruments_for(org=org)]
        raise UnknownInstrumentError(
            UNKNOWN_INSTRUMENT.format(key=key, keys=", ".join(keys))
        ) from None
    for _attempt in range(3):
        latest = (
            InstrumentVersion.objects.filter(org=None, key=builtin.key).order_by("-version").first()
        )
        if latest is not None and latest.content_hash == builtin.content_hash:
            return latest
        try:
            with transaction.atomic():  # a savepoint: another request may snapshot it first
                return _store(None, builtin, latest, None)
        except IntegrityError:
            continue
    raise RuntimeError(f"could not snapshot the built-in instrument {builtin.key}")


# -- administering -------------------------------------------------------------------------------


def answer_token(respondent: Respondent) -> str:
    """The signed token of a respondent's single-use link."""
    return link_token(salt=SALT, uuid=respondent.uuid, nonce=respondent.nonce)


def answer_url(respondent: Respondent) -> str:
    return f"{settings.SITE_URL}{reverse('instruments:answer', args=[answer_token(respondent)])}"


def administration_create(
    *,
    actor: Membership,
    key: str,
    target: str,
    title: str = "",
    subject: Membership | None = None,
    engagement: Engagement | None = None,
    team: Team | None = None,
    cohort: str = "",
    cohort_members: Sequence[Membership] = (),
    # (email, name) of people outside Trellis, or (email, name, audience) for an instrument whose
    # audiences are the leader's manager, peers and reports apart (core.instruments LINK_AUDIENCES)
    stakeholders: Sequence[tuple[str, str] | tuple[str, str, str]] = (),
    baseline: Administration | None = None,
    program: "Program | None" = None,  # the program whose cohort this is (target cohort)
    now: datetime | None = None,
) -> Administration:
    """Send an instrument to a target's respondents; raises ValidationError (field: message) for a
    target nobody in it answers, PermissionDenied for an engagement the actor does not coach."""
    policy.require(actor, "instrument.administer")
    org = actor.org
    now = now or timezone.now()
    # not durable: a program's periodic pass sends its cohort's instruments inside its own transaction
    with transaction.atomic():
        version = instrument_version_resolve(org=org, key=key)
        instrument = selectors.instrument_of(version)
        who = list(instrument.spec.respondents)
        people = _respondents(
            actor, instrument, target, subject, engagement, team, cohort_members, who
        )
        outside = _stakeholders(stakeholders, who)
        if not people and not outside:
            raise ValidationError({"target": [NO_RESPONDENTS.format(who=", ".join(who))]})
        if baseline is not None and (
            baseline.org_id != org.pk or baseline.instrument.key != version.key
        ):
            raise ValidationError({"baseline": [BASELINE_MISMATCH]})
        administration = Administration(
            org=org,
            instrument=version,
            title=(title.strip() or _title(instrument, target, subject, engagement, team, cohort))[
                :200
            ],
            target=target,
            subject=subject if target == Administration.Target.PERSON else None,
            engagement=engagement if target == Administration.Target.ENGAGEMENT else None,
            team=team if target == Administration.Target.TEAM else None,
            cohort=cohort.strip() if target == Administration.Target.COHORT else "",
            baseline=baseline,
            program=program if target == Administration.Target.COHORT else None,
            created_by=actor,
        )
        administration.full_clean()
        administration.save()
        rows = [
            Respondent(administration=administration, member=member, role=role)
            for member, role in people
        ] + [
            Respondent(administration=administration, email=email, name=name, role=audience)
            for email, name, audience in outside
        ]
        Respondent.objects.bulk_create(rows)
        for respondent in administration.respondents.select_related("member__user"):
            _invite(respondent, administration, now, reminder=False)
    return administration


def administration_add(
    *, administration: Administration, member: Membership, now: datetime | None = None
) -> Respondent | None:
    """Add one person of the organization to a cohort's administration and send them its link
    (a program's first check, given as each person enrols). None when they are already in it."""
    if member.org_id != administration.org_id or not member.is_active:
        raise ValidationError({"member": [TARGET_MISSING["cohort"]]})
    if administration.respondents.filter(member=member).exists():
        return None
    role = (
        administration.respondents.exclude(member=None).values_list("role", flat=True).first()
        or "self"
    )
    with transaction.atomic():
        respondent = Respondent.objects.create(
            administration=administration, member=member, role=role
        )
        _invite(respondent, administration, now or timezone.now(), reminder=False)
    return respondent


def _respondents(
    actor: Membership,
    instrument: Instrument,
    target: str,
    subject: Membership | None,
    engagement: Engagement | None,
    team: Team | None,
    cohort_members: Sequence[Membership],
    who: list[str],
) -> list[tuple[Membership, str]]:
    org = actor.org
    kinds = Administration.Target
    if target == kinds.PERSON:
        if subject is None or subject.org_id != org.pk:
            raise ValidationError({"subject": [TARGET_MISSING["person"]]})
        # the person answers about themselves; otherwise they are who the stakeholders rate
        return [(subject, "self")] if "self" in who else []
    if target == kinds.ENGAGEMENT:
        if engagement is None or engagement.org_id != org.pk:
            raise ValidationError({"engagement": [TARGET_MISSING["engagement"]]})
        if not actor.is_admin and "coach" not in policy.relations(actor, engagement):
            raise PermissionDenied(NOT_YOUR_ENGAGEMENT)
        found = []
        if "self" in who:
            found.append((engagement.coachee, "self"))
        if "coach" in who:
            found.append((engagement.coach, "coach"))
        return found
    if target == kinds.TEAM:
        if team is None or team.org_id != org.pk:
            raise ValidationError({"team": [TARGET_MISSING["team"]]})
        if "team_member" not in who:
            raise ValidationError(
                {
                    "target": [
                        WRONG_AUDIENCE.format(role=gettext("team members"), who=", ".join(who))
                    ]
                }
            )
        team_members = Membership.objects.filter(org=org, team=team, is_active=True)
        return [(member, "team_member") for member in team_members.order_by("id")]
    if target == kinds.COHORT:
        members = [m for m in cohort_members if m.org_id == org.pk and m.is_active]
        if not members:
            raise ValidationError({"cohort_members": [TARGET_MISSING["cohort"]]})
        role = "team_member" if who == ["team_member"] else ("self" if "self" in who else who[0])
        return [(member, role) for member in dict.fromkeys(members)]
    raise ValidationError(
        {"target": [gettext("Choose one of: %(kinds)s.") % {"kinds": ", ".join(kinds.values)}]}
    )


def _stakeholders(
    stakeholders: Sequence[tuple[str, str] | tuple[str, str, str]], who: list[str]
) -> list[tuple[str, str, str]]:
    """(email, name, audience) once per email; each audience must be one the instrument names."""
    if not stakeholders:
        return []
    if len(stakeholders) > MAX_STAKEHOLDERS:
        raise ValidationError(
            {
                "stakeholders": [
                    gettext("At most %(count)s people at a time.") % {"count": MAX_STAKEHOLDERS}
                ]
            }
        )
    seen: dict[str, tuple[str, str]] = {}
    for email, name, *given in stakeholders:
        audience = given[0] if given else "stakeholder"
        if audience not in who or audience not in LINK_AUDIENCES:
            role = gettext("stakeholders") if audience == "stakeholder" else repr(audience)
            raise ValidationError(
                {"stakeholders": [WRONG_AUDIENCE.format(role=role, who=", ".join(who))]}
            )
        seen.setdefault(email.strip().lower(), (name.strip()[:150], audience))
    return [(email, name, audience) for email, (name, audience) in seen.items()]


def _title(
    instrument: Instrument,
    target: str,
    subject: Membership | None,
    engagement: Engagement | None,
    team: Team | None,
    cohort: str,
) -> str:
    if target == Administration.Target.PERSON and subject is not None:
        return f"{instrument.name}: {subject.user.display_name}"
    if target == Administration.Target.ENGAGEMENT and engagement is not None:
        return f"{instrument.name}: {engagement.topic or 'engagement'}"
    if target == Administration.Target.TEAM and team is not None:
        return f"{instrument.name}: {team.name}"
    return f"{instrument.name}: {cohort or 'cohort'}"


def _invitation(administration: Administration, *, reminder: bool) -> tuple[str, str]:
    """The subject and body asking someone to answer, in the active language."""
    names = {"title": administration.title, "name": administration.instrument.name}
    if reminder:
        subject = gettext("A reminder: please answer %(title)s") % names
        first = gettext("A reminder: please answer %(name)s (%(title)s).") % names
    else:
        subject = gettext("Please answer %(title)s") % names
        first = gettext("Please answer %(name)s (%(title)s).") % names
    rest = gettext(
        "It takes a few minutes. Your own answers stay yours: others see only a group's "
        "averages, and only when enough people have answered.\n\nThe link works once."
    )
    return subject, f"{first} {rest}"


def _invite(
    respondent: Respondent, administration: Administration, now: datetime, *, reminder: bool
) -> None:
    """Queue the link: members through the reminder outbox, people outside Trellis by email."""
    from trellis.scheduling.services import outbox

    url = answer_url(respondent)
    with in_language_of(respondent.member.user if respondent.member is not None else None):
        subject, body = _invitation(administration, reminder=reminder)
        later_subject, later_body = _invitation(administration, reminder=True)
    if respondent.member is not None:
        occurrence = f"reminder-{respondent.reminders_sent}" if reminder else "invitation"
        outbox.queue(
            recipient=respondent.member,
            kind="instrument",
            object_uuid=respondent.uuid,
            occurrence=occurrence,
            due_at=now,
            send_at=now,
            subject=subject,
            body=body,
            url=url,
        )
        if not reminder:  # skipped by the outbox if they answer or it closes first
            later = now + AUTO_REMIND_AFTER
            outbox.queue(
                recipient=respondent.member,
                kind="instrument",
                object_uuid=respondent.uuid,
                occurrence="auto-reminder",
                due_at=later,
                send_at=later,
                subject=later_subject,
                body=later_body,
                url=url,
            )
    else:
        email = respondent.email
        transaction.on_commit(
            lambda: send_mail(subject, f"{body}\n\n{url}", None, [email], fail_silently=True)
        )


def administration_remind(
    *, actor: Membership, administration: Administration, now: datetime | None = None
) -> int:
    """Remind everyone who has not answered (at most once in REMIND_AGAIN_AFTER); returns how many."""
    policy.require(actor, "administration.manage", administration)
    if not administration.is_open:
        raise ValidationError({"__all__": [CLOSED]})
    now = now or timezone.now()
    count = 0
    with transaction.atomic(durable=True):
        waiting = administration.respondents.select_for_update(of=("self",)).filter(
            answered_at=None
        )
        for respondent in waiting.select_related("member__user"):
            if respondent.reminded_at and now - respondent.reminded_at < REMIND_AGAIN_AFTER:
                continue
            respondent.reminders_sent += 1
            respondent.reminded_at = now
            respondent.save(update_fields=["reminders_sent", "reminded_at"])
            _invite(respondent, administration, now, reminder=True)
            count += 1
    return count


def administration_close(
    *, actor: Membership, administration: Administration, now: datetime | None = None
) -> Administration:
    policy.require(actor, "administration.manage", administration)
    with transaction.atomic(durable=True):
        locked = Administration.objects.select_for_update().get(pk=administration.pk)
        if locked.is_open:
            locked.status = Administration.Status.CLOSED
            locked.closed_at = now or timezone.now()
            locked.save(update_fields=["status", "closed_at"])
    administration.status, administration.closed_at = locked.status, locked.closed_at
    return locked


def reminder_stale(row: "Reminder") -> bool:
    """For the outbox: an instrument's reminder is stale once answered or closed."""
    respondent = (
        Respondent.objects.filter(uuid=row.object_uuid)
        .select_related("administration")
        .only("answered_at", "administration__status")
        .first()
    )
    return respondent is None or respondent.has_answered or not respondent.administration.is_open


# -- answering -------------------------------------------------------------------------------


def respondent_from_token(token: str) -> Respondent:
    """The respondent a link belongs to; raises LinkError when it is not one of ours, expired,
    already used or its administration closed."""
    hex_uuid, nonce = link_read(token, salt=SALT, max_age=LINK_MAX_AGE)
    respondent = (
        Respondent.objects.select_related("administration__instrument", "administration__org")
        .filter(uuid=hex_uuid, nonce=nonce)
        .first()
    )
    if respondent is None:
        raise LinkError(gettext("This link is not valid."), gone=False)
    if respondent.has_answered:
        raise LinkError(str(ALREADY_ANSWERED), gone=True)
    if not respondent.administration.is_open:
        raise LinkError(str(CLOSED), gone=True)
    return respondent


def answers_submit(
    *, respondent: Respondent, answers: dict[str, object], now: datetime | None = None
) -> Respondent:
    """Record a respondent's answers, once. Raises InstrumentError naming each bad answer, or
    LinkError when they have answered already or the administration closed meanwhile."""
    instrument = selectors.instrument_of(respondent.administration.instrument)
    problems = check_answers(instrument, answers)
    if problems:
        raise InstrumentError(problems)
    with transaction.atomic(durable=True):
        locked = (
            Respondent.objects.select_for_update()
            .select_related("administration")
            .get(pk=respondent.pk)
        )
        if locked.has_answered:
            raise LinkError(str(ALREADY_ANSWERED), gone=True)
        if not locked.administration.is_open:
            raise LinkError(str(CLOSED), gone=True)
        locked.answers = {item.key: int(answers[item.key]) for item in instrument.spec.items}  # type: ignore[call-overload]
        locked.answered_at = now or timezone.now()
        locked.save(update_fields=["answers", "answered_at"])  # the link is spent
    return locked
