"""SCIM Groups are teams: reading, creating, replacing and patching them (RFC 7644 sections 3.3
to 3.5) with the identity provider's externalId, members by their user ids."""

import re
import uuid
from typing import Any

from django.db import transaction

from trellis.accounts.models import Membership, Organization, Team
from trellis.scim.models import ScimTeamExternalId, ScimToken
from trellis.scim.services import GROUP_SCHEMA, ScimError, _operations, _text, invalid


def group_out(team: Team, base: str) -> dict[str, Any]:
    external = getattr(team, "scim", None)
    return {
        "schemas": [GROUP_SCHEMA],
        "id": str(team.pk),
        **({"externalId": external.external_id} if external and external.external_id else {}),
        "displayName": team.name,
        "members": [
            {
                "value": str(m.uuid),
                "$ref": f"{base}/Users/{m.uuid}",
                "display": m.user.display_name,
                "type": "User",
            }
            for m in team.members.all()
            if not (getattr(m, "scim", None) and m.scim.deleted_at)  # deleted over SCIM
        ],
        "meta": {"resourceType": "Group", "location": f"{base}/Groups/{team.pk}"},
    }


def _members(org: Organization, value: Any, where: str) -> list[Membership]:
    items = value if isinstance(value, list) else [value]
    ids = []
    for j, item in enumerate(items):
        ref = item.get("value") if isinstance(item, dict) else None
        if not isinstance(ref, str):
            raise invalid(f"{where}[{j}].value: expected a user id.")
        ids.append(ref)
    found = {
        str(m.uuid): m
        for m in Membership.objects.filter(org=org, uuid__in=_uuids(ids, where)).exclude(
            scim__deleted_at__isnull=False
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise invalid(f"{where}: no user {missing[0]} in this organization.")
    return [found[i] for i in ids]


def _uuids(ids: list[str], where: str) -> list[str]:
    for i in ids:
        try:
            uuid.UUID(i)
        except ValueError:
            raise invalid(f"{where}: {i!r} is not a user id.") from None
    return ids


def group_create(*, token: ScimToken, body: Any) -> Team:
    if not isinstance(body, dict):
        raise invalid("body: expected a JSON object (a SCIM Group).")
    name = _text(body.get("displayName", ""), "displayName", 120)
    if not name:
        raise invalid("displayName: expected the team's name.")
    with transaction.atomic():
        if Team.objects.filter(org=token.org, name=name).exists():
            raise ScimError(409, f"displayName: a team {name!r} exists.", "uniqueness")
        team = Team.objects.create(org=token.org, name=name)
        _set_team_external_id(team, body.get("externalId"), "externalId")
        members = _members(token.org, body.get("members", []), "members")
        Membership.objects.filter(pk__in=[m.pk for m in members]).update(team=team)
    return team


def group_replace(*, token: ScimToken, team: Team, body: Any) -> Team:
    """PUT: the team's name and its whole member list as the body gives them."""
    if not isinstance(body, dict):
        raise invalid("body: expected a JSON object (a SCIM Group).")
    name = _text(body.get("displayName", ""), "displayName", 120)
    if not name:
        raise invalid("displayName: expected the team's name.")
    with transaction.atomic():
        if Team.objects.filter(org=token.org, name=name).exclude(pk=team.pk).exists():
            raise ScimError(409, f"displayName: a team {name!r} exists.", "uniqueness")
        people = _members(token.org, body.get("members") or [], "members")
        _set_team_external_id(team, body.get("externalId"), "externalId")
        team.name = name
        team.save(update_fields=["name"])
        team.members.exclude(pk__in=[m.pk for m in people]).update(team=None)
        Membership.objects.filter(pk__in=[m.pk for m in people]).update(team=team)
    return team


def _set_team_external_id(team: Team, value: Any, where: str) -> None:
    """Keep the identity provider's id for the team (None leaves it, "" forgets it)."""
    if value is None:
        return
    external = _text(value, where, 200)
    clash = ScimTeamExternalId.objects.filter(org=team.org, external_id=external)
    if external and clash.exclude(team=team).exists():
        raise ScimError(409, f"externalId: {external!r} already names another group.", "uniqueness")
    ScimTeamExternalId.objects.update_or_create(
        team=team, defaults={"org": team.org, "external_id": external}
    )


def _group_operations(body: Any) -> list[tuple[str, str | None, Any]]:
    """The operations, with a path-less value object split into one operation per attribute."""
    found: list[tuple[str, str | None, Any]] = []
    for kind, path, value in _operations(body):
        if path is None and isinstance(value, dict) and value:
            ignored = ("schemas", "id", "meta")  # read-only: what the IdP read back, sent again
            found += [(kind, k, item) for k, item in value.items() if k not in ignored]
        else:
            found.append((kind, path, value))
    return found


def group_patch(*, token: ScimToken, team: Team, body: Any) -> Team:
    with transaction.atomic():
        for i, (kind, path, value) in enumerate(_group_operations(body)):
            if path == "externalId":
                where = f"Operations[{i}].value"
                _set_team_external_id(team, "" if kind == "remove" else value, where)
            elif path == "displayName":
                team.name = _text(value, f"Operations[{i}].value", 120)
                if Team.objects.filter(org=token.org, name=team.name).exclude(pk=team.pk).exists():
                    raise ScimError(409, f"displayName: a team {team.name!r} exists.", "uniqueness")
                team.save(update_fields=["name"])
            elif path and path.startswith("members"):
                filtered = re.fullmatch(r'members\[value eq "([^"]+)"\]', path)
                if kind == "remove" and filtered:
                    Membership.objects.filter(
                        org=token.org, team=team, uuid__in=_uuids([filtered[1]], "path")
                    ).update(team=None)
                elif kind == "remove" and value is None:
                    team.members.update(team=None)
                else:
                    people = _members(token.org, value, f"Operations[{i}].value")
                    if kind == "replace":
                        team.members.exclude(pk__in=[m.pk for m in people]).update(team=None)
                    if kind == "remove":
                        Membership.objects.filter(pk__in=[m.pk for m in people], team=team).update(
                            team=None
                        )
                    else:
                        Membership.objects.filter(pk__in=[m.pk for m in people]).update(team=team)
            else:
                raise ScimError(
                    400,
                    f"Operations[{i}].path: expected displayName, externalId or members.",
                    "invalidPath",
                )
    return team
