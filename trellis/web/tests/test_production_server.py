"""The real thing: `trellis serve` starts gunicorn, /healthz follows the worker, and the cache every
worker process shares refuses a TOTP code used once and the sixth failed login, whichever server answers.

Two servers (two gunicorn masters and their workers, on two loopback ports) over one SQLite file,
with the default database cache, stand in for the worker processes of one deployment.
"""

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.totp.internal import auth as totp

TRELLIS = str(Path(sys.executable).with_name("trellis"))
HOST = "coach.test"
PASSWORD = "a-long-pass-phrase-9"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SETUP = f"""
from allauth.mfa.totp.internal.auth import TOTP
from trellis.accounts import services
from trellis.accounts.models import Membership
org, alice = services.organization_create_with_admin(name="Acme", admin_email="alice@acme.test")
for email in ("alice@acme.test", "bob@acme.test", "dana@acme.test"):
    if email != "alice@acme.test":
        services.organization_create_with_admin(name=email, admin_email=email)
    user = Membership.objects.get(user__email=email, org__name__in=["Acme", email]).user
    user.set_password("{PASSWORD}")
    user.save()
TOTP.activate(alice, "{SECRET}")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str


class Visitor:
    """One browser's cookies against one server, reached under the one public host name as behind a
    proxy (allauth's per-account login limit includes the host name)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> Answer:
        body = None
        if data is not None:
            token = next(c.value for c in self.jar if c.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            request = urllib.request.Request(self.base + path, data=body, headers={"Host": HOST})
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, response.read().decode(), "")
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), error.headers.get("Location", ""))

    def sign_in(self, email: str, password: str) -> Answer:
        self.request("/accounts/login/")
        return self.request("/accounts/login/", {"login": email, "password": password})


def wait_for(url: str, status: int, seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                got, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            got, body = error.code, error.read().decode()
        except OSError:
            got, body = 0, ""
        if got == status:
            return body
        assert time.monotonic() < deadline, f"{url}: wanted {status}, still {got} {body}"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Iterator[tuple[dict[str, str], list[str]]]:
    root = tmp_path_factory.mktemp("deployment")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL", "DEBUG"}}
    env.update(
        SQLITE_PATH=str(root / "trellis.db"),
        STATIC_ROOT=str(root / "static"),
        SECRET_KEY="test-only-" + "k" * 50,
        ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        WORKER_HEARTBEAT_SECONDS="1",
        WORKER_STALE_AFTER_SECONDS="5",
    )
    subprocess.run([TRELLIS, "migrate", "-v0"], env=env, check=True)
    subprocess.run([TRELLIS, "shell", "-c", SETUP], env=env, check=True)
    servers, bases = [], []
    for workers in (2, 1):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [TRELLIS, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
        wait_for(bases[-1] + "/healthz", 503)  # up, and no worker yet
    yield env, bases
    for server in servers:
        server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
    for server in servers:
        server.wait(timeout=60)


def test_it_serves_the_login_page_and_follows_the_worker_in_healthz(deployment):
    env, (a, _) = deployment
    login = Visitor(a).request("/accounts/login/")
    assert login.status == 200 and "Sign In" in login.body
    missing = Visitor(a).request("/no-such-page/")
    assert missing.status == 404 and "URLconf" not in missing.body  # DEBUG is off: no debug page
    assert '"worker": "no `trellis worker`' in wait_for(a + "/healthz", 503)

    worker = subprocess.Popen([TRELLIS, "worker", "--no-startup-delay"], env=env)
    try:
        assert wait_for(a + "/healthz", 200) == (
            '{"status": "ok", "checks": {"database": "ok", "worker": "ok"}}'
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    wait_for(a + "/healthz", 503, seconds=30)  # a stopped worker takes its heartbeat with it


def step() -> int:
    return int(time.time()) // 30


def test_it_refuses_a_totp_code_used_once_when_another_server_is_asked(deployment):
    _, (a, b) = deployment
    for _attempt in range(3):
        if time.time() % 30 > 10:  # start early in a 30-second step so both tries share it
            time.sleep(30 - time.time() % 30 + 0.5)
        started = step()
        code = f"{totp.hotp_value(SECRET, started):06d}"
        first, second = Visitor(a), Visitor(b)
        assert first.sign_in("alice@acme.test", PASSWORD).location == "/accounts/2fa/authenticate/"
        assert second.sign_in("alice@acme.test", PASSWORD).location == "/accounts/2fa/authenticate/"
        accepted = first.request("/accounts/2fa/authenticate/", {"code": code})
        reused = second.request("/accounts/2fa/authenticate/", {"code": code})
        if step() == started:
            break
    else:
        pytest.fail("the machine is too slow to try a code twice within its 30 seconds")
    assert accepted.status == 302
    assert reused.status == 200 and "Incorrect code" in reused.body


def test_it_refuses_the_sixth_failed_login_whichever_server_answers(deployment):
    _, (a, b) = deployment
    for attempt in range(5):
        wrong = Visitor((a, b)[attempt % 2]).sign_in("bob@acme.test", "not-the-password")
        assert wrong.status == 200 and "Too many" not in wrong.body
    sixth = Visitor(b).sign_in("bob@acme.test", PASSWORD)
    assert sixth.status == 200 and "Too many failed login attempts" in sixth.body
    # Bob's failures lock out Bob, not Dana signing in from the same address.
    assert Visitor(a).sign_in("dana@acme.test", PASSWORD).status == 302


def test_it_refuses_the_development_key_under_gunicorn_started_by_hand(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env["SQLITE_PATH"] = str(tmp_path / "trellis.db")
    argv = [sys.executable, "-m", "gunicorn", "trellis.wsgi:application", "--no-control-socket"]
    done = subprocess.run(
        [*argv, "--bind", f"127.0.0.1:{free_port()}", "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert "SECRET_KEY is the public development key" in done.stderr


def test_a_gunicorn_worker_loads_every_view_and_keeps_start_up_objects_out_of_the_gc(tmp_path):
    """Each worker imports the URLconf (every view) when it loads the application, not on someone's
    first request, and freezes what start-up left, so that a full garbage collection does not walk
    it in the middle of a request (about 160 ms each time, the long tail of every page)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env |= {
        "SERVER_SOFTWARE": "gunicorn/23.0.0",  # what gunicorn's master sets for its workers
        "SECRET_KEY": "a-test-key-that-is-not-the-development-one-" + "x" * 20,
        "SQLITE_PATH": str(tmp_path / "trellis.db"),
    }
    probe = (
        "import gc, sys; import trellis.wsgi; "
        "print(gc.get_freeze_count(), 'trellis.engagements.views' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=300
    )
    frozen, views = done.stdout.split()
    assert int(frozen) > 10_000 and views == "True", done.stderr
