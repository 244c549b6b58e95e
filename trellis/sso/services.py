"""Writes of single sign-on: an admin's settings, and the membership an SSO sign-in makes (JIT)."""

import logging
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import ROLE_KEYS, ApiToken, AuditEvent, Membership, User
from trellis.accounts.services import audit_record, membership_set_roles, secret_digest
from trellis.sso.models import Protocol, SsoSettings

DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
DOMAIN_TAKEN = gettext_noop(
    "%(domain)s is already an allowed domain of another organization's single sign-on."
)
METADATA_UNREADABLE = gettext_noop("Could not read the identity provider's metadata: %(error)s")

logger = logging.getLogger(__name__)


@dataclass
class SsoIn:
    enabled: bool
    protocol: str
    issuer: str
    client_id: str
    client_secret: str  # blank keeps the stored one
    metadata_url: str
    metadata_xml: str
    allowed_domains: list[str]
    sso_required: bool
    role_claim: str
    role_map: dict[str, str]


def domains_in(text: str) -> list[str]:
    """`acme.com, acme.co.uk` (commas, spaces or lines) as a list, or a ValidationError naming it."""
    domains = [d.strip().lower().lstrip("@") for d in re.split(r"[\s,;]+", text) if d.strip()]
    bad = [d for d in domains if not DOMAIN.fullmatch(d)]
    if bad:
        raise ValidationError(
            {
                "allowed_domains": gettext("Not a domain name: %(domains)s.")
                % {"domains": ", ".join(bad)}
            }
        )
    return list(dict.fromkeys(domains))


def role_map_in(text: str) -> dict[str, str]:
    """Lines `idp value = role` (role: coachee, coach, sponsor or admin)."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, sep, role = line.rpartition("=")
        role = role.strip().lower()
        if not sep or not value.strip() or role not in ROLE_KEYS:
            raise ValidationError(
                {
                    "role_map": gettext(
                        "Line %(number)s: expected `value = role` with a role among %(roles)s, "
                        "found %(found)s."
                    )
                    % {"number": number, "roles": ", ".join(ROLE_KEYS), "found": repr(line.strip())}
                }
            )
        found[value.strip()] = role
    return found


def saml_idp_read(*, metadata_url: str, metadata_xml: str) -> dict[str, str]:
    """The IdP's entity id, sign-in URL and signing certificate, from its metadata."""
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser as Parser

    field = "metadata_xml" if metadata_xml.strip() else "metadata_url"
    try:
        if metadata_xml.strip():
            parsed = Parser.parse(metadata_xml.strip())
        else:
            parsed = Parser.parse_remote(metadata_url, timeout=10)
    except Exception as error:  # any failure is the admin's to fix: say what it was
        raise ValidationError({field: gettext(METADATA_UNREADABLE) % {"error": error}}) from None
    idp = parsed.get("idp") or {}
    sso_url = (idp.get("singleSignOnService") or {}).get("url", "")
    cert = idp.get("x509cert") or next(
        iter((idp.get("x509certMulti") or {}).get("signing", [])), ""
    )
    if not idp.get("entityId") or not sso_url or not cert:
        raise ValidationError(
            {
                field: gettext(
                    "The metadata names no IdP entity, sign-in URL (HTTP-Redirect) or signing "
                    "certificate."
                )
            }
        )
    return {"idp_entity_id": idp["entityId"], "idp_sso_url": sso_url, "idp_x509cert": cert}


def sso_settings_save(*, actor: Membership, data: SsoIn) -> SsoSettings:
    org = actor.org
    with transaction.atomic(durable=True):
        sso, _ = SsoSettings.objects.select_for_update(of=("self",)).get_or_create(org=org)
        others = SsoSettings.objects.exclude(org=org).filter(enabled=True)
        for other in others:
            taken = sorted(set(other.allowed_domains) & set(data.allowed_domains))
            if taken and data.enabled:
                raise ValidationError(
                    {"allowed_domains": gettext(DOMAIN_TAKEN) % {"domain": taken[0]}}
                )
        before = _summary(sso)
        sso.enabled, sso.protocol, sso.sso_required = data.enabled, data.protocol, data.sso_required
        sso.allowed_domains, sso.role_claim, sso.role_map = (
            data.allowed_domains,
            data.role_claim.strip(),
            data.role_map,
        )
        sso.issuer, sso.client_id = data.issuer.strip().rstrip("/"), data.client_id.strip()
        if data.client_secret:
            sso.client_secret = data.client_secret
        sso.metadata_url, sso.metadata_xml = data.metadata_url.strip(), data.metadata_xml.strip()
        _check(sso)
        if sso.protocol == Protocol.SAML and (sso.metadata_url or sso.metadata_xml):
            for key, value in saml_idp_read(
                metadata_url=sso.metadata_url, metadata_xml=sso.metadata_xml
            ).items():
                setattr(sso, key, value)
        sso.full_clean()
        sso.save()
        revoked = 0
        if sso.enabled and sso.sso_required and not (before["enabled"] and before["sso_required"]):
            # a token made before is a way in that skipped the identity provider: each member
            # makes a new one once signed in through it (only such a session opens the page)
            revoked = ApiToken.objects.filter(org=org, revoked_at=None).update(
                revoked_at=timezone.now()
            )
        if _summary(sso) != before:
            audit_record(
                kind=AuditEvent.Kind.SETTINGS_CHANGED,
                actor=actor.user,
                org=org,
                sso={"before": before, "after": _summary(sso)},
                tokens_revoked=revoked,
            )
    return sso


def _check(sso: SsoSettings) -> None:
    """What an enabled configuration cannot do without, named field by field."""
    if not sso.enabled:
        return
    missing: dict[str, str] = {}
    if not sso.allowed_domains:
        missing["allowed_domains"] = gettext(
            "Give at least one email domain the identity provider vouches for."
        )
    if sso.protocol == Protocol.OIDC:
        for field, needed in (
            ("issuer", gettext_noop("OpenID Connect needs the issuer URL.")),
            ("client_id", gettext_noop("OpenID Connect needs the client id.")),
            ("client_secret", gettext_noop("OpenID Connect needs the client secret.")),
        ):
            if not getattr(sso, field):
                missing[field] = gettext(needed)
    elif not (sso.metadata_url or sso.metadata_xml):
        missing["metadata_url"] = gettext(
            "SAML needs the identity provider's metadata URL, or its metadata pasted below."
        )
    if missing:
        raise ValidationError(missing)


def _summary(sso: SsoSettings) -> dict[str, Any]:
    """What the audit log keeps of a change (never the secret)."""
    return {
        "enabled": sso.enabled,
        "protocol": sso.protocol,
        "issuer": sso.issuer,
        "client_id": sso.client_id,
        # a fingerprint, so that a new secret shows as a change
        "client_secret": secret_digest(sso.client_secret)[:8] if sso.client_secret else "",
        "idp_entity_id": sso.idp_entity_id,
        "allowed_domains": sso.allowed_domains,
        "sso_required": sso.sso_required,
        "role_claim": sso.role_claim,
        "role_map": sso.role_map,
    }


def roles_from_claims(*, sso: SsoSettings, claims: dict[str, Any]) -> list[str]:
    """The Trellis roles the mapped claim gives (a string or a list of them); coachee by default."""
    raw = claims.get(sso.role_claim) if sso.role_claim else None
    values = raw if isinstance(raw, list) else [raw] if raw is not None else []
    roles = {sso.role_map[v] for v in values if isinstance(v, str) and v in sso.role_map}
    return [role for role in ROLE_KEYS if role in roles] or ["coachee"]


def sso_member_join(*, sso: SsoSettings, user: User, claims: dict[str, Any]) -> Membership:
    """Just-in-time membership: the person the organization's IdP vouched for becomes a member,
    with the roles its claim maps to (coachee by default). An existing membership's roles follow
    the claim when the organization maps one (sso_member_roles_follow)."""
    member = Membership.objects.filter(org=sso.org, user=user).first()
    if member is not None:
        sso_member_roles_follow(sso=sso, member=member, claims=claims)
        return member
    with transaction.atomic():
        roles = roles_from_claims(sso=sso, claims=claims)
        member = Membership.objects.create(
            org=sso.org, user=user, **{f"is_{role}": True for role in roles}
        )
        audit_record(
            kind=AuditEvent.Kind.MEMBER_ADDED,
            actor=user,
            org=sso.org,
            email=user.email,
            roles=roles,
            sso=sso.protocol,
        )
    return member


def sso_member_roles_follow(
    *, sso: SsoSettings, member: Membership, claims: dict[str, Any]
) -> None:
    """Roles follow the identity provider: on each sign-in, when the organization maps a role claim,
    the member's roles become the ones the claim gives (coachee by default), through the roles
    page's own service (its audit record, its last-admin rule). The last admin keeps admin: the
    organization would otherwise have nobody to manage it; the log says why."""
    if not sso.role_claim:
        return
    roles = roles_from_claims(sso=sso, claims=claims)
    try:
        membership_set_roles(actor=member, member=member, roles=roles)
    except ValidationError:  # the only refusal for known roles: the last admin of the org
        logger.warning(
            "SSO sign-in of member %s: the %s claim gives %s without admin, but they are the last "
            "admin of %s: admin kept",
            member.pk,
            sso.role_claim,
            roles,
            sso.org.slug,
        )
        membership_set_roles(actor=member, member=member, roles=[*roles, "admin"])
