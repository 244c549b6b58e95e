"""The door every organization page goes through: resolve the membership, then ask the policy."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from trellis.accounts import policy, selectors
from trellis.accounts.models import Membership

MFA_REQUIRED = (
    "{org} asks admins and coaches to use multi-factor authentication. Set it up to continue."
)

View = Callable[..., HttpResponse]


def mfa_missing(member: Membership) -> bool:
    return selectors.mfa_missing(member=member)  # the API's token check asks the same question


def org_view(action: str) -> Callable[[View], View]:
    """Decorate a view taking `slug`: sets request.member and request.org, or answers 404/403."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            member = selectors.membership_in(user=request.user, slug=slug)  # type: ignore[arg-type]
            policy.require(member, action)
            assert member is not None
            if mfa_missing(member):
                messages.warning(request, MFA_REQUIRED.format(org=member.org.name))
                return redirect("mfa_activate_totp")
            request.member = member  # type: ignore[attr-defined]
            request.org = member.org  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
