"""How the engagements' API operations name a person (api.py and sessions_api.py)."""

from uuid import UUID

from ninja import Schema

from trellis.accounts.models import Membership


class PersonRef(Schema):
    id: UUID
    name: str
    email: str


def _person(m: Membership | None) -> dict[str, object] | None:
    return None if m is None else {"id": m.uuid, "name": m.user.display_name, "email": m.user.email}
