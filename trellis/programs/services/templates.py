"""Program templates: the built-in ones and an organization's own, stored with versions."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import Problem
from trellis.core.programs import (
    SHARED_KINDS,
    ProgramTemplate,
    ProgramTemplateError,
    builtin_templates,
    load_builtin,
    parse_template,
)
from trellis.frameworks import selectors as frameworks
from trellis.instruments import selectors as instruments
from trellis.programs.models import ProgramTemplateVersion

UNKNOWN_TEMPLATE = "No program template has the key {key!r}; known: {known}."
SHADOWS_BUILTIN = "a key that is not a built-in template's ({key}); rename it"
SHARED_ASSIGN = (
    '"assign" for a team, group or peer program: its people share one engagement, whose coach '
    "the program assigns"
)
UNKNOWN_FRAMEWORK = "a framework this organization can run ({known})"
UNKNOWN_INSTRUMENT = "an instrument this organization has ({known})"


def templates_for(*, org: Organization) -> list[tuple[ProgramTemplate, int | None]]:
    """Built-in templates and the organization's own (latest version), with the stored version."""
    stored: dict[str, ProgramTemplateVersion] = {}
    for row in ProgramTemplateVersion.objects.filter(org=org).order_by("key", "-version"):
        stored.setdefault(row.key, row)
    found: list[tuple[ProgramTemplate, int | None]] = [(t, None) for t in builtin_templates()]
    found += [(parse_template(row.text, f"{row.key}.toml"), row.version) for row in stored.values()]
    return found


def template_text(*, org: Organization, key: str) -> tuple[str, int]:
    """The TOML text and version of a template the organization can run."""
    row = ProgramTemplateVersion.objects.filter(org=org, key=key).order_by("-version").first()
    if row is not None:
        return row.text, row.version
    try:
        template = load_builtin(key)
    except KeyError:
        known = ", ".join(t.key for t, _ in templates_for(org=org))
        raise ValidationError({"template": UNKNOWN_TEMPLATE.format(key=key, known=known)}) from None
    from trellis.core.programs.template import BUILTIN

    return BUILTIN.joinpath(f"{key}.toml").read_text(encoding="utf-8"), template.version


def template_check(*, org: Organization, text: str | bytes, source: str) -> ProgramTemplate:
    """Parse a template and check its frameworks and instruments exist for the organization."""
    template = parse_template(text, source)
    problems: list[Problem] = []
    if template.key in {t.key for t in builtin_templates()}:
        problems.append(Problem(source, "key", SHADOWS_BUILTIN.format(key=template.key), ""))
    runnable = {entry.framework.key for entry in frameworks.frameworks_for(org=org)}
    for n, key in enumerate(template.frameworks):
        if key not in runnable and not any(
            key in entry.framework.aliases for entry in frameworks.frameworks_for(org=org)
        ):
            what = UNKNOWN_FRAMEWORK.format(known=", ".join(sorted(runnable)))
            problems.append(Problem(source, f"frameworks[{n}]", what, f"the text {key!r}"))
    have = {entry.instrument.key for entry in instruments.instruments_for(org=org)}
    for n, item in enumerate(template.instruments):
        if item.key not in have:
            what = UNKNOWN_INSTRUMENT.format(known=", ".join(sorted(have)))
            problems.append(
                Problem(source, f"instruments[{n}].key", what, f"the text {item.key!r}")
            )
    if template.coach_assignment == "choose" and template.kind in SHARED_KINDS:
        problems.append(
            Problem(source, "coach_assignment", SHARED_ASSIGN, f"the text {'choose'!r}")
        )
    if problems:
        raise ProgramTemplateError(problems)
    return template


def template_import(
    *, org: Organization, text: str | bytes, source: str, actor: Membership | None = None
) -> tuple[ProgramTemplateVersion, bool]:
    """Store an organization's own template; the same text again is a no-op, a changed one the
    next version. Raises ProgramTemplateError listing every problem; nothing is written then."""
    template = template_check(org=org, text=text, source=source)
    body = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    digest = ProgramTemplateVersion.hash_of(body)
    with transaction.atomic(durable=True):
        latest = (
            ProgramTemplateVersion.objects.select_for_update()
            .filter(org=org, key=template.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == digest:
            return latest, False
        row = ProgramTemplateVersion.objects.create(
            org=org,
            key=template.key,
            version=(latest.version + 1) if latest else 1,
            name=template.name,
            text=body,
            content_hash=digest,
            uploaded_by=actor,
        )
    return row, True
