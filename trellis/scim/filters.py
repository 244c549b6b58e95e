"""SCIM filters and sorting in the database: a parsed filter (trellis.core.scim.filter) becomes a Q
over memberships (Users) or teams (Groups), with case-insensitive comparisons for the attributes
whose schema says caseExact false. Anything Trellis cannot answer is a 400 invalidFilter naming
the attribute and what was expected."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import CharField, F, Q, QuerySet, Value, lookups
from django.db.models.functions import Cast, Coalesce, Left, Lower, NullIf, Right, StrIndex

from trellis.accounts.models import ROLE_KEYS, Membership
from trellis.core.scim import filter as grammar
from trellis.scim.services import GROUP_SCHEMA, USER_SCHEMA, ScimError

NOTHING = Q(pk__in=[])
LOOKUPS = {"eq": "exact", "gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}


def invalid_filter(detail: str) -> ScimError:
    return ScimError(400, f"filter: {detail}.", "invalidFilter")


@dataclass(frozen=True)
class Attribute:
    """How one SCIM attribute reads in the database: an expression over the listed row, or
    `values` (roles) when the attribute is a fixed set of names held as flags."""

    kind: str  # string, boolean, dateTime, uuid (an id: compared whole)
    expression: Callable[[], Any] | None = None
    case_exact: bool = False
    values: Callable[[str], Q] | None = None
    related: str = ""  # multi-valued through a relation: compared in a subquery over it


def _role(name: str) -> Q:
    return Q(**{f"is_{name}": True})


USER_ATTRIBUTES = {
    "id": Attribute("uuid", lambda: F("uuid"), case_exact=True),
    "username": Attribute(
        "string",
        lambda: Coalesce(
            NullIf(F("scim__user_name"), Value("")), F("user__email"), output_field=CharField()
        ),
    ),
    "externalid": Attribute(
        "string", lambda: NullIf(F("scim__external_id"), Value("")), case_exact=True
    ),
    "displayname": Attribute("string", lambda: NullIf(F("user__name"), Value(""))),
    "name.formatted": Attribute("string", lambda: NullIf(F("user__name"), Value(""))),
    "emails": Attribute("string", lambda: F("user__email")),
    "emails.value": Attribute("string", lambda: F("user__email")),
    "emails.type": Attribute("string", lambda: Value("work")),
    "emails.primary": Attribute("boolean", lambda: Value(True)),
    "active": Attribute("boolean", lambda: F("is_active")),
    "roles": Attribute("string", values=_role),
    "roles.value": Attribute("string", values=_role),
    "groups": Attribute("string", lambda: Cast("team_id", CharField()), case_exact=True),
    "groups.value": Attribute("string", lambda: Cast("team_id", CharField()), case_exact=True),
    "groups.display": Attribute("string", lambda: F("team__name")),
    "meta.created": Attribute("dateTime", lambda: F("created_at")),
    "meta.resourcetype": Attribute("string", lambda: Value("User"), case_exact=True),
}
GROUP_ATTRIBUTES = {
    "id": Attribute("string", lambda: Cast("pk", CharField()), case_exact=True),
    "externalid": Attribute(
        "string", lambda: NullIf(F("scim__external_id"), Value("")), case_exact=True
    ),
    "displayname": Attribute("string", lambda: F("name")),
    "members": Attribute("uuid", lambda: F("uuid"), True, related="team_id"),
    "members.value": Attribute("uuid", lambda: F("uuid"), True, related="team_id"),
    "members.display": Attribute("string", lambda: F("user__name"), related="team_id"),
    "members.type": Attribute("string", lambda: Value("User"), True, related="team_id"),
    "meta.resourcetype": Attribute("string", lambda: Value("Group"), case_exact=True),
}
RESOURCES = {"User": (USER_SCHEMA, USER_ATTRIBUTES), "Group": (GROUP_SCHEMA, GROUP_ATTRIBUTES)}


SHOWN = {
    "User": "id, userName, externalId, displayName, name.formatted, emails (value, type, primary), "
    "active, roles.value, groups (value, display), meta.created",
    "Group": "id, externalId, displayName, members (value, display, type)",
}


def _known(resource: str) -> str:
    return SHOWN[resource]


def _attribute(resource: str, path: grammar.Path, parent: str = "") -> Attribute:
    schema, attributes = RESOURCES[resource]
    if path.schema and path.schema != schema.lower():
        raise invalid_filter(
            f"{path.schema}:{path.dotted} is in a schema Trellis does not keep; "
            f"expected an attribute of {schema}"
        )
    dotted = f"{parent}.{path.dotted}" if parent else path.dotted
    found = attributes.get(dotted.lower())
    if found is None:
        raise invalid_filter(
            f"{dotted} is not an attribute Trellis keeps for a {resource}; "
            f"expected one of {_known(resource)}"
        )
    return found


def filter_q(text: str, resource: str) -> Q:
    """The Q of a SCIM filter over the rows of `resource` ("User" or "Group")."""
    try:
        tree = grammar.parse(text)
    except grammar.FilterError as error:
        raise invalid_filter(str(error)) from None
    return _q(tree, resource, "")


def _q(node: grammar.Node, resource: str, parent: str) -> Q:
    if isinstance(node, grammar.And):
        return _q(node.left, resource, parent) & _q(node.right, resource, parent)
    if isinstance(node, grammar.Or):
        return _q(node.left, resource, parent) | _q(node.right, resource, parent)
    if isinstance(node, grammar.Not):
        return ~_q(node.inner, resource, parent)
    if isinstance(node, grammar.ValuePath):
        return _value_path(node, resource)
    attribute = _attribute(resource, node.path, parent)
    if attribute.related:
        # each expression on a multi-valued relation is its own "any member matches"
        inner = _compare(node, attribute)
        return Q(pk__in=_related_rows(inner))
    return _compare(node, attribute)


def _value_path(node: grammar.ValuePath, resource: str) -> Q:
    """`members[value eq "…" and display co "…"]`: one member must match the whole inner filter."""
    parent = node.path.attribute
    if node.path.schema:
        _attribute(resource, grammar.Path(node.path.schema, parent), "")
    probes = [key for key in RESOURCES[resource][1] if key.startswith(parent.lower() + ".")]
    if not probes:
        raise invalid_filter(
            f"{parent}[...] expected a multi-valued attribute of a {resource}"
            f" ({'emails, roles, groups' if resource == 'User' else 'members'})"
        )
    if RESOURCES[resource][1][probes[0]].related:
        return Q(pk__in=_related_rows(_inner(node.inner, resource, parent)))
    if parent.lower() == "roles":
        return _roles_matching(node.inner)
    return _q(node.inner, resource, parent)


def _inner(node: grammar.Node, resource: str, parent: str) -> Q:
    if isinstance(node, grammar.And):
        return _inner(node.left, resource, parent) & _inner(node.right, resource, parent)
    if isinstance(node, grammar.Or):
        return _inner(node.left, resource, parent) | _inner(node.right, resource, parent)
    if isinstance(node, grammar.Not):
        return ~_inner(node.inner, resource, parent)
    assert not isinstance(node, grammar.ValuePath)  # the parser refuses [ ] inside [ ]
    return _compare(node, _attribute(resource, node.path, parent))


def _related_rows(inner: Q) -> QuerySet[Membership, Any]:
    members = Membership.objects.filter(inner, team__isnull=False)
    return members.exclude(scim__deleted_at__isnull=False).values("team_id")


def _roles_matching(node: grammar.Node) -> Q:
    """Roles are four flags: which of the names the inner filter keeps, as one OR."""
    found = NOTHING
    for role in ROLE_KEYS:
        if _role_passes(node, role):
            found |= _role(role)
    return found


def _role_passes(node: grammar.Node, role: str) -> bool:
    if isinstance(node, grammar.And):
        return _role_passes(node.left, role) and _role_passes(node.right, role)
    if isinstance(node, grammar.Or):
        return _role_passes(node.left, role) or _role_passes(node.right, role)
    if isinstance(node, grammar.Not):
        return not _role_passes(node.inner, role)
    assert not isinstance(node, grammar.ValuePath)
    if node.path.dotted.lower() != "value":
        raise invalid_filter(f"roles.{node.path.dotted}: expected roles.value")
    if isinstance(node, grammar.Present):
        return True
    _check_value(node, Attribute("string"))
    return grammar.matches(role, node.op, node.value, case_exact=False)


def _check_value(node: grammar.Compare, attribute: Attribute) -> None:
    name = node.path.dotted
    if node.value is None and node.op not in ("eq", "ne"):
        raise invalid_filter(f"{name} {node.op} null: expected eq or ne with null")
    if node.value is None:
        return
    if attribute.kind == "boolean":
        if node.op not in ("eq", "ne"):
            raise invalid_filter(f"{name} is true or false: expected eq or ne, found {node.op}")
        if not isinstance(node.value, bool):
            raise invalid_filter(f"{name}: expected true or false, found {node.value!r:.40}")
    elif not isinstance(node.value, str):
        raise invalid_filter(f'{name}: expected a quoted "text", found {node.value!r:.40}')
    elif attribute.kind == "uuid" and node.op not in ("eq", "ne"):
        raise invalid_filter(f"{name} is an id: expected eq, ne or pr, found {node.op}")
    elif attribute.kind == "dateTime" and node.op in ("co", "sw", "ew"):
        raise invalid_filter(f"{name} is a date and time: expected eq, ne, gt, ge, lt or le")


def _moment(node: grammar.Compare) -> datetime:
    try:
        moment = datetime.fromisoformat(str(node.value))
    except ValueError:
        raise invalid_filter(
            f'{node.path.dotted}: expected a date and time such as "2011-05-13T04:42:34Z", '
            f"found {node.value!r:.40}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _compare(node: grammar.Compare | grammar.Present, attribute: Attribute) -> Q:
    if attribute.values is not None:
        return _roles_matching(
            grammar.Present(grammar.Path("", "value"))
            if isinstance(node, grammar.Present)
            else grammar.Compare(grammar.Path("", "value"), node.op, node.value)
        )
    assert attribute.expression is not None
    expression = attribute.expression()
    if isinstance(node, grammar.Present):
        return _on(expression, "isnull", False)
    _check_value(node, attribute)
    if node.value is None:  # eq null: not there; ne null: there
        return _on(expression, "isnull", node.op == "eq")
    value: Any = node.value
    if attribute.kind == "uuid":
        try:
            value = uuid.UUID(str(value))
        except ValueError:  # not an id: equal to none
            return NOTHING if node.op == "eq" else _on(expression, "isnull", False)
    elif attribute.kind == "dateTime":
        value = _moment(node)
    elif attribute.kind == "string" and not attribute.case_exact:
        expression, value = Lower(expression), str(value).lower()
    if node.op == "ne":
        return ~_on(expression, "exact", value) & _on(expression, "isnull", False)
    if node.op in LOOKUPS:
        return _on(expression, LOOKUPS[node.op], value)
    # co, sw, ew compared exactly on both engines (SQLite's LIKE would ignore case)
    if node.op == "co":
        return _on(StrIndex(expression, Value(value)), "gt", 0)
    cut = Left if node.op == "sw" else Right
    return _on(cut(expression, len(value)), "exact", value)


LOOKUP_CLASSES = {
    "exact": lookups.Exact,
    "gt": lookups.GreaterThan,
    "gte": lookups.GreaterThanOrEqual,
    "lt": lookups.LessThan,
    "lte": lookups.LessThanOrEqual,
    "isnull": lookups.IsNull,
}


def _on(expression: Any, lookup: str, value: Any) -> Q:
    """A Q over an expression (Django 5 takes lookup objects as filter arguments)."""
    return Q(LOOKUP_CLASSES[lookup](expression, value))


def sort_rows(rows: QuerySet[Any], resource: str, by: str, order: str) -> QuerySet[Any]:
    """Rows ordered by `sortBy` (a single-valued attribute), ascending unless `sortOrder` says
    descending; ties keep the server's order."""
    try:
        path = grammar.path_of(by, "sortBy")
    except grammar.FilterError as error:
        raise ScimError(400, str(error) + ".", "invalidValue") from None
    if order.lower() not in ("", "ascending", "descending"):
        raise ScimError(
            400,
            f"sortOrder: expected ascending or descending, found {order[:40]!r}.",
            "invalidValue",
        )
    try:
        attribute = _attribute(resource, path)
    except ScimError:
        raise ScimError(
            400,
            f"sortBy: expected an attribute of a {resource} ({_known(resource)}), found {by[:60]!r}.",
            "invalidValue",
        ) from None
    if attribute.expression is None or attribute.related:
        raise ScimError(
            400, f"sortBy: {by} has several values: expected one that has one.", "invalidValue"
        )
    expression = attribute.expression()
    if attribute.kind == "string" and not attribute.case_exact:
        expression = Lower(expression)
    key = (
        expression.desc(nulls_last=True)
        if order.lower() == "descending"
        else expression.asc(nulls_last=True)
    )
    return rows.order_by(key, *rows.query.order_by)
