"""What the server publishes about itself (RFC 7643 sections 6 and 7): the resource types and the
schemas of the attributes Trellis keeps. Identity providers and the scim2-tester compliance checker
read these before they create anything."""

from typing import Any

from trellis.scim.services import GROUP_SCHEMA, ROLES, USER_SCHEMA

SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"


def attribute(
    name: str,
    kind: str = "string",
    *,
    required: bool = False,
    multi: bool = False,
    unique: str = "none",
    case_exact: bool = False,
    mutability: str = "readWrite",
    sub: list[dict[str, Any]] | None = None,
    description: str = "",
    canonical: list[str] | None = None,
    references: list[str] | None = None,
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": name,
        "type": "complex" if sub else kind,
        "multiValued": multi,
        "description": description or name,
        "required": required,
        "caseExact": case_exact,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": unique,
    }
    if sub:
        found["subAttributes"] = sub
    if canonical:
        found["canonicalValues"] = canonical
    if references:
        found["referenceTypes"] = references
    return found


USER_ATTRIBUTES = [
    attribute(
        "userName",
        required=True,
        unique="server",
        description="The identity provider's name for the person; an email address unless emails gives one.",
    ),
    attribute(
        "name",
        sub=[attribute("formatted")],
        description="Trellis keeps one name; givenName and familyName make it when sent.",
    ),
    attribute(
        "externalId",
        case_exact=True,
        description="The identity provider's id for the person, unique in the organization.",
    ),
    attribute("displayName", description="The person's name as Trellis shows it."),
    attribute(
        "emails",
        multi=True,
        required=True,
        sub=[
            attribute("value", required=True),
            attribute("type", canonical=["work"]),
            attribute("primary", "boolean"),
        ],
        description=(
            "The first (or primary) is the address they sign in with; "
            "without one, userName must be an email address."
        ),
    ),
    attribute(
        "active", "boolean", description="Whether their membership of the organization is active."
    ),
    attribute(
        "roles",
        multi=True,
        sub=[
            attribute(
                "value",
                required=True,
                canonical=list(ROLES),
                description="coachee, coach, sponsor or admin",
            )
        ],
    ),
    attribute(
        "groups",
        multi=True,
        mutability="readOnly",
        sub=[
            attribute("value", mutability="readOnly", case_exact=True),
            attribute("display", mutability="readOnly"),
        ],
        description="Their team.",
    ),
]
GROUP_ATTRIBUTES = [
    attribute("displayName", required=True, unique="server", description="The team's name."),
    attribute(
        "externalId",
        case_exact=True,
        description="The identity provider's id for the team, unique in the organization.",
    ),
    attribute(
        "members",
        multi=True,
        sub=[
            attribute("value", case_exact=True, mutability="immutable"),
            attribute("$ref", "reference", mutability="immutable", references=["User"]),
            attribute("display", mutability="readOnly"),
            attribute("type", canonical=["User"]),
        ],
    ),
]

SCHEMAS = {
    USER_SCHEMA: ("User", "A member of the organization.", USER_ATTRIBUTES),
    GROUP_SCHEMA: ("Group", "A team of the organization.", GROUP_ATTRIBUTES),
}


def schema_out(key: str, base: str) -> dict[str, Any]:
    name, description, attributes = SCHEMAS[key]
    return {
        "schemas": [SCHEMA_SCHEMA],
        "id": key,
        "name": name,
        "description": description,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{key}"},
    }


def resource_type_out(key: str, base: str) -> dict[str, Any]:
    schema = {"User": USER_SCHEMA, "Group": GROUP_SCHEMA}[key]
    return {
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": key,
        "name": key,
        "description": SCHEMAS[schema][1],
        "endpoint": f"/{key}s",
        "schema": schema,
        "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{key}"},
    }
