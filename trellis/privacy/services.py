"""People's rights: everything Trellis holds about a person as an archive, erasure on request with an
admin's confirmation, and the retention pass that removes old content of ended engagements.

What each model holds, and what erasure does to it, is the table in `registry.py`.
"""

import hashlib
import hmac
import io
import json
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.language import in_language_of, language_of
from trellis.accounts.models import AuditEvent, Invitation, Membership, Organization, User
from trellis.accounts.services import audit_record
from trellis.core.spreadsheet import csv_text
from trellis.engagements.models import ClosingReview, CoachingSession, Engagement, SessionNote
from trellis.goals.models import Goal, Review
from trellis.privacy.models import (
    ErasureConfirmation,
    ErasureRequest,
    PurgedEngagement,
    PurgeRun,
    RetentionPolicy,
)
from trellis.privacy.registry import DELETE, DETACH, HELD, KEEP, Held
from trellis.scheduling.models import CareerEvent, ScheduledSession, SessionSeries

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"
PENDING_EXISTS = gettext_noop(
    "You have already asked for your account to be erased; it is waiting for confirmation."
)
WRONG_CONFIRMATION = gettext_noop(
    "Type your email address exactly as you sign in with it, to confirm."
)
MONTHS_RANGE = gettext_noop(
    "Give a number of months from 1 to 240, or leave it empty to keep content."
)


def pseudonym_of(email: str) -> str:
    """A keyed hash of the address: the same person always gets the same pseudonym, and nobody
    without the server's secret can turn it back into the address."""
    digest = hmac.new(settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256)
    return "p-" + digest.hexdigest()[:16]


# the archive


def _model(held: Held) -> type[models.Model] | None:
    try:
        return apps.get_model(held.model)
    except LookupError:  # an app that this installation does not run
        return None


def _target(model: type[models.Model], key: str) -> Any:
    """The model a key (or a path such as `left__member`) leads to."""
    target: Any = model
    for part in key.split("__"):
        target = target._meta.get_field(part).related_model
    return target


def _keys_filter(model: type[models.Model], keys: tuple[str, ...], user: User) -> Q:
    query = Q()
    for key in keys:
        target = _target(model, key)
        if target is User:
            query |= Q(**{key: user})
        else:
            query |= Q(**{f"{key}__user": user})
    return query


def _cell(obj: models.Model, field: models.Field, named: tuple[str, ...] = ()) -> Any:
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return None
        if field.name in named:  # a record standing for a person: their name
            related = related.member
        if isinstance(related, Membership):
            return f"{related.user.display_name} ({related.org.name})"
        if isinstance(related, User):
            return related.display_name
        return str(getattr(related, "uuid", related.pk))
    value = field.value_from_object(obj)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (dict, list, bool, int, float)) or value is None:
        return value
    return str(value)


def _exported_fields(model: type[models.Model], held: Held) -> list[models.Field]:
    skip = {"id", *held.hide}
    return [f for f in model._meta.concrete_fields if f.name not in skip]


def _table(held: Held, user: User) -> tuple[list[str], list[dict[str, Any]]] | None:
    model = _model(held)
    if model is None or not (held.mine or held.through):
        return None
    fields = _exported_fields(model, held)
    related = []
    for f in fields:
        if f.is_relation:
            related.append(f.name)
            if f.related_model is Membership:
                related += [f"{f.name}__user", f"{f.name}__org"]
            elif f.name in held.named:
                related += [f"{f.name}__member__user", f"{f.name}__member__org"]
    rows = model._default_manager.filter(
        _keys_filter(model, (*held.mine, *held.through), user)
    ).select_related(*related)
    for lookup, value in held.hidden_when:
        rows = rows.exclude(**{lookup: value})
    if held.through:  # a path through a many-to-many may reach the person twice
        rows = rows.distinct()
    names = [f.name for f in fields]
    return names, [
        {f.name: _cell(row, f, held.named) for f in fields} for row in rows.order_by("pk")
    ]


def person_export(*, user: User) -> dict[str, Any]:
    """Everything Trellis holds about a person, table by table (what the registry calls theirs)."""
    tables: dict[str, Any] = {}
    for held in HELD:
        found = _table(held, user)
        if found and found[1]:
            tables[held.model] = {"columns": found[0], "rows": found[1]}
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "email": user.email,
            "name": user.name,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "tables": tables,
    }


README = gettext_noop(
    "Everything Trellis holds about {name} <{email}>, exported {at}.\n\n"
    "trellis-export.json   the whole archive: your account, then one table per kind of record\n"
    "csv/*.csv             the same tables, one CSV file each (UTF-8, for spreadsheets)\n\n"
    'People are named as "Name (Organization)". Other records are referred to by their id.\n'
    "What each table is, and what erasure would do to it, is explained in Trellis's "
    "docs/privacy.md.\n"
)


def export_archive(*, user: User, ip_address: str | None = None) -> bytes:
    """The export as a zip: the JSON archive, a README and a CSV per table. Recorded in the audit log."""
    data = person_export(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with in_language_of(user):
            readme = gettext(README).format(
                name=user.display_name, email=user.email, at=data["exported_at"]
            )
        archive.writestr("README.txt", readme)
        archive.writestr("trellis-export.json", json.dumps(data, indent=2, ensure_ascii=False))
        for label, table in data["tables"].items():
            columns = table["columns"]
            lines = [columns] + [[_csv_value(row[c]) for c in columns] for row in table["rows"]]
            archive.writestr(f"csv/{label.replace('.', '_').lower()}.csv", csv_text(lines))
    for membership in Membership.objects.filter(user=user).select_related("org"):
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            actor=user,
            org=membership.org,
            ip_address=ip_address,
            what="personal archive",
        )
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


# erasure


def orgs_to_confirm(*, user: User) -> list[Organization]:
    """The organizations whose admins must confirm: those of the person's active memberships that
    have another active admin. Where the person is the only admin, nobody else can confirm."""
    orgs = Organization.objects.filter(memberships__user=user, memberships__is_active=True)
    others = Membership.objects.filter(is_admin=True, is_active=True).exclude(user=user)
    return list(orgs.filter(pk__in=others.values("org")).distinct().order_by("name"))


def erasure_request(*, user: User, confirm_email: str, reason: str = "") -> ErasureRequest:
    """The person asks for erasure. Admins who must confirm are told; with none, it is done now."""
    if confirm_email.strip().lower() != user.email.lower():
        raise ValidationError({"confirm_email": gettext(WRONG_CONFIRMATION)})
    with transaction.atomic():
        if ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).exists():
            raise ValidationError(gettext(PENDING_EXISTS))
        request = ErasureRequest.objects.create(
            user=user, pseudonym=pseudonym_of(user.email), reason=reason.strip()
        )
        for membership in Membership.objects.filter(user=user).select_related("org"):
            audit_record(
                kind=AuditEvent.Kind.ERASURE_REQUESTED,
                actor=user,
                org=membership.org,
                pseudonym=request.pseudonym,
            )
        orgs = orgs_to_confirm(user=user)
        if not orgs:
            person_erase(request=request)
        else:
            transaction.on_commit(lambda: _tell_admins(request, orgs))
    return request


def erasure_cancel(*, request: ErasureRequest) -> None:
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status == ErasureRequest.Status.PENDING:
            locked.status = ErasureRequest.Status.CANCELLED
            locked.save(update_fields=["status"])


def waiting_on(request: ErasureRequest) -> list[Organization]:
    """The organizations whose confirmation the request still waits for."""
    done = set(request.confirmations.values_list("org_id", flat=True))
    return [org for org in orgs_to_confirm(user=request.user) if org.pk not in done]


def erasure_confirm(*, actor: Membership, request: ErasureRequest) -> ErasureRequest:
    """An admin of one of the person's organizations confirms; the last confirmation erases."""
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != ErasureRequest.Status.PENDING:
            return locked
        ErasureConfirmation.objects.get_or_create(
            request=locked, org=actor.org, defaults={"confirmed_by": actor}
        )
        if not waiting_on(locked):
            person_erase(request=locked)
    return locked


def person_erase(*, request: ErasureRequest) -> dict[str, int]:
    """Erase the person of the request in one transaction, as the registry says, and anonymise the
    account. Returns (and keeps on the request) how many rows each step touched."""
    user = request.user
    email, name, language = user.email, user.display_name, language_of(user)
    summary: dict[str, int] = {}
    with transaction.atomic():
        for held in HELD:
            model = _model(held)
            if model is None or not held.erase_keys or model is ErasureRequest:
                continue
            rows = model._default_manager.filter(_keys_filter(model, held.erase_keys, user))
            cleared = {f: _cleared(model, f) for f in held.clear}
            if held.erase == DELETE:
                _, per_model = rows.delete()
                for label, count in per_model.items():
                    if count:
                        summary[f"deleted {label}"] = summary.get(f"deleted {label}", 0) + count
            elif held.erase == DETACH:
                count = rows.update(**dict.fromkeys(held.erase_keys), **cleared)
                if count:
                    summary[f"detached {held.model}"] = count
            elif held.erase == KEEP and cleared:
                count = rows.update(**cleared)
                if count:
                    summary[f"emptied {held.model}"] = count
        _anonymise(user, email, request.pseudonym)
        request.status = ErasureRequest.Status.DONE
        request.done_at = timezone.now()
        request.summary = summary
        request.reason = ""
        request.save(update_fields=["status", "done_at", "summary", "reason"])
        for org in Organization.objects.filter(memberships__user=user).distinct():
            audit_record(kind=AuditEvent.Kind.PERSON_ERASED, org=org, pseudonym=request.pseudonym)
        transaction.on_commit(lambda: _tell_erased(email, name, language))
    return summary


def _cleared(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    if isinstance(field, models.JSONField):
        return field.get_default()
    return "" if field.blank else "(erased)"


def _scrub(value: Any, email: str, replacement: str) -> Any:
    if isinstance(value, str):
        return value.replace(email, replacement) if email.lower() in value.lower() else value
    if isinstance(value, dict):
        return {k: _scrub(v, email, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, email, replacement) for v in value]
    return value


def _anonymise(user: User, email: str, pseudonym: str) -> None:
    address = f"{pseudonym}@{ERASED_DOMAIN}"
    for event in AuditEvent.objects.filter(detail__icontains=email):
        event.detail = _scrub(event.detail, email, pseudonym)
        event.save(update_fields=["detail"])
    Invitation.objects.filter(email__iexact=email).update(email=address)
    Membership.objects.filter(user=user).update(is_active=False, manager=None)
    user.email, user.name = address, ERASED_NAME
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()  # also ends every signed-in session (their hash no longer matches)
    user.save()


def _tell_admins(request: ErasureRequest, orgs: list[Organization]) -> None:
    for org in orgs:
        admins = Membership.objects.filter(org=org, is_admin=True, is_active=True).exclude(
            user=request.user
        )
        link = settings.SITE_URL.rstrip("/") + reverse("privacy:erasures", args=[org.slug])
        for admin in admins.select_related("user"):
            with in_language_of(admin.user):  # each admin reads it in their own language
                subject = gettext("%(org)s: a member asks to be erased") % {"org": org.name}
                body = gettext(
                    "%(name)s asked for their Trellis account to be erased.\n\n"
                    "Confirm it here: %(link)s\n\nOnce every organization they belong to has "
                    "confirmed, their personal data is removed as docs/privacy.md describes."
                ) % {"name": request.user.display_name, "link": link}
            send_mail(subject, body, None, [admin.user.email])


def _tell_erased(email: str, name: str, language: str) -> None:
    """The erased person's language was read before the erasure (their account is gone)."""
    with translation.override(language):
        subject = gettext("Your Trellis account was erased")
        body = gettext(
            "Hello %(name)s,\n\nyour Trellis account and the personal data it held were erased "
            "as you asked. Records that other people need (a coach's calendar, say) now name an "
            "anonymous person.\n"
        ) % {"name": name}
    send_mail(subject, body, None, [email])


# retention


def retention_set(*, actor: Membership, months: int | None) -> RetentionPolicy:
    if months is not None and not 1 <= months <= 240:
        raise ValidationError({"ended_content_months": gettext(MONTHS_RANGE)})
    with transaction.atomic():
        policy, _ = RetentionPolicy.objects.update_or_create(
            org=actor.org, defaults={"ended_content_months": months, "updated_by": actor}
        )
        audit_record(
            kind=AuditEvent.Kind.SETTINGS_CHANGED,
            actor=actor.user,
            org=actor.org,
            retention_months=months,
        )
        if months is not None:
            queue_retention_pass()
    return policy


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _purge(ids: list[int]) -> dict[str, int]:
    """Remove the content of these engagements (the confidentiality table's content rows); keep
    the facts: that they happened, when, who took part, attendance and the closing GAS scores."""
    counts = {
        "session notes": SessionNote.objects.filter(session__engagement__in=ids).delete()[0],
        "goals and plans": Goal.objects.filter(engagement__in=ids).delete()[0],
        "plan reviews": Review.objects.filter(engagement__in=ids).delete()[0],
        "session conversations": CoachingSession.objects.filter(engagement__in=ids).update(
            topic="", state={}, artifacts={}
        ),
        "calendar titles": SessionSeries.objects.filter(engagement__in=ids).update(
            title=_cleared(SessionSeries, "title"), cancel_reason=""
        )
        + ScheduledSession.objects.filter(series__engagement__in=ids).update(reason=""),
        "career event titles and notes": CareerEvent.objects.filter(engagement__in=ids).update(
            title=_cleared(CareerEvent, "title"), notes=""
        ),
        "closing reviews": ClosingReview.objects.filter(engagement__in=ids).update(
            what_changed="", what_next=""
        ),
    }
    return {k: v for k, v in counts.items() if v}


def retention_pass(*, today: date | None = None, org: Organization | None = None) -> list[PurgeRun]:
    """For each organization with a retention policy, remove the content of engagements that ended
    longer ago than it keeps; each engagement once. Returns a run (with counts) per organization
    that had something to remove."""
    today = today or timezone.localdate()
    policies = RetentionPolicy.objects.filter(ended_content_months__isnull=False)
    if org is not None:
        policies = policies.filter(org=org)
    runs = []
    for policy in policies.select_related("org"):
        assert policy.ended_content_months is not None
        cutoff = months_before(today, policy.ended_content_months)
        with transaction.atomic():
            ids = list(
                Engagement.objects.select_for_update(of=("self",))
                .filter(
                    org=policy.org,
                    status=Engagement.Status.ENDED,
                    ended_on__lt=cutoff,
                    purge__isnull=True,
                )
                .values_list("pk", flat=True)
            )
            if not ids:
                continue
            run = PurgeRun.objects.create(
                org=policy.org, ended_before=cutoff, engagements=len(ids), counts=_purge(ids)
            )
            PurgedEngagement.objects.bulk_create(
                PurgedEngagement(engagement_id=pk, run=run, purged_on=today) for pk in ids
            )
            audit_record(
                kind=AuditEvent.Kind.CONTENT_PURGED,
                org=policy.org,
                engagements=len(ids),
                ended_before=cutoff.isoformat(),
            )
        runs.append(run)
    return runs


RETENTION_EVERY = timedelta(days=1)


def queue_retention_pass(*, now: datetime | None = None) -> bool:
    """Queue tomorrow's retention pass (one a day, whoever asks); the pass queues the next, so the
    chain keeps itself going while a policy exists."""
    from trellis.privacy.tasks import run_retention_pass

    run_at = next_slot(now or timezone.now(), RETENTION_EVERY)
    return queue_once(
        run_retention_pass, name="privacy:retention", run_at=run_at, keep=timedelta(days=2)
    )
