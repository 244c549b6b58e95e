from typing import Any

import pytest


@pytest.fixture
def call(client: Any, api_token: Any) -> Any:
    """call(member)(method, path, body=None): /api/v1 as that member, with their token."""

    def make(member: Any) -> Any:
        headers = {"Authorization": f"Bearer {api_token(member)}"}

        def request(method: str, path: str, body: Any = None) -> Any:
            kwargs: dict[str, object] = {"headers": headers}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

        return request

    return make
