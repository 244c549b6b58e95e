"""Reads for frameworks: what an organization may run, and the Framework a stored version holds."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from trellis.accounts.models import Organization
from trellis.core.frameworks import Framework, builtin_frameworks, parse_framework, translated
from trellis.frameworks.models import FrameworkVersion


@dataclass(frozen=True)
class FrameworkEntry:
    framework: Framework
    stored: FrameworkVersion | None  # the organization's latest version; None for a built-in

    @property
    def is_builtin(self) -> bool:
        return self.stored is None

    @property
    def version(self) -> int:
        return self.framework.version if self.stored is None else self.stored.version


@lru_cache(maxsize=256)
def _parse(text: str) -> Framework:
    return parse_framework(text, "stored framework")


def framework_of(version: FrameworkVersion) -> Framework:
    """The Framework a stored version holds (its text was valid when stored), with a built-in's
    text in the active language when it is translated (ids and hash stay the English file's)."""
    framework = _parse(version.text)
    return in_language(framework) if version.org_id is None else framework


def in_language(framework: Framework) -> Framework:
    """A built-in framework in the active language (the person's, else the browser's), English
    where there is no translation; an organization's own framework as it was written."""
    return translated(framework, translation.get_language() or settings.LANGUAGE_CODE)


def frameworks_for(*, org: Organization) -> list[FrameworkEntry]:
    """The built-in frameworks, then the organization's own (latest versions), by name."""
    entries = [FrameworkEntry(in_language(framework), None) for framework in builtin_frameworks()]
    latest: dict[str, FrameworkVersion] = {}
    for stored in FrameworkVersion.objects.filter(org=org).order_by("key", "-version"):
        latest.setdefault(stored.key, stored)
    own = sorted(latest.values(), key=lambda stored: stored.name.lower())
    return entries + [FrameworkEntry(framework_of(stored), stored) for stored in own]


def framework_find(*, org: Organization, key: str) -> FrameworkEntry | None:
    wanted = key.strip().lower()
    for entry in frameworks_for(org=org):
        if wanted == entry.framework.key or wanted in entry.framework.aliases:
            return entry
    return None


def framework_history(*, org: Organization, key: str) -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.filter(org=org, key=key).select_related("created_by")
