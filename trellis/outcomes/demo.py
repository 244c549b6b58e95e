"""Outcomes' part of the demo: Northwind's HR data gives each person a location, as a people
import with an `attribute:location` column would, so the dashboards' attribute filter has values
to offer. Idempotent: a person who already has a location keeps it."""

from __future__ import annotations

from typing import Any

from trellis.accounts.models import Membership

LOCATIONS = ("Leeds", "Leeds", "Lisbon", "Toronto")  # most of Northwind works from Leeds


def seed(demo: Any) -> None:
    members = Membership.objects.filter(org=demo.northwind).order_by("pk")
    changed = []
    for index, member in enumerate(members):
        if "location" not in member.attributes:
            member.attributes = {**member.attributes, "location": LOCATIONS[index % len(LOCATIONS)]}
            changed.append(member)
    Membership.objects.bulk_update(changed, ["attributes"])
