"""POST /Bulk (RFC 7644 section 3.7): many User and Group writes in one request. Each operation runs
as the single endpoint would (its own transaction, its own SCIM error), `bulkId:` references are
resolved to the ids of resources made earlier in the request (an operation waiting for one made
later is run after it), and `failOnErrors` stops the rest after that many errors. The request
itself answers 200 with a BulkResponse, or a SCIM error for the request as a whole."""

import json
import logging
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse

from trellis.scim import views
from trellis.scim.models import ScimToken
from trellis.scim.services import ScimError, invalid

BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
MAX_OPERATIONS = views.BULK_MAX_OPERATIONS
MAX_PAYLOAD = views.BULK_MAX_PAYLOAD
REFERENCE = re.compile(r"bulkId:(.+)")
ROUTES: dict[tuple[str, str], views.Handler] = {
    ("POST", "Users"): views.users_create,
    ("PUT", "Users/"): views.user_put,
    ("PATCH", "Users/"): views.user_patch,
    ("DELETE", "Users/"): views.user_delete,
    ("POST", "Groups"): views.groups_create,
    ("PUT", "Groups/"): views.group_put,
    ("PATCH", "Groups/"): views.group_patch,
    ("DELETE", "Groups/"): views.group_delete,
}
log = logging.getLogger(__name__)


class _Waiting(Exception):
    """The operation refers to a bulkId no operation has made yet."""

    def __init__(self, bulk_id: str) -> None:
        self.bulk_id = bulk_id


def _resolved(value: Any, made: dict[str, str]) -> Any:
    """The value with every "bulkId:X" string replaced by the id of the resource X became."""
    if isinstance(value, str):
        match = REFERENCE.fullmatch(value)
        if match is None:
            return value
        if match[1] not in made:
            raise _Waiting(match[1])
        return made[match[1]]
    if isinstance(value, list):
        return [_resolved(item, made) for item in value]
    if isinstance(value, dict):
        return {key: _resolved(item, made) for key, item in value.items()}
    return value


def _operations(body: Any) -> tuple[list[dict[str, Any]], int | None]:
    if not isinstance(body, dict):
        raise ScimError(400, "body: expected a BulkRequest object.", "invalidSyntax")
    operations = body.get("Operations")
    if not isinstance(operations, list):
        raise ScimError(400, "Operations: expected a list of operations.", "invalidSyntax")
    if len(operations) > MAX_OPERATIONS:
        raise ScimError(
            413, f"Operations: expected at most {MAX_OPERATIONS}, found {len(operations)}.", ""
        )
    fail_on = body.get("failOnErrors")
    if fail_on is not None and (
        not isinstance(fail_on, int) or isinstance(fail_on, bool) or fail_on < 1
    ):
        raise ScimError(
            400,
            f"failOnErrors: expected a whole number from 1, found {fail_on!r:.40}.",
            "invalidValue",
        )
    return operations, fail_on


def _checked(i: int, operation: Any) -> tuple[str, str, str | None]:
    """The method, path and bulkId of operation i, or a SCIM error naming the field."""
    where = f"Operations[{i}]"
    if not isinstance(operation, dict):
        raise invalid(f"{where}: expected an object with method and path.")
    method = operation.get("method")
    if not isinstance(method, str) or method.upper() not in ("POST", "PUT", "PATCH", "DELETE"):
        raise invalid(f"{where}.method: expected POST, PUT, PATCH or DELETE, found {method!r:.40}.")
    path = operation.get("path")
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 300:
        raise ScimError(
            400,
            f"{where}.path: expected /Users, /Groups or /Users/ID, found {path!r:.60}.",
            "invalidPath",
        )
    bulk_id = operation.get("bulkId")
    if bulk_id is not None and (not isinstance(bulk_id, str) or not bulk_id or len(bulk_id) > 200):
        raise invalid(f"{where}.bulkId: expected a short string, found {bulk_id!r:.40}.")
    if method.upper() == "POST" and bulk_id is None:
        raise invalid(f"{where}.bulkId: expected one for a POST (RFC 7644 section 3.7).")
    return method.upper(), path, bulk_id


def _duplicate_bulk_ids(operations: list[Any]) -> None:
    seen: set[str] = set()
    for i, operation in enumerate(operations):
        bulk_id = operation.get("bulkId") if isinstance(operation, dict) else None
        if isinstance(bulk_id, str) and bulk_id in seen:
            raise invalid(
                f"Operations[{i}].bulkId: expected each bulkId once, found {bulk_id[:40]!r} again."
            )
        if isinstance(bulk_id, str):
            seen.add(bulk_id)


def _run(
    request: HttpRequest,
    token: ScimToken,
    base: str,
    method: str,
    path: str,
    data: Any,
) -> HttpResponse:
    resource, _, rest = path.strip("/").partition("/")
    handler = ROUTES.get((method, f"{resource}/" if rest else resource))
    if handler is None or "/" in rest:
        raise ScimError(
            400,
            f"path: expected POST /Users or /Groups, PUT, PATCH or DELETE /Users/ID or "
            f"/Groups/ID, found {method} {path[:60]}.",
            "invalidPath",
        )
    if rest:
        key = "member_id" if resource == "Users" else "group_id"
        return handler(request, token, base, data, **{key: rest})
    return handler(request, token, base, data)


def _error(error: ScimError) -> dict[str, Any]:
    return json.loads(views._error(error).content)


def _one(
    request: HttpRequest, token: ScimToken, base: str, i: int, operation: Any, made: dict[str, str]
) -> dict[str, Any]:
    """The BulkResponse entry of one operation (raises _Waiting if a reference is not made yet)."""
    entry: dict[str, Any] = {"method": ""}
    if isinstance(operation, dict):
        entry["method"] = str(operation.get("method", ""))[:10].upper()
        if isinstance(operation.get("bulkId"), str):
            entry["bulkId"] = operation["bulkId"]
    try:
        method, path, bulk_id = _checked(i, operation)
        path = _resolved(path, made)
        data = _resolved(operation.get("data"), made)
        response = _run(request, token, base, method, path, data)
    except _Waiting:
        raise
    except ScimError as error:
        return {**entry, "status": str(error.status), "response": _error(error)}
    except ValidationError as error:
        detail = f"Operations[{i}]: " + " ".join(error.messages)
        return {**entry, "status": "400", "response": _error(invalid(detail))}
    except IntegrityError:
        conflict = ScimError(409, f"Operations[{i}]: conflicts with a resource.", "uniqueness")
        return {**entry, "status": "409", "response": _error(conflict)}
    except Exception:  # one operation's failure is reported in its place, never the request's
        log.exception("SCIM bulk operation %s failed", i)
        failed = ScimError(500, f"Operations[{i}]: Trellis failed on this operation.")
        return {**entry, "status": "500", "response": _error(failed)}
    entry["status"] = str(response.status_code)
    answer = json.loads(response.content) if response.content else None
    if response.status_code >= 400:
        return {**entry, "response": answer}
    if isinstance(answer, dict) and isinstance(answer.get("meta"), dict):
        entry["location"] = answer["meta"].get("location", "")
        if bulk_id is not None and method == "POST":
            made[bulk_id] = answer["id"]
    else:
        entry["location"] = f"{base}{path}"
    return entry


def bulk_post(request: HttpRequest, token: ScimToken, base: str, body: Any) -> HttpResponse:
    if len(request.body) > MAX_PAYLOAD:
        raise ScimError(
            413, f"body: expected at most {MAX_PAYLOAD} bytes, found {len(request.body)}."
        )
    operations, fail_on = _operations(body)
    _duplicate_bulk_ids(operations)
    made: dict[str, str] = {}
    results: dict[int, dict[str, Any]] = {}
    waiting = list(range(len(operations)))
    errors = 0
    while waiting and (fail_on is None or errors < fail_on):
        still: list[int] = []
        for i in waiting:
            if fail_on is not None and errors >= fail_on:
                break
            try:
                results[i] = _one(request, token, base, i, operations[i], made)
            except _Waiting:
                still.append(i)
                continue
            errors += int(results[i]["status"]) >= 400
        if still and len(still) == len(waiting):  # nothing moved: the references are never made
            for i in still:
                if fail_on is not None and errors >= fail_on:
                    break
                detail = f"Operations[{i}]: bulkId:{_missing(operations[i], made)[:40]} names no resource made in this request."
                entry = {
                    "method": str(operations[i].get("method", ""))[:10].upper(),
                    "status": "409",
                }
                if isinstance(operations[i].get("bulkId"), str):
                    entry["bulkId"] = operations[i]["bulkId"]
                results[i] = {**entry, "response": _error(ScimError(409, detail, "invalidValue"))}
                errors += 1
            break
        waiting = still
    return views._answer(
        {"schemas": [BULK_RESPONSE], "Operations": [results[i] for i in sorted(results)]}
    )


def _missing(operation: dict[str, Any], made: dict[str, str]) -> str:
    try:
        _resolved([operation.get("path"), operation.get("data")], made)
    except _Waiting as waiting:
        return waiting.bulk_id
    return ""


bulk = views.scim_endpoint({"POST": bulk_post})
