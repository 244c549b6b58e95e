"""Headers on every page: a Content-Security-Policy, and no caching of what a signed-in person sees."""

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

# Scripts and styles come from our own static files only; an inline <script> needs the page's nonce.
# htmx runs with allowEval off and its indicator styles off (the meta tag in base.html).
POLICY = (
    "default-src 'self'; script-src 'self'{nonce}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        used: list[str] = []

        def make_nonce() -> str:
            used.append(secrets.token_urlsafe(16))
            return used[0]

        # django-htmx's {% htmx_script %} and our templates read `csp_nonce` from the request.
        request.csp_nonce = SimpleLazyObject(make_nonce)  # type: ignore[attr-defined]
        response = self.get_response(request)
        nonce = f" 'nonce-{used[0]}'" if used else ""
        policy = POLICY.format(nonce=nonce)
        # a page whose form is redirected to another site (SSO: the identity provider) names it
        if elsewhere := getattr(response, "csp_form_action", ""):
            policy = policy.replace("form-action 'self'", f"form-action 'self' {elsewhere}")
        response.headers.setdefault("Content-Security-Policy", policy)
        if signed_in(request):
            response.headers["Cache-Control"] = "no-store"
        return response


def signed_in(request: HttpRequest) -> bool:
    """A session or an API token: either way the answer is someone's own data."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated) or "Authorization" in request.headers
