"""Writes for organizations, memberships, invitations, API tokens and the audit log.

Split by topic (common, organizations, invitations, tokens, import_people); this module re-exports
every public name, so `from trellis.accounts import services` and
`from trellis.accounts.services import ...` read as before."""

from trellis.accounts.services.common import (
    ROLES_REQUIRED,
    UNKNOWN_ROLE,
    audit_record,
    clean_roles,
    secret_digest,
)
from trellis.accounts.services.import_people import (
    UNKNOWN_MANAGER,
    ImportReport,
    PeopleImportError,
    people_import,
)
from trellis.accounts.services.invitations import (
    INVITATION_EXPIRED,
    INVITATION_NOT_FOUND,
    INVITATION_REVOKED,
    INVITATION_USED,
    INVITATION_WRONG_EMAIL,
    invitation_accept,
    invitation_build,
    invitation_check,
    invitation_create,
    invitation_revoke,
    invitation_url,
)
from trellis.accounts.services.organizations import (
    LAST_ADMIN,
    membership_set_roles,
    organization_create,
    organization_create_with_admin,
    organization_update_settings,
    personal_organization_create,
    unique_org_slug,
)
from trellis.accounts.services.tokens import (
    TOKEN_PREFIX,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
)

__all__ = [
    "INVITATION_EXPIRED",
    "INVITATION_NOT_FOUND",
    "INVITATION_REVOKED",
    "INVITATION_USED",
    "INVITATION_WRONG_EMAIL",
    "LAST_ADMIN",
    "ROLES_REQUIRED",
    "TOKEN_PREFIX",
    "UNKNOWN_MANAGER",
    "UNKNOWN_ROLE",
    "ImportReport",
    "PeopleImportError",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "audit_record",
    "clean_roles",
    "invitation_accept",
    "invitation_build",
    "invitation_check",
    "invitation_create",
    "invitation_revoke",
    "invitation_url",
    "membership_set_roles",
    "organization_create",
    "organization_create_with_admin",
    "organization_update_settings",
    "people_import",
    "personal_organization_create",
    "secret_digest",
    "unique_org_slug",
]
