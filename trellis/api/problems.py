"""Every API error is one shape: `application/problem+json` (RFC 9457).

A problem has a stable `type` (a URN tests and clients may compare), a `title` that names the kind of
problem, the `detail` of this occurrence and the HTTP `status`. Validation problems add `errors`: one
entry per field, with its location (`loc`), a dotted `field` path and the message (`msg`).
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Schema

CONTENT_TYPE = "application/problem+json"

# type URNs: stable, compared by clients; never reworded nor translated (titles and details are
# translated: a client sending Accept-Language reads them in its language)
VALIDATION = "urn:trellis:problem:validation"  # 422: the request does not match the schema
INVALID = "urn:trellis:problem:invalid"  # 400: well-formed, but the service refused a value
UNAUTHENTICATED = "urn:trellis:problem:unauthenticated"  # 401
FORBIDDEN = "urn:trellis:problem:forbidden"  # 403
NOT_FOUND = "urn:trellis:problem:not-found"  # 404
METHOD_NOT_ALLOWED = "urn:trellis:problem:method-not-allowed"  # 405
CONFLICT = "urn:trellis:problem:conflict"  # 409
TOO_LARGE = "urn:trellis:problem:too-large"  # 413
THROTTLED = "urn:trellis:problem:throttled"  # 429
SERVER_ERROR = "urn:trellis:problem:server-error"  # 500
HTTP_ERROR = "urn:trellis:problem:http"  # any other status raised as ninja's HttpError

TITLES = {
    VALIDATION: _("The request has invalid fields."),
    INVALID: _("The request could not be carried out as sent."),
    UNAUTHENTICATED: _("A valid API token is required."),
    FORBIDDEN: _("You are not allowed to do this."),
    NOT_FOUND: _("Not found."),
    METHOD_NOT_ALLOWED: _("This method is not allowed here."),
    CONFLICT: _("The request conflicts with the current state."),
    TOO_LARGE: _("The request is too large."),
    THROTTLED: _("Too many requests."),
    SERVER_ERROR: _("Something went wrong on our side."),
    HTTP_ERROR: _("The request could not be carried out."),
}
TYPE_BY_STATUS = {
    400: INVALID,
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    409: CONFLICT,
    413: TOO_LARGE,
    422: VALIDATION,
    429: THROTTLED,
    500: SERVER_ERROR,
}

# details: constants that tests import
DETAIL_UNAUTHENTICATED = _("Send a valid API token as `Authorization: Bearer trl_...`.")
DETAIL_FORBIDDEN = _("Not allowed.")
DETAIL_NOT_FOUND = _("Not found.")
DETAIL_NO_SUCH_PATH = _("There is no API operation at this address.")
DETAIL_METHOD_NOT_ALLOWED = _("This address answers only: {allowed}.")
DETAIL_VALIDATION = _("{count} field(s) are invalid: {fields}.")
DETAIL_TOO_LARGE = _("The request body is larger than this server accepts.")
DETAIL_SERVER_ERROR = _("The error was logged; please try again later.")
# field messages shared by the schemas (trellis.api.fields) and the request parser
MSG_NUL = _("must not contain NUL characters (\\u0000)")
MSG_NOT_NULL = _("may be left out or empty, but not null")

WWW_AUTHENTICATE = 'Bearer realm="api"'

# pydantic's field messages, by error type, in the reader's language (its own are English only);
# {names} come from the error's context. A type not listed keeps pydantic's message.
_WHOLE = _("must be a whole number")
_NUMBER = _("must be a number")
_BOOL = _("must be true or false")
_UUID = _("must be a UUID")
_DATE = _("must be a date as YYYY-MM-DD")
_DATETIME = _("must be a date and time as YYYY-MM-DDTHH:MM with a time zone")
_ONE_OF = _("must be one of: {expected}")
_OBJECT = _("must be an object")
FIELD_MESSAGES: dict[str, Any] = {
    "missing": _("is required"),
    "string_type": _("must be text"),
    "string_too_short": _("must be at least {min_length} character(s) long"),
    "string_too_long": _("must be at most {max_length} character(s) long"),
    "string_pattern_mismatch": _("must match the pattern {pattern}"),
    "too_short": _("must have at least {min_length} item(s)"),
    "too_long": _("must have at most {max_length} item(s)"),
    "int_parsing": _WHOLE,
    "int_type": _WHOLE,
    "int_from_float": _WHOLE,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "bool_parsing": _BOOL,
    "bool_type": _BOOL,
    "greater_than": _("must be more than {gt}"),
    "greater_than_equal": _("must be {ge} or more"),
    "less_than": _("must be less than {lt}"),
    "less_than_equal": _("must be {le} or less"),
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "timezone_aware": _("must give a time zone (e.g. Z or +01:00)"),
    "literal_error": _ONE_OF,
    "enum": _ONE_OF,
    "list_type": _("must be a list"),
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "json_invalid": _("is not valid JSON"),
    "extra_forbidden": _("is not a field this operation takes"),
    "url_parsing": _("must be a URL"),
    "url_scheme": _("must be an http or https URL"),
}


def field_message(error: dict[str, Any]) -> str:
    """One pydantic error's message for the reader (see FIELD_MESSAGES)."""
    known = FIELD_MESSAGES.get(str(error.get("type", "")))
    if known is None:
        return str(error.get("msg", ""))
    try:
        return str(known).format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):  # a context without the name: the plain message
        return str(error.get("msg", ""))


class FieldError(Schema):
    loc: list[str | int]
    field: str | None
    msg: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def field_path(loc: list[str | int] | tuple[str | int, ...]) -> str | None:
    """`("body", "payload", "actions", 0, "title")` reads `actions.0.title`; None for the whole body."""
    parts = list(loc)
    if parts[:1] == ["body"]:
        parts = parts[2:]  # the source and ninja's argument name say nothing to the caller
    elif parts[:1] in (["query"], ["path"], ["header"]):
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or None


def problem_body(
    *,
    status: int,
    detail: str | Promise,
    type: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    kind = type or TYPE_BY_STATUS.get(status, HTTP_ERROR)
    body: dict[str, Any] = {
        "type": kind,
        "title": str(TITLES[kind]),
        "status": status,
        "detail": str(detail),
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(
    request: HttpRequest | None,
    *,
    status: int,
    detail: str | Promise,
    type: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body = problem_body(status=status, detail=detail, type=type, errors=errors)
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=CONTENT_TYPE
    )
    if status == 401:
        response["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response
