"""SCIM 2.0 endpoints under /scim/v2/<org>/ (bearer token of that organization), and the admins'
page that makes and revokes the tokens."""

import json
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from trellis.accounts.door import org_view
from trellis.accounts.models import Membership, Team
from trellis.core.scim.attributes import names_of, project
from trellis.core.scim.filter import FilterError
from trellis.scim import discovery, filters, services
from trellis.scim import groups as group_services
from trellis.scim.models import ScimToken
from trellis.scim.services import ScimError

CONTENT_TYPE = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
MAX_COUNT = 200
MAX_START = 2**31 - 1  # RFC 7644 3.4.2.4: a 1-based index; a larger one would overflow OFFSET
BULK_MAX_OPERATIONS = 100  # POST /Bulk (trellis/scim/bulk.py)
BULK_MAX_PAYLOAD = 1_048_576  # bytes
Handler = Callable[..., Any]


def _answer(body: Any, status: int = 200) -> HttpResponse:
    if body is None:
        return HttpResponse(status=status)
    return HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)


def _error(error: ScimError) -> HttpResponse:
    body = {"schemas": [ERROR_SCHEMA], "status": str(error.status), "detail": error.detail}
    if error.scim_type:
        body["scimType"] = error.scim_type
    response = _answer(body, error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="SCIM"'
    return response


def scim_endpoint(methods: dict[str, Handler]) -> Callable[..., HttpResponse]:
    """One SCIM resource path: the token door, the method table, JSON in and SCIM errors out."""

    @csrf_exempt
    def view(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        try:
            token = services.token_authenticate(
                org_slug=slug, header=request.headers.get("Authorization", "")
            )
            if token is None:
                raise ScimError(401, "A valid SCIM bearer token of this organization is required.")
            handler = methods.get(request.method or "")
            if handler is None:
                raise ScimError(405, f"{request.method} is not allowed here.")
            body = None
            if request.method in ("POST", "PUT", "PATCH"):
                try:
                    raw = request.body
                except RequestDataTooBig:
                    raise ScimError(413, "body: expected a smaller request.") from None
                try:
                    body = json.loads(raw or b"null")
                except (ValueError, UnicodeDecodeError):
                    raise ScimError(400, "body: expected JSON.", "invalidSyntax") from None
            base = request.build_absolute_uri(reverse("scim:root", args=[slug])).rstrip("/")
            return handler(request, token, base, body, **kwargs)
        except ScimError as error:
            return _error(error)
        except ValidationError as error:  # a rule of the service (the last admin leaving, say)
            return _error(ScimError(400, " ".join(error.messages), "invalidValue"))

    return view


def _shape(
    request: HttpRequest, body: dict[str, Any], search: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The resource as `attributes` and `excludedAttributes` ask (RFC 7644 section 3.9)."""
    asked = search if search is not None else request.GET
    try:
        attributes = names_of(asked.get("attributes"), "attributes")
        excluded = names_of(asked.get("excludedAttributes"), "excludedAttributes")
    except FilterError as error:
        raise ScimError(400, f"{error}.", "invalidValue") from None
    schema = body.get("schemas", [""])[0]
    return project(body, schema=schema, attributes=attributes, excluded=excluded)


def _number(asked: Any, name: str, default: int) -> int:
    value = asked.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ScimError(
            400, f"{name}: expected a whole number, found {str(value)[:40]!r}.", "invalidValue"
        ) from None


def _queried(rows: QuerySet[Any], resource: str, asked: Any) -> QuerySet[Any]:
    """The rows the filter keeps, in the order sortBy asks (both in the database)."""
    for name in ("filter", "sortBy", "sortOrder"):
        if asked.get(name) is not None and not isinstance(asked.get(name), str):
            raise ScimError(400, f"{name}: expected a string.", "invalidValue")
    if asked.get("filter") is not None:
        rows = rows.filter(filters.filter_q(asked["filter"], resource))
    if asked.get("sortBy"):
        rows = filters.sort_rows(rows, resource, asked["sortBy"], asked.get("sortOrder") or "")
    return rows


def _window(asked: Any) -> tuple[int, int]:
    start = max(1, _number(asked, "startIndex", 1))
    if start > MAX_START:  # past any organization's people; the database's offsets end at 2**63
        raise ScimError(
            400, f"startIndex: expected a whole number from 1 to {MAX_START}.", "invalidValue"
        )
    return start, min(MAX_COUNT, max(0, _number(asked, "count", 100)))


def _listed_page(total: int, start: int, resources: list[dict[str, Any]]) -> HttpResponse:
    return _answer(
        {
            "schemas": [services.LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


def _paged(
    request: HttpRequest,
    rows: QuerySet[Any],
    out: Callable[[Any], dict[str, Any]],
    resource: str,
    search: dict[str, Any] | None = None,
) -> HttpResponse:
    """A ListResponse: filtered, sorted and paged in the database, shaped per resource."""
    asked: Any = search if search is not None else request.GET
    rows = _queried(rows, resource, asked)
    start, count = _window(asked)
    page = list(rows[start - 1 : start - 1 + count])
    resources = [_shape(request, out(row), search) for row in page]
    return _listed_page(rows.count(), start, resources)


def _search(body: Any) -> dict[str, Any]:
    """A SearchRequest (POST .search, RFC 7644 section 3.4.3) read as the query parameters."""
    if not isinstance(body, dict):
        raise ScimError(400, "body: expected a SearchRequest object.", "invalidSyntax")
    known = {"schemas", "attributes", "excludedAttributes", "filter", "sortBy", "sortOrder"}
    known |= {"startIndex", "count"}
    unknown = sorted(set(body) - known)
    if unknown:
        raise ScimError(
            400, f"{unknown[0][:40]}: expected only {', '.join(sorted(known))}.", "invalidSyntax"
        )
    return body


def _people(token: ScimToken) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org=token.org)
        .exclude(scim__deleted_at__isnull=False)
        .select_related("user", "team", "scim")
        .order_by("created_at", "pk")
    )


def _member(token: ScimToken, member_id: str) -> Membership:
    try:
        found = _people(token).filter(uuid=uuid.UUID(member_id)).first()
    except ValueError:
        found = None
    if found is None:
        raise ScimError(404, f"No user {member_id} in this organization.")
    return found


def _team(token: ScimToken, group_id: str) -> Team:
    found = (
        Team.objects.filter(org=token.org, pk=int(group_id))
        .select_related("scim")
        .prefetch_related("members__user", "members__scim")
        .first()
        if group_id.isdigit() and len(group_id) < 18
        else None
    )
    if found is None:
        raise ScimError(404, f"No group {group_id} in this organization.")
    return found


def users_list(request, token, base, body):
    return _paged(request, _people(token), lambda m: services.user_out(m, base), "User")


def users_search(request, token, base, body):
    out = lambda m: services.user_out(m, base)  # noqa: E731
    return _paged(request, _people(token), out, "User", _search(body))


def users_create(request, token, base, body):
    member = services.user_create(token=token, data=services.user_in(body))
    response = _answer(
        _shape(request, services.user_out(_member(token, str(member.uuid)), base)), 201
    )
    response["Location"] = f"{base}/Users/{member.uuid}"
    return response


def user_get(request, token, base, body, member_id):
    return _answer(_shape(request, services.user_out(_member(token, member_id), base)))


def user_put(request, token, base, body, member_id):
    member = services.user_replace(
        token=token, member=_member(token, member_id), data=services.user_in(body)
    )
    return _answer(_shape(request, services.user_out(_member(token, str(member.uuid)), base)))


def user_patch(request, token, base, body, member_id):
    member = services.user_patch(token=token, member=_member(token, member_id), body=body)
    return _answer(_shape(request, services.user_out(_member(token, str(member.uuid)), base)))


def user_delete(request, token, base, body, member_id):
    services.user_delete(token=token, member=_member(token, member_id))
    return _answer(None, 204)


def root_search(request, token, base, body):
    """POST /.search: Users, then Groups, each where the filter makes sense for it."""
    search = _search(body)
    kinds = []
    refused = None
    for rows, out, resource in (
        (_people(token), lambda m: services.user_out(m, base), "User"),
        (_teams(token), lambda t: group_services.group_out(t, base), "Group"),
    ):
        try:
            kinds.append((_queried(rows, resource, search), out))
        except ScimError as error:
            if error.scim_type != "invalidFilter":
                raise
            refused = refused or error
    if not kinds and refused is not None:
        raise refused
    start, count = _window(search)
    skip, total = start - 1, 0
    resources: list[dict[str, Any]] = []
    for rows, out in kinds:
        size = rows.count()
        total += size
        wanted = count - len(resources)
        if wanted > 0 and skip < size:
            page = rows[skip : skip + wanted]
            resources += [_shape(request, out(row), search) for row in page]
        skip = max(0, skip - size)
    return _listed_page(total, start, resources)


def _teams(token: ScimToken) -> QuerySet[Team]:
    return (
        Team.objects.filter(org=token.org)
        .select_related("scim")
        .prefetch_related("members__user", "members__scim")
        .order_by("pk")
    )


def groups_list(request, token, base, body):
    return _paged(request, _teams(token), lambda t: group_services.group_out(t, base), "Group")


def groups_search(request, token, base, body):
    out = lambda t: group_services.group_out(t, base)  # noqa: E731
    return _paged(request, _teams(token), out, "Group", _search(body))


def groups_create(request, token, base, body):
    team = group_services.group_create(token=token, body=body)
    return _answer(_shape(request, group_services.group_out(_team(token, str(team.pk)), base)), 201)


def group_get(request, token, base, body, group_id):
    return _answer(_shape(request, group_services.group_out(_team(token, group_id), base)))


def group_put(request, token, base, body, group_id):
    team = group_services.group_replace(token=token, team=_team(token, group_id), body=body)
    return _answer(_shape(request, group_services.group_out(_team(token, str(team.pk)), base)))


def group_patch(request, token, base, body, group_id):
    team = group_services.group_patch(token=token, team=_team(token, group_id), body=body)
    return _answer(_shape(request, group_services.group_out(_team(token, str(team.pk)), base)))


def group_delete(request, token, base, body, group_id):
    team = _team(token, group_id)
    team.members.update(team=None)
    team.delete()
    return _answer(None, 204)


def service_provider_config(request, token, base, body):
    return _answer(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/trellis-coaching/trellis/blob/main/docs/scim.md",
            "patch": {"supported": True},
            "bulk": {
                "supported": True,
                "maxOperations": BULK_MAX_OPERATIONS,
                "maxPayloadSize": BULK_MAX_PAYLOAD,
            },
            "filter": {"supported": True, "maxResults": MAX_COUNT},
            "changePassword": {"supported": False},
            "sort": {"supported": True},
            "etag": {"supported": False},
            "authenticationSchemes": [
                {
                    "type": "oauthbearertoken",
                    "name": "Bearer token",
                    "description": "A SCIM token made by an admin of the organization.",
                    "primary": True,
                }
            ],
        }
    )


def _listed(rows: list[dict[str, Any]]) -> HttpResponse:
    return _answer(
        {
            "schemas": [services.LIST_SCHEMA],
            "totalResults": len(rows),
            "startIndex": 1,
            "itemsPerPage": len(rows),
            "Resources": rows,
        }
    )


def schemas_list(request, token, base, body):
    return _listed([discovery.schema_out(key, base) for key in discovery.SCHEMAS])


def schema_get(request, token, base, body, key):
    if key not in discovery.SCHEMAS:
        raise ScimError(404, f"No schema {key}.")
    return _answer(discovery.schema_out(key, base))


def resource_types_list(request, token, base, body):
    return _listed([discovery.resource_type_out(key, base) for key in ("User", "Group")])


def resource_type_get(request, token, base, body, key):
    if key not in ("User", "Group"):
        raise ScimError(404, f"No resource type {key}.")
    return _answer(discovery.resource_type_out(key, base))


def nowhere(request, token, base, body, rest):
    raise ScimError(404, f"No SCIM endpoint /{rest}.")


ANY = ("GET", "POST", "PUT", "PATCH", "DELETE")
root = scim_endpoint({"GET": service_provider_config})
root_dot_search = scim_endpoint({"POST": root_search})
schemas = scim_endpoint({"GET": schemas_list})
schema = scim_endpoint({"GET": schema_get})
resource_types = scim_endpoint({"GET": resource_types_list})
resource_type = scim_endpoint({"GET": resource_type_get})
unknown = scim_endpoint(dict.fromkeys(ANY, nowhere))
users = scim_endpoint({"GET": users_list, "POST": users_create})
users_dot_search = scim_endpoint({"POST": users_search})
user = scim_endpoint({"GET": user_get, "PUT": user_put, "PATCH": user_patch, "DELETE": user_delete})
groups = scim_endpoint({"GET": groups_list, "POST": groups_create})
groups_dot_search = scim_endpoint({"POST": groups_search})
group = scim_endpoint(
    {"GET": group_get, "PUT": group_put, "PATCH": group_patch, "DELETE": group_delete}
)
config = scim_endpoint({"GET": service_provider_config})


# the admins' page


@org_view("org.settings")
def tokens(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    new_token = ""
    if request.method == "POST":
        _, new_token = services.token_create(actor=member, name=request.POST.get("name", "")[:80])
    return render(
        request,
        "scim/tokens.html",
        {
            "tokens": ScimToken.objects.filter(org=member.org).select_related("created_by__user"),
            "new_token": new_token,
            "base": request.build_absolute_uri(reverse("scim:root", args=[member.org.slug])),
        },
    )


@require_POST
@org_view("org.settings")
def token_revoke(request: HttpRequest, token_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    token = ScimToken.objects.filter(org=member.org, uuid=token_uuid).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=member, token=token)
    messages.success(request, gettext("SCIM token “%(name)s” revoked.") % {"name": token.name})
    return redirect("scim:tokens", slug=member.org.slug)
