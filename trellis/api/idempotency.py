"""Idempotency keys: a retried POST writes once, and gets the first response again.

One mechanism for the API and the pages. A POST that carries a key (the `Idempotency-Key` header,
or the hidden field `{% idempotency_field %}` puts in a page's form) is claimed for its caller
(the member the API token speaks for, or the signed-in person) before the view runs. A second POST with the same key and
the same request gets the first response replayed and writes nothing; with another request it is
refused (422); while the first is still running, 409. Keys expire after a day. Only responses that
succeeded (2xx, and redirects for pages) are kept: after an error a retry runs again.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from trellis.accounts.api_door import TokenAuth
from trellis.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
FIELD = "idempotency_key"  # the hidden form field pages send
TTL = timedelta(hours=24)
ABANDONED = timedelta(minutes=2)  # a claim still running after this was cut off: take it over
MAX_KEY = 255
MAX_BODY = 1_000_000  # larger responses are not kept (a retry then runs again)
KEPT_HEADERS = (
    "Content-Type",
    "Location",
    "HX-Redirect",
    "HX-Location",
    "HX-Trigger",
    "HX-Refresh",
)
REPLAYED = "Idempotent-Replayed"

# the header's name (Idempotency-Key) and its limit (255) are written out for the translators
BAD_KEY = gettext_lazy("Idempotency-Key: expected 1 to 255 visible ASCII characters.")
# plain strings (claim_key answers one of them), translated when the refusal is written
OTHER_REQUEST = gettext_noop(
    "Idempotency-Key {key!r} was already used for a different request in the last 24 hours; "
    "send a new key for a new request."
)
STILL_RUNNING = gettext_noop(
    "A request with Idempotency-Key {key!r} is still being processed; retry in a moment."
)
FORM_OTHER_REQUEST = gettext_lazy(
    "This form was already sent with other values. Reload the page to send it again."
)
TITLE = gettext_lazy("The idempotency key cannot be used for this request.")

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

# What the OpenAPI document says of every POST: this middleware serves them all.
OPENAPI_PARAMETER = "IdempotencyKey"  # under components/parameters, referred to by each POST
OPENAPI_DESCRIPTION = (
    f"Optional. Send a retry with the same key and the same request, and the first answer comes "
    f"back (status, body, marked `{REPLAYED}: true`) and nothing is written twice. 1 to {MAX_KEY} "
    f"visible ASCII characters, for example a new UUID per request. Keys belong to the member the "
    f"token speaks for and are forgotten after {int(TTL.total_seconds() // 3600)} hours. Only a "
    f"successful (2xx) answer is kept: a retry after an error runs again. The same key with "
    f"another request answers 422; while the first request is still running, 409."
)
OPENAPI_STILL_RUNNING = f"A request with the same `{HEADER}` is still being processed."


def document_openapi(schema: dict[str, Any], problem: dict[str, Any]) -> None:
    """Add to an OpenAPI document what this middleware does for every POST: the header it
    accepts (one shared parameter), the header that marks a replayed answer, and the 409 of a
    request still running. `problem` is the content of a problem response."""
    components = schema.setdefault("components", {})
    components.setdefault("parameters", {})[OPENAPI_PARAMETER] = {
        "in": "header",
        "name": HEADER,
        "required": False,
        "description": OPENAPI_DESCRIPTION,
        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY},
    }
    ref = {"$ref": f"#/components/parameters/{OPENAPI_PARAMETER}"}
    replayed = {
        "description": "`true` when this is the first answer to a request with the same "
        f"`{HEADER}`, replayed; absent otherwise.",
        "schema": {"type": "string", "enum": ["true"]},
    }
    for operations in schema.get("paths", {}).values():
        operation = operations.get("post")
        if operation is None:
            continue
        parameters = operation.setdefault("parameters", [])
        if ref not in parameters:
            parameters.append(ref)
        responses = operation.setdefault("responses", {})
        for status, response in responses.items():
            if 200 <= int(status) < 300:
                response.setdefault("headers", {})[REPLAYED] = replayed
        if 409 not in responses and "409" not in responses:
            responses[409] = {"description": OPENAPI_STILL_RUNNING, "content": problem}


class IdempotencyMiddleware:
    """Claims, replays or refuses POSTs that carry an idempotency key; others pass through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return self.get_response(request)
        key, from_form = _key_of(request)
        caller = _caller(request) if key is not None else None
        if key is None or caller is None:
            return self.get_response(request)
        if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
            return _refuse(request, 400, BAD_KEY, from_form)
        claim = claim_key(caller=caller, key=key, fingerprint=_fingerprint(request, from_form))
        if isinstance(claim, str):
            status = 409 if claim == STILL_RUNNING else 422
            detail = (
                FORM_OTHER_REQUEST
                if from_form and status == 422
                else gettext(claim).format(key=key)
            )
            return _refuse(request, status, detail, from_form)
        if claim.status:
            return replay(claim)
        try:
            response = self.get_response(request)
        except BaseException:
            claim.delete()
            raise
        keep_response(claim, response, redirects=from_form)
        return response


def claim_key(*, caller: str, key: str, fingerprint: str) -> IdempotencyKey | str:
    """The caller's claim on a key: a new one (status 0: run the request), a finished one to
    replay, or the reason to refuse (OTHER_REQUEST, STILL_RUNNING, unformatted)."""
    now = timezone.now()
    IdempotencyKey.objects.filter(created_at__lt=now - TTL).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                caller=caller, key=key, fingerprint=fingerprint, created_at=now
            )
    except IntegrityError:
        pass
    found = IdempotencyKey.objects.filter(caller=caller, key=key).first()
    if found is None:  # expired and removed between the two statements
        return claim_key(caller=caller, key=key, fingerprint=fingerprint)
    if found.fingerprint != fingerprint:
        return OTHER_REQUEST
    if found.status == 0:
        taken = IdempotencyKey.objects.filter(
            pk=found.pk, status=0, created_at__lt=now - ABANDONED
        ).update(created_at=now)
        return found if taken else STILL_RUNNING
    return found


def keep_response(claim: IdempotencyKey, response: HttpResponse, *, redirects: bool) -> None:
    """Keep a successful response for replays; after a failure, free the key for a retry."""
    ok = 200 <= response.status_code < (400 if redirects else 300)
    if not ok or response.streaming or len(response.content) > MAX_BODY:
        claim.delete()
        return
    claim.status = response.status_code
    claim.headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    claim.body = response.content
    claim.save(update_fields=["status", "headers", "body"])


def replay(claim: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(claim.body), status=claim.status)
    for name, value in claim.headers.items():
        response[name] = value
    response[REPLAYED] = "true"
    return response


def _key_of(request: HttpRequest) -> tuple[str | None, bool]:
    header = request.headers.get(HEADER)
    if header is not None:
        return header.strip(), False
    if request.content_type in FORM_TYPES:
        try:
            value = request.POST.get(FIELD)
        except Exception:  # an unreadable or too large body: the view reports it
            return None, False
        if value is not None:
            return value.strip(), True
    return None, False


def _caller(request: HttpRequest) -> str | None:
    """Who sends the request: the member an API token speaks for (a token that does not
    authenticate gets no replay: the API answers it), or the signed-in person of a page."""
    authorization = request.headers.get("Authorization")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer":
            return None
        try:
            member = TokenAuth().authenticate(request, token.strip())
        except PermissionDenied:
            return None
        return None if member is None else f"member:{member.pk}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


def _fingerprint(request: HttpRequest, from_form: bool) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if request.content_type in FORM_TYPES:
        fields = sorted(
            (name, value)
            for name, values in request.POST.lists()
            if name not in (FIELD, "csrfmiddlewaretoken")
            for value in values
        )
        files = sorted(
            (name, f.name or "", f.size or 0)
            for name, uploads in request.FILES.lists()
            for f in uploads
        )
        digest.update(json.dumps([fields, files]).encode())
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _refuse(
    request: HttpRequest, status: int, detail: str | Promise, from_form: bool
) -> HttpResponse:
    if from_form:
        return HttpResponse(str(detail), status=status, content_type="text/plain; charset=utf-8")
    kind = {400: "invalid", 409: "conflict", 422: "validation"}[status]
    body = {
        "type": f"urn:trellis:problem:{kind}",
        "title": str(TITLE),
        "status": status,
        "detail": str(detail),
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")
