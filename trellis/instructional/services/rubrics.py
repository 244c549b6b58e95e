"""An organization's own rubrics: a licensed or home-made TOML file, stored with versions."""

from django.db import transaction
from django.db.models import Max

from trellis.accounts import policy
from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import read_toml
from trellis.core.instructional.rubric import parse_rubric
from trellis.core.instruments.schema import content_hash
from trellis.instructional.models import Rubric


def rubric_import(
    *, actor: Membership | None, org: Organization, text: bytes, source: str
) -> tuple[Rubric, bool]:
    """Store the file as the organization's rubric; an unchanged file is not stored twice, a
    changed one is a new version. Raises RubricError naming every problem."""
    if actor is not None:
        policy.require(actor, "rubric.import")
    rubric = parse_rubric(text, source)
    digest = content_hash(read_toml(text, source))
    with transaction.atomic(durable=True):
        latest = (
            Rubric.objects.select_for_update()
            .filter(org=org, key=rubric.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == digest:
            return latest, False
        top = Rubric.objects.filter(org=org, key=rubric.key).aggregate(v=Max("version"))["v"] or 0
        stored = Rubric.objects.create(
            org=org,
            key=rubric.key,
            version=top + 1,
            name=rubric.name,
            text=rubric.text,
            content_hash=digest,
        )
    return stored, True
