"""scim2-tester (the python-scim project's compliance checker) against Trellis's SCIM server on a
live test server: discovery, create, read, query with attributes, replace, patch and delete of
Users and Groups, each as the server describes itself."""

from typing import Any

import httpx
import pytest
from scim2_client import BaseSyncSCIMClient
from scim2_tester import Status, check_server

from trellis.scim import services

pytestmark = pytest.mark.django_db(transaction=True)


class HttpxClient(BaseSyncSCIMClient):
    """scim2-client's network engine over httpx (its own engine wants the httpx2 fork)."""

    def __init__(self, client: httpx.Client, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client = client

    def _stays_under_base_url(self, endpoint: str) -> bool:
        url = self.client.build_request("GET", endpoint).url
        base = self.client.base_url
        return url.host == base.host and url.raw_path.startswith(base.raw_path)

    def _parse_json(self, response: Any) -> Any:
        return response.json()

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self.client.request(method, url, **kwargs)


# What the checker reports that Trellis does on purpose (docs/scim.md, "Checked with a compliance
# tester"); anything else it reports fails this test.
DELIBERATE = [
    # a member always has a name, an active flag and at least one role
    ("User", "check_remove_attribute", "did not remove attribute 'name'"),
    ("User", "check_remove_attribute", "did not remove attribute 'displayName'"),
    ("User", "check_remove_attribute", "did not remove attribute 'active'"),
    ("User", "check_remove_attribute", "did not remove attribute 'roles'"),
    # a member's one address is their primary one, whatever `primary` the checker sends
    ("User", "check_add_attribute", "unexpected value for 'emails'"),
    ("User", "check_replace_attribute", "unexpected value for 'emails'"),
    # members[].display is readOnly: the server fills it with the person's name
    ("Group", "check_add_attribute", "unexpected value for 'members'"),
    ("Group", "check_replace_attribute", "unexpected value for 'members'"),
]


def _deliberate(resource: str, title: str, reason: str) -> bool:
    return any(
        resource == kind and title == name and part in reason for kind, name, part in DELIBERATE
    )


def test_scim2_tester_finds_no_failure(live_server, world):
    _, token = services.token_create(actor=world.olga, name="scim2-tester")
    with httpx.Client(
        base_url=f"{live_server.url}/scim/v2/acme/",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ) as http:
        results = check_server(HttpxClient(http))
    failed = [
        f"{r.resource_type or ''} {r.title}: {r.reason}"
        for r in results
        if r.status in (Status.ERROR, Status.CRITICAL)
        and not _deliberate(r.resource_type or "", r.title, r.reason or "")
    ]
    passed = [r for r in results if r.status == Status.SUCCESS]
    assert not failed, "\n".join(failed)
    assert len(passed) >= 40, [r.title for r in passed]
