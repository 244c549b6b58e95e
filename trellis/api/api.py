"""The one NinjaAPI instance under /api/v1/, with every app's router mounted on it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from trellis.accounts.api import router as accounts_router
from trellis.api.auth import TokenAuth
from trellis.engagements.api import router as engagements_router
from trellis.engagements.api import sessions_router
from trellis.frameworks.api import router as frameworks_router
from trellis.goals.api import router as goals_router
from trellis.insights.api import router as insights_router
from trellis.instruments.api import administrations_router
from trellis.instruments.api import router as instruments_router
from trellis.scheduling.api import router as scheduling_router

api = NinjaAPI(
    title="Trellis API",
    version="1.0.0",
    description=(
        "The Trellis coaching platform's JSON API. Authenticate with a personal API token "
        "(`Authorization: Bearer trl_...`), created on the Tokens page; each token speaks for you in one "
        "organization. Objects of other organizations answer 404."
    ),
    auth=TokenAuth(),
    urls_namespace="api-1.0.0",
)
api.add_router("/", accounts_router)
api.add_router("/engagements", engagements_router)
api.add_router("/frameworks", frameworks_router)
api.add_router("/sessions", sessions_router)
api.add_router("/goals", goals_router)
api.add_router("/scheduling", scheduling_router)
api.add_router("/insights", insights_router)
api.add_router("/instruments", instruments_router)
api.add_router("/administrations", administrations_router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: list[dict[str, str | None]]
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": " ".join(msgs)} for field, msgs in exc.message_dict.items()
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return api.create_response(request, {"detail": errors}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)
