from typing import Any

from django.http import HttpRequest

from trellis.accounts.door import request_memberships


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The current organization and the person's other organizations, for the navigation bar."""
    if not request.user.is_authenticated:
        return {}
    return {
        "nav_member": getattr(request, "member", None),
        "nav_memberships": request_memberships(request),
    }


def csp_nonce(request: HttpRequest) -> dict[str, Any]:
    """The page's Content-Security-Policy nonce, for an inline <script nonce="{{ csp_nonce }}">."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
