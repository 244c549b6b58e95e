"""Token authentication for /api/v1: the bearer token resolves to one membership in one organization."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from trellis.accounts import selectors, services
from trellis.accounts.models import Membership

MFA_REQUIRED = _(
    "{org} requires multi-factor authentication of admins and coaches, on the API too. "
    "Set it up on the Two-factor authentication page of your account; this token works again then."
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Membership | None:
        member = services.api_token_authenticate(token)
        if member is not None:
            _their_language(request, member)
        if member is not None and selectors.mfa_missing(member=member):
            raise PermissionDenied(MFA_REQUIRED.format(org=member.org.name))  # 403 with the reason
        return member


def _their_language(request: HttpRequest, member: Membership) -> None:
    """A client that sends no Accept-Language reads the answers in the token owner's own language
    (as their pages are); one that sends it gets what it asks for."""
    if member.user.language and "HTTP_ACCEPT_LANGUAGE" not in request.META:
        translation.activate(member.user.language)
        request.LANGUAGE_CODE = translation.get_language()


def member_of(request: HttpRequest) -> Membership:
    """The caller's membership (set by TokenAuth before any operation runs)."""
    return request.auth  # type: ignore[attr-defined]
