"""Which organization's identity provider signs a person in, and whether a session may enter."""

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from trellis.accounts.models import Membership, Organization, User
from trellis.sso.models import SsoSettings

# the slug of the organization whose identity provider signed this session in
SESSION_KEY = "trellis_sso_org"


def sso_of(*, slug: str) -> SsoSettings | None:
    """The live SSO settings of an organization, or None (unknown, or not enabled)."""
    return SsoSettings.objects.select_related("org").filter(org__slug=slug, enabled=True).first()


def sso_of_provider(*, provider_id: str) -> SsoSettings | None:
    slug = provider_id.removeprefix("org-")
    return sso_of(slug=slug) if provider_id.startswith("org-") else None


def sso_for_email(*, email: str) -> SsoSettings | None:
    """The enabled organization that vouches for this address's domain (one at most: the settings
    page refuses a domain another organization already claims). Few organizations enable SSO, and
    SQLite cannot search inside a JSON list, so they are read and asked one by one."""
    enabled = SsoSettings.objects.select_related("org").filter(enabled=True).order_by("pk")
    return next((found for found in enabled if found.allows(email)), None)


def sso_required_for(*, user: User) -> SsoSettings | None:
    """The first SSO-required organization this person is an active member of, if any."""
    orgs = Membership.objects.filter(user=user, is_active=True).values("org")
    return (
        SsoSettings.objects.select_related("org")
        .filter(enabled=True, sso_required=True, org__in=orgs)
        .order_by("pk")
        .first()
    )


def sso_required_for_email(*, email: str) -> SsoSettings | None:
    """The SSO-required organization that vouches for this address's domain, if any."""
    found = sso_for_email(email=email)
    return found if found is not None and found.sso_required else None


def requires_sso() -> Exists:
    """Whether a row's organization (`org`) asks for SSO, for an annotation: the door reads it with
    the person's memberships, in the same query."""
    return Exists(SsoSettings.objects.filter(org=OuterRef("org"), enabled=True, sso_required=True))


def session_refusal(
    *, request: HttpRequest, org: Organization, required: bool | None = None
) -> SsoSettings | str | None:
    """Why this session may not open the organization's pages: "other" when another organization's
    identity provider signed it in, that organization's settings when it asks for SSO and this
    session did not come through it; None when it may. `required` is `requires_sso()` when the
    caller has read it already (False: no query)."""
    signed_in_by = request.session.get(SESSION_KEY)
    if signed_in_by == org.slug:
        return None
    if signed_in_by and not org.is_personal:
        return "other"
    if required is False:
        return None
    return SsoSettings.objects.filter(org=org, enabled=True, sso_required=True).first()
