"""django-allauth's view of Trellis SSO: one provider per organization (`org-<slug>`), built from
its SsoSettings row, and the checks every SSO sign-in passes before anyone is signed in."""

from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import Membership, User
from trellis.sso import selectors
from trellis.sso.models import Protocol, SsoSettings

# shown to people in their language: gettext(NAME) % {...} where they are used
NOT_ALLOWED = gettext_noop(
    "%(email)s is not an address %(org)s signs in through its identity provider. "
    "Nothing was created."
)
NO_EMAIL = gettext_noop(
    "%(org)s's identity provider did not say who you are (no email address). Nothing was created."
)
MEMBERSHIP_ENDED = gettext_noop(
    "Your membership of %(org)s has ended; its identity provider cannot bring it back."
)
ELSEWHERE = gettext_noop(
    "%(email)s already has a Trellis account with another organization. To bring it into "
    "%(org)s, ask an admin of %(org)s to invite it; once you accept, %(org)s's identity provider "
    "signs you in."
)
UNKNOWN = gettext_noop("This organization does not sign people in through an identity provider.")

# SAML attribute names identity providers commonly use for the address and the names
SAML_ATTRIBUTES = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id", "uid"],
    "email": [
        "email",
        "mail",
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ],
    "first_name": [
        "givenName",
        "urn:oid:2.5.4.42",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    ],
    "last_name": [
        "sn",
        "surname",
        "urn:oid:2.5.4.4",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    ],
}


def social_app(sso: SsoSettings) -> SocialApp:
    """The allauth app of one organization (never saved: the SsoSettings row is the record)."""
    if sso.protocol == Protocol.SAML:
        return SocialApp(
            provider="saml",
            provider_id=sso.provider_id,
            name=sso.org.name,
            client_id=sso.org.slug,  # allauth's SAML URLs carry it: /accounts/saml/<slug>/acs/
            settings={
                "idp": {
                    "entity_id": sso.idp_entity_id,
                    "sso_url": sso.idp_sso_url,
                    "x509cert": sso.idp_x509cert,
                },
                "attribute_mapping": SAML_ATTRIBUTES,
                "use_nameid_for_email": False,
                "advanced": {"want_assertion_signed": True, "allow_single_label_domains": True},
            },
        )
    return SocialApp(
        provider="openid_connect",
        provider_id=sso.provider_id,
        name=sso.org.name,
        client_id=sso.client_id,
        secret=sso.client_secret,
        settings={"server_url": sso.issuer, "oauth_pkce_enabled": True},
    )


def refuse(request: HttpRequest, message: str, status: int = 403) -> ImmediateHttpResponse:
    response = render(request, "sso/refused.html", {"message": message}, status=status)
    return ImmediateHttpResponse(response)


def sso_of_login(sociallogin: SocialLogin) -> SsoSettings | None:
    return selectors.sso_of_provider(provider_id=sociallogin.account.provider)


def email_of(sociallogin: SocialLogin) -> str:
    addresses = [a.email for a in sociallogin.email_addresses if a.email]
    user = sociallogin.user
    return (addresses[0] if addresses else (user.email if user is not None else "")).strip()


def may_link(user: User, sso: SsoSettings) -> bool:
    """An organization's IdP speaks for an existing account only when the account is a member of
    that organization, or of no other one: an admin who lists a domain they do not own must not
    reach an account that other organizations' records hang on."""
    if Membership.objects.filter(org=sso.org, user=user).exists():
        return True
    elsewhere = Membership.objects.filter(user=user, is_active=True, org__is_personal=False)
    return not elsewhere.exclude(org=sso.org).exists()


class SsoAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest | None, provider: str | None = None, client_id: str | None = None
    ) -> list[SocialApp]:
        found = SsoSettings.objects.select_related("org").filter(enabled=True)
        if provider and provider.startswith("org-"):
            found = found.filter(org__slug=provider.removeprefix("org-"))
        elif provider:
            protocol = {"openid_connect": Protocol.OIDC, "saml": Protocol.SAML}.get(provider)
            found = found.filter(protocol=protocol) if protocol else found.none()
        apps = [social_app(sso) for sso in found]
        return [app for app in apps if client_id is None or app.client_id == client_id]

    def list_providers(self, request: HttpRequest) -> list[Any]:
        # the sign-in page asks for the organization (or a work address): no list of customers
        return []

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return (
            sso_of_login(sociallogin) is not None
        )  # JIT for allowed domains, whatever ALLOW_SIGNUP

    def populate_user(
        self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]
    ) -> Any:
        user = super().populate_user(request, sociallogin, data)
        parts = (data.get("first_name"), data.get("last_name"))
        user.name = (data.get("name") or " ".join(p for p in parts if p) or "")[:150]
        return user

    def authenticate_by_email(self, sociallogin: SocialLogin) -> tuple[Any, str] | None:
        """An existing account with the address the organization vouches for is that person."""
        sso, email = sso_of_login(sociallogin), email_of(sociallogin)
        if sso is None or not sso.allows(email):
            return None
        user = User.objects.filter(email__iexact=email).first()
        return (user, email) if user is not None and may_link(user, sso) else None

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        sso = sso_of_login(sociallogin)
        if sso is None:
            raise refuse(request, gettext(UNKNOWN), 404)
        email = email_of(sociallogin)
        if not email:
            raise refuse(request, gettext(NO_EMAIL) % {"org": sso.org.name})
        if not sso.allows(email):
            raise refuse(request, gettext(NOT_ALLOWED) % {"email": email, "org": sso.org.name})
        user = sociallogin.user
        if user is not None and user.pk is not None:
            ended = Membership.objects.filter(org=sso.org, user=user, is_active=False)
            if ended.exists():
                raise refuse(request, gettext(MEMBERSHIP_ENDED) % {"org": sso.org.name})
        if (user is None or user.pk is None) and User.objects.filter(email__iexact=email).exists():
            raise refuse(request, gettext(ELSEWHERE) % {"email": email, "org": sso.org.name})
        for address in sociallogin.email_addresses:
            address.verified = sso.allows(address.email)  # the organization vouches for its domains
        if user is not None and user.pk is None and not user.email:
            user.email = email
