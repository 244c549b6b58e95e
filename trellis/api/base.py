"""Trellis's NinjaAPI: problem+json everywhere, short operation ids, errors in the OpenAPI document."""

import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation
from ninja.parser import Parser
from ninja.schema import DjangoGetter

from trellis.api import idempotency, problems

logger = logging.getLogger(__name__)

_ninja_convert = DjangoGetter._convert_result


def _convert_result(self: DjangoGetter, result: Any) -> Any:
    """Lazily translated text (gettext_lazy) read into a response schema becomes a plain string in the
    request's language: pydantic accepts only real strings, and a lazy one would be a 500."""
    if isinstance(result, Promise):
        return str(result)
    if isinstance(result, list | tuple) and any(isinstance(item, Promise) for item in result):
        return [str(item) if isinstance(item, Promise) else item for item in result]
    return _ninja_convert(self, result)


DjangoGetter._convert_result = _convert_result  # type: ignore[method-assign]

# statuses any operation may answer (401 only where a token is required)
COMMON_ERRORS = {
    400: "The request could not be carried out as sent (the service refused a value).",
    403: "The token's member may not do this.",
    404: "Not found, or of another organization.",
    422: "The request does not match the schema; `errors` names each field.",
}


def _nul_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Where in a parsed JSON value a string holds a NUL character (PostgreSQL cannot store one)."""
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        found: list[tuple[str | int, ...]] = []
        for key, item in value.items():
            found += [(*path, key)] if "\x00" in key else _nul_paths(item, (*path, key))
        return found
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _nul_paths(item, (*path, i))]
    return []


def _nul_error(locs: list[tuple[str | int, ...]]) -> NinjaValidationError:
    return NinjaValidationError(
        [{"loc": loc, "msg": problems.MSG_NUL, "type": "string_nul"} for loc in locs]
    )


class TrellisParser(Parser):
    """JSON as usual, but a NUL character anywhere is refused with the field that holds it."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        nul = _nul_paths(data)
        if nul:
            # ninja's body locations read (source, argument, *field); every body argument here is `payload`
            raise _nul_error([("body", "payload", *p) for p in nul])
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        nul: list[tuple[str | int, ...]] = [
            ("query", key)
            for key in data
            if "\x00" in key or any("\x00" in str(v) for v in data.getlist(key))
        ]
        if nul:
            raise _nul_error(nul)
        return super().parse_querydict(data, list_fields, request)


def _operation_id(operation: Operation) -> str:
    """`goal_list`, `goals_action_update`, `scheduling_session_get`: the app unless the name starts with it."""
    app = operation.view_func.__module__.split(".")[1]
    name = operation.view_func.__name__
    if name.endswith("_detail"):
        name = name.removesuffix("_detail") + "_get"
    if name.startswith((app + "_", app.removesuffix("s") + "_")):
        return name
    return f"{app}_{name}"


def _problem_media(ref: str = "#/components/schemas/Problem") -> dict[str, Any]:
    return {problems.CONTENT_TYPE: {"schema": {"$ref": ref}}}


def _problem_schemas() -> dict[str, Any]:
    schema = problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"Problem": schema, **defs}


class TrellisAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return _operation_id(operation)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(_problem_schemas())
        for ops in schema["paths"].values():
            for op in ops.values():
                responses = op.setdefault("responses", {})
                for status, response in responses.items():
                    # errors an operation declares itself (409 conflicts) are problems too
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {
                            problems.CONTENT_TYPE: response["content"].pop("application/json")
                        }
                extra = dict(COMMON_ERRORS)
                if op.get("security"):
                    extra[401] = str(problems.DETAIL_UNAUTHENTICATED)
                for status, description in sorted(extra.items()):
                    if status in responses or str(status) in responses:
                        continue
                    responses[status] = {"description": description, "content": _problem_media()}
                if 401 in responses:
                    responses[401]["headers"] = {
                        "WWW-Authenticate": {
                            "description": "The scheme to authenticate with: `Bearer`.",
                            "schema": {"type": "string"},
                        }
                    }
        idempotency.document_openapi(schema, _problem_media())
        return schema

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code >= 400:
            response["Content-Type"] = problems.CONTENT_TYPE
            if response.status_code == 401:
                response["WWW-Authenticate"] = problems.WWW_AUTHENTICATE
        return response

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _problem_view(pattern.callback)
        # whatever else lies under the API's prefix answers a problem, not an HTML page
        urls.append(re_path(r"^.*$", no_such_path, name="no-such-path"))
        return urls


def _problem_view(view: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        nul = [("path", k) for k, v in kwargs.items() if isinstance(v, str) and "\x00" in v]
        if nul:
            return problems.problem_response(
                request,
                status=422,
                detail=problems.DETAIL_VALIDATION.format(
                    count=len(nul), fields=", ".join(str(k) for _, k in nul)
                ),
                errors=[
                    {"loc": list(loc), "field": problems.field_path(loc), "msg": problems.MSG_NUL}
                    for loc in nul
                ],
            )
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = problems.problem_response(
                request,
                status=405,
                detail=problems.DETAIL_METHOD_NOT_ALLOWED.format(allowed=allowed),
            )
            response["Allow"] = allowed
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def no_such_path(request: HttpRequest) -> HttpResponse:
    return problems.problem_response(request, status=404, detail=problems.DETAIL_NO_SUCH_PATH)


def install_problem_handlers(api: NinjaAPI) -> None:
    """Every exception an operation can raise, answered as a problem."""
    from django.core.exceptions import (
        PermissionDenied,
        RequestDataTooBig,
        SuspiciousOperation,
        ValidationError,
    )
    from django.http import Http404
    from ninja.errors import AuthenticationError, HttpError

    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: list[dict[str, Any]] = [
            {
                "loc": list(e.get("loc", ())),
                "field": problems.field_path(e.get("loc", ())),
                "msg": problems.field_message(e),
            }
            for e in exc.errors
        ]
        fields = ", ".join(sorted({str(e["field"] or "body") for e in errors}))
        detail = problems.DETAIL_VALIDATION.format(count=len(errors), fields=fields)
        return problems.problem_response(request, status=422, detail=detail, errors=errors)

    def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: list[dict[str, Any]]
        if hasattr(exc, "error_dict"):
            errors = [
                {"loc": [field], "field": field, "msg": " ".join(msgs)}
                for field, msgs in exc.message_dict.items()
            ]
        else:
            errors = [{"loc": [], "field": None, "msg": m} for m in exc.messages]
        detail = " ".join(
            f"{e['field']}: {e['msg']}" if e["field"] and e["field"] != "__all__" else e["msg"]
            for e in errors
        )
        return problems.problem_response(request, status=400, detail=detail, errors=errors)

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problems.problem_response(
            request, status=403, detail=str(exc) or problems.DETAIL_FORBIDDEN
        )

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problems.problem_response(request, status=404, detail=problems.DETAIL_NOT_FOUND)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = exc.message if exc.message != "Unauthorized" else problems.DETAIL_UNAUTHENTICATED
        return problems.problem_response(request, status=exc.status_code, detail=detail)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja wraps whatever the body parser raises in a 400 "Cannot parse request body"
        if isinstance(exc.__cause__, NinjaValidationError):
            return validation(request, exc.__cause__)
        if isinstance(exc.__cause__, RequestDataTooBig):
            return too_large(request, exc.__cause__)
        return problems.problem_response(request, status=exc.status_code, detail=str(exc))

    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problems.problem_response(request, status=413, detail=problems.DETAIL_TOO_LARGE)

    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return problems.problem_response(request, status=400, detail=str(exc))

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API operation failed: %s %s", request.method, request.path)
        return problems.problem_response(request, status=500, detail=problems.DETAIL_SERVER_ERROR)

    handlers: list[tuple[type[Exception], Any]] = [
        (NinjaValidationError, validation),
        (ValidationError, refused),
        (PermissionDenied, forbidden),
        (Http404, not_found),
        (AuthenticationError, unauthenticated),
        (HttpError, http_error),
        (RequestDataTooBig, too_large),
        (SuspiciousOperation, suspicious),
        (Exception, server_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
