"""After an SSO sign-in: the membership (JIT) and which organization's IdP the session came from."""

from typing import Any

from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from trellis.sso import selectors, services


def claims_of(sociallogin: Any) -> dict[str, Any]:
    """OpenID Connect: userinfo over the ID token. SAML: the attributes (lists of values)."""
    data = sociallogin.account.extra_data or {}
    if "userinfo" in data or "id_token" in data:
        return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    return data


@receiver(user_logged_in)
def remember_sso_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    sociallogin = kwargs.get("sociallogin")
    sso = (
        selectors.sso_of_provider(provider_id=sociallogin.account.provider)
        if sociallogin is not None
        else None
    )
    if sso is None:
        request.session.pop(selectors.SESSION_KEY, None)
        return
    services.sso_member_join(sso=sso, user=user, claims=claims_of(sociallogin))
    request.session[selectors.SESSION_KEY] = sso.org.slug
