"""The door every organization page goes through: resolve the membership, then ask the policy."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy, selectors
from trellis.accounts.models import Membership

MFA_REQUIRED = _(
    "{org} asks admins and coaches to use multi-factor authentication. Set it up to continue."
)

SSO_REQUIRED = _("{org} asks you to sign in through its identity provider.")
SSO_OTHER_ORG = _(
    "You signed in through another organization's identity provider. "
    "Sign out and sign in again to open {org}."
)

View = Callable[..., HttpResponse]


def mfa_missing(member: Membership) -> bool:
    return selectors.mfa_missing(member=member)  # the API's token check asks the same question


def signed_in_by_its_idp(request: HttpRequest, member: Membership) -> bool:
    from trellis.sso.selectors import SESSION_KEY

    return bool(request.session.get(SESSION_KEY) == member.org.slug)


def sso_refusal(request: HttpRequest, member: Membership) -> HttpResponse | None:
    """A session another organization's identity provider signed in stays in that organization;
    an organization that requires SSO is opened only by a session its own IdP signed in."""
    from trellis.sso.selectors import session_refusal  # sso builds on accounts, not the reverse

    refusal = session_refusal(request=request, org=member.org)
    if refusal is None:
        return None
    if refusal == "other":
        message = SSO_OTHER_ORG.format(org=member.org.name)
        return render(request, "sso/refused.html", {"message": message}, status=403)
    messages.warning(request, SSO_REQUIRED.format(org=member.org.name))
    return redirect("sso:start", slug=member.org.slug)


def org_view(action: str) -> Callable[[View], View]:
    """Decorate a view taking `slug`: sets request.member and request.org, or answers 404/403."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            member = selectors.membership_in(user=request.user, slug=slug)  # type: ignore[arg-type]
            policy.require(member, action)
            assert member is not None
            refused = sso_refusal(request, member)
            if refused is not None:
                return refused
            # a session the organization's own identity provider signed in had its second factor there
            if mfa_missing(member) and not signed_in_by_its_idp(request, member):
                messages.warning(request, MFA_REQUIRED.format(org=member.org.name))
                return redirect("mfa_activate_totp")
            request.member = member  # type: ignore[attr-defined]
            request.org = member.org  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
