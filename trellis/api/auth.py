"""Token authentication for /api/v1: the bearer token resolves to one membership in one organization."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from trellis.accounts import services
from trellis.accounts.models import Membership


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Membership | None:
        return services.api_token_authenticate(token)


def member_of(request: HttpRequest) -> Membership:
    """The caller's membership (set by TokenAuth before any operation runs)."""
    return request.auth  # type: ignore[attr-defined]
