"""Real identity providers for the SSO tests, started as subprocesses on free ports: panva's
oidc-provider (node, tests/idp/oidc) and pysaml2's IdP (tests/idp/saml). A machine without node,
the npm package or xmlsec1 skips these tests with the reason (CI installs them: .ci/run)."""

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

IDP = Path(__file__).parent / "idp"
OIDC_DIR = IDP / "oidc"
CLIENT_ID = "trellis-acme"
CLIENT_SECRET = "a-client-secret-only-the-tests-know-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)  # CI installs the identity providers: a missing one is a failure
    pytest.skip(reason)


def wait_for(url: str, process: subprocess.Popen[str]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(
                f"the identity provider stopped: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the identity provider never answered at {url}")


@dataclass
class Idp:
    issuer: str
    process: subprocess.Popen[str]


def launch(
    command: list[str],
    env: dict[str, str],
    started: list[subprocess.Popen[str]],
    probe: str,
    cwd: Path | None = None,
) -> Idp:
    """Start an identity provider on env["PORT"] and wait until `probe` answers."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    started.append(process)
    issuer = f"http://127.0.0.1:{env['PORT']}"
    wait_for(f"{issuer}{probe}", process)
    return Idp(issuer, process)


@pytest.fixture
def oidc_idp() -> Iterator[Callable[..., Idp]]:
    """Start oidc-provider for a redirect URI and the people it knows (email -> claims)."""
    if shutil.which("node") is None:
        missing("node is not installed (the OpenID provider of the SSO tests runs on it)")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        missing(f"oidc-provider is not installed: run `npm ci` in {OIDC_DIR}")
    started: list[subprocess.Popen[str]] = []

    def start(redirect_uris: list[str], people: dict[str, dict[str, Any]] | None = None) -> Idp:
        port = free_port()
        env = {
            **os.environ,
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URIS": ",".join(redirect_uris),
            "PEOPLE": json.dumps(people or {}),
        }
        return launch(
            ["node", "server.js"], env, started, "/.well-known/openid-configuration", OIDC_DIR
        )

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def saml_idp() -> Iterator[Callable[..., Idp]]:
    """Start pysaml2's IdP trusting one organization's SAML service provider on `base`."""
    if shutil.which("xmlsec1") is None:
        missing("xmlsec1 is not installed (apt-get install xmlsec1): pysaml2's IdP signs with it")
    try:
        import saml2  # noqa: F401
    except ImportError:
        missing("pysaml2 is not installed (a dev dependency: uv sync)")
    started: list[subprocess.Popen[str]] = []

    def start(
        base: str, slug: str = "acme", people: dict[str, dict[str, Any]] | None = None
    ) -> Idp:
        port = free_port()
        env = {
            **os.environ,
            "PORT": str(port),
            "SP_ENTITY_ID": f"{base}/accounts/saml/{slug}/metadata/",
            "SP_ACS": f"{base}/accounts/saml/{slug}/acs/",
            "PEOPLE": json.dumps(people or {}),
        }
        return launch([sys.executable, str(IDP / "saml" / "idp.py")], env, started, "/metadata")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def saml_sign_in_at_idp(redirect_url: str, login: str) -> tuple[str, dict[str, str]]:
    """Sign in on the SAML IdP's page; return where its form posts (the ACS) and the fields."""
    session = requests.Session()
    page = session.get(redirect_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    key = re.search(r'name="key" value="([^"]+)"', page.text)
    assert key, page.text[:500]
    posted = session.post(
        urljoin(redirect_url, "/login"),
        data={"key": key[1], "username": login, "password": "anything"},
        timeout=10,
    )
    action = re.search(r'<form[^>]*action="([^"]+)"', posted.text)
    assert action, posted.text[:500]
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', posted.text))
    return html.unescape(action[1]), {k: html.unescape(v) for k, v in fields.items()}


def oidc_sign_in_at_idp(authorize_url: str, login: str, stop_at: str) -> str:
    """Sign in on the OpenID provider's own page (as a person would, with requests) and return the
    redirect back to Trellis (a URL starting with stop_at)."""
    session = requests.Session()
    url = authorize_url
    for _ in range(10):
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if url.startswith(stop_at):
                return url
            continue
        form = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert form, response.text[:500]
        posted = session.post(
            urljoin(url, form[1]),
            data={"prompt": "login", "login": login, "password": "anything"},
            allow_redirects=False,
            timeout=10,
        )
        url = urljoin(url, posted.headers["Location"])
        if url.startswith(stop_at):
            return url
    raise AssertionError(f"never sent back to {stop_at}")
