import json
from urllib.parse import urlencode

import pytest

from trellis.scim import services


@pytest.fixture
def scim_call(client, world):
    """Call the SCIM API of Acme as its identity provider: (status, parsed body)."""
    _, raw = services.token_create(actor=world.olga, name="Okta")

    def call(method, path, body=None, token=raw, slug="acme", **query):
        url = f"/scim/v2/{slug}/{path}" + (f"?{urlencode(query)}" if query else "")
        data = (
            body if isinstance(body, str | bytes) else json.dumps(body) if body is not None else ""
        )
        response = client.generic(
            method,
            url,
            data,
            content_type="application/scim+json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        return response.status_code, (json.loads(response.content) if response.content else None)

    call.token = raw  # type: ignore[attr-defined]
    return call
