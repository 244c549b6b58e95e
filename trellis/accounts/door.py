"""The door every organization page goes through: resolve the membership, then ask the policy."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy, selectors
from trellis.accounts.kept_sql import kept_rows
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


def request_memberships(request: HttpRequest) -> list[Membership]:
    """The signed-in person's active memberships, each with its organization and whether that
    organization asks for SSO: one query per request, which the door picks the page's organization
    from and the navigation lists (before, the door and the navigation each sent one, and the SSO
    check a third: about 2 ms of every page)."""
    found: list[Membership] | None = getattr(request, "_trellis_memberships", None)
    if found is None:
        user = request.user
        if isinstance(user, SimpleLazyObject):
            user.pk  # noqa: B018  (read it: the wrapped person, not the lazy proxy, goes on each row)
            user = user._wrapped
        assert user.pk is not None  # signed in: the door and the navigation ask only then
        found = kept_rows("accounts: the door's memberships", _with_sso, user_id=user.pk)
        for membership in found:
            membership.user = user
        request._trellis_memberships = found  # type: ignore[attr-defined]
    return found


def _with_sso(user_id: int) -> QuerySet[Membership]:
    """The person's active memberships with whether each organization asks for SSO (its SQL is
    kept: built and compiled, it cost every page 2,700 Python calls)."""
    from trellis.sso.selectors import requires_sso  # sso builds on accounts, not the reverse

    return selectors.memberships_of_id(user_id=user_id).annotate(org_requires_sso=requires_sso())


def signed_in_by_its_idp(request: HttpRequest, member: Membership) -> bool:
    from trellis.sso.selectors import SESSION_KEY

    return bool(request.session.get(SESSION_KEY) == member.org.slug)


def sso_refusal(request: HttpRequest, member: Membership) -> HttpResponse | None:
    """A session another organization's identity provider signed in stays in that organization;
    an organization that requires SSO is opened only by a session its own IdP signed in."""
    from trellis.sso.selectors import session_refusal  # sso builds on accounts, not the reverse

    refusal = session_refusal(
        request=request, org=member.org, required=getattr(member, "org_requires_sso", None)
    )
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
            member = next((m for m in request_memberships(request) if m.org.slug == slug), None)
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
