"""Writes for stored frameworks: organizations' own frameworks, and snapshots of the built-ins."""

from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import SHOWN_PROBLEMS, shown_lines
from trellis.core.frameworks import (
    Framework,
    FrameworkError,
    Problem,
    UnknownFrameworkError,
    builtin_frameworks,
    load_builtin,
    parse_framework,
)
from trellis.frameworks import selectors
from trellis.frameworks.models import FrameworkVersion
from trellis.frameworks.texts import problem_text

EXPECTED_OWN_KEY = "a key of your own: {key!r} is the built-in {name} framework"
UNKNOWN_FRAMEWORK = gettext_noop("No framework is called %(key)s here; choose one of: %(keys)s")


def problems_by_path(
    problems: Iterable[Problem], prefix: str = "", whole: str = "__all__"
) -> dict[str, list[str]]:
    """Problems as form or API errors: keyed by field path, each saying what was expected there
    (`whole` names a problem with the whole thing); core's refusals of an answer in the reader's
    language."""
    errors: dict[str, list[str]] = {}
    problems = list(problems)
    for problem in problems[:SHOWN_PROBLEMS]:
        path = ".".join(part for part in (prefix, problem.path) if part) or whole
        errors.setdefault(path, []).append(problem_text(problem))
    if len(problems) > SHOWN_PROBLEMS:
        errors.setdefault(whole, []).extend(shown_lines(problems)[SHOWN_PROBLEMS:])
    return errors


class FrameworkImport(NamedTuple):
    version: FrameworkVersion
    created: bool  # False when the latest stored version already has this content


def framework_import(
    *,
    org: Organization,
    text: bytes | str,
    source: str = "upload",
    actor: Membership | None = None,
) -> FrameworkImport:
    """Store an organization's own framework; a changed file becomes a new version.

    Raises FrameworkError listing every problem (nothing is stored then), including a key or
    alias that a built-in framework already uses.
    """
    framework = parse_framework(text, source, max_bytes=settings.TRELLIS_UPLOAD_MAX_BYTES)
    shadowed = _shadowed_names(framework, source)
    if shadowed:
        raise FrameworkError(shadowed)
    with transaction.atomic(durable=True):
        latest = (
            FrameworkVersion.objects.select_for_update()
            .filter(org=org, key=framework.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == framework.content_hash:
            return FrameworkImport(latest, created=False)
        stored = _store(org, framework, latest, actor)
    return FrameworkImport(stored, created=True)


def _shadowed_names(framework: Framework, source: str) -> list[Problem]:
    taken = {}
    for builtin in builtin_frameworks():
        for name in (builtin.key, *builtin.aliases):
            taken[name] = builtin.name
    problems = []
    for path, name in [("key", framework.key)] + [
        (f"aliases[{index}]", alias) for index, alias in enumerate(framework.aliases)
    ]:
        if name.lower() in taken:
            expected = EXPECTED_OWN_KEY.format(key=name, name=taken[name.lower()])
            problems.append(Problem(source, path, expected, f"the text {name!r}"))
    return problems


def _store(
    org: Organization | None,
    framework: Framework,
    latest: FrameworkVersion | None,
    actor: Membership | None,
) -> FrameworkVersion:
    stored = FrameworkVersion(
        org=org,
        key=framework.key,
        name=framework.name,
        version=(latest.version + 1) if latest else 1,
        content_hash=framework.content_hash,
        text=framework.text,
        created_by=actor.user if actor else None,
    )
    stored.full_clean()
    stored.save()
    return stored


def unknown_framework(org: Organization, key: str) -> str:
    """The message for a key no framework of this organization has, naming those it has."""
    keys = [entry.framework.key for entry in selectors.frameworks_for(org=org)]
    return gettext(UNKNOWN_FRAMEWORK) % {"key": repr(key), "keys": ", ".join(keys)}


def framework_version_resolve(
    *, org: Organization, key: str, actor: Membership | None = None
) -> FrameworkVersion:
    """The stored version a new session should pin: the organization's latest version of its own
    framework, or a snapshot of the built-in one (taken now if its content is new).

    Raises UnknownFrameworkError naming the frameworks there are. Runs inside the caller's
    transaction.
    """
    wanted = key.strip().lower()
    entry = selectors.framework_find(org=org, key=wanted)
    if entry is not None and entry.stored is not None:
        return entry.stored
    try:
        builtin = load_builtin(wanted)
    except UnknownFrameworkError:
        raise UnknownFrameworkError(unknown_framework(org, key)) from None
    for _attempt in range(3):
        latest = (
            FrameworkVersion.objects.filter(org=None, key=builtin.key).order_by("-version").first()
        )
        if latest is not None and latest.content_hash == builtin.content_hash:
            return latest
        try:
            with transaction.atomic():  # a savepoint: another request may snapshot it first
                return _store(None, builtin, latest, actor)
        except IntegrityError:
            continue
    raise RuntimeError(f"could not snapshot the built-in framework {builtin.key}")
