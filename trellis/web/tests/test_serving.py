"""The serving side in-process: /healthz, the security headers, the deploy check, backups, create-org."""

import re
import secrets
import socket
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from trellis.accounts.models import Membership
from trellis.web import services
from trellis.web.checks import DEV_KEY_ID, DEV_KEY_MESSAGE
from trellis.web.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[3]
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PASSWORD = "a-long-pass-phrase-9"


@time_machine.travel(NOON, tick=False)
def test_it_reports_healthy_when_the_database_answers_and_a_worker_beat_recently(db, client):
    services.worker_heartbeat_beat(worker_id="w1", started_at=NOON - timedelta(hours=1))
    with time_machine.travel(NOON + timedelta(seconds=100), tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "worker": "ok"}}
    assert response["Cache-Control"] == "no-store"


@time_machine.travel(NOON, tick=False)
def test_it_answers_503_naming_the_worker_when_its_heartbeat_is_stale(db, client):
    services.worker_heartbeat_beat(worker_id="w1", started_at=NOON)
    with time_machine.travel(NOON + timedelta(seconds=121), tick=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["database"] == "ok"
    assert "trellis worker" in body["checks"]["worker"]


def test_it_answers_503_when_no_worker_ever_ran(db, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert set(response.json()) == {"status", "checks"}  # nothing about anyone


def test_it_forgets_workers_stopped_long_ago(db):
    services.worker_heartbeat_beat(worker_id="old", started_at=NOON)
    WorkerHeartbeat.objects.filter(worker_id="old").update(seen_at=NOON)
    services.worker_heartbeat_beat(worker_id="new", started_at=NOON)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


def test_it_beats_while_the_worker_runs_and_clears_its_row_when_it_stops(transactional_db):
    from django.db import OperationalError

    from trellis.web.management.commands.worker import Heartbeat

    def beating() -> bool:
        try:
            return WorkerHeartbeat.objects.filter(worker_id="test-worker").exists()
        except OperationalError:  # SQLite's in-memory test database locks the table mid-write
            return False

    heartbeat = Heartbeat("test-worker", every=0.2)
    heartbeat.start()
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    while not beating():
        assert datetime.now(UTC) < deadline, "no heartbeat written"
        time.sleep(0.05)
    heartbeat.stop()
    assert not WorkerHeartbeat.objects.filter(worker_id="test-worker").exists()


def test_it_sends_a_content_security_policy_without_unsafe_sources(db, client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_forbids_caching_signed_in_pages_only(world, client, login):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    signed_in = login(world.bob).get("/o/acme/")
    assert signed_in.status_code == 200
    assert signed_in["Cache-Control"] == "no-store"


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*application/json)[^>]*>"),
        "inline <script>",
    ),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "inline event handler (onclick=...)"),
    (re.compile(r"hx-on"), "hx-on (needs eval)"),
    (re.compile(r"""hx-(vals|vars|headers)=['"]\s*js:"""), "hx-vals 'js:' (needs eval)"),
    (re.compile(r"\sstyle\s*=\s*['\"]"), "inline style attribute"),
    (re.compile(r"<style"), "inline <style>"),
]


def test_it_keeps_templates_free_of_what_the_policy_refuses():
    found = []
    for template in sorted(ROOT.glob("trellis/**/templates/**/*.html")):
        if "email" in template.parts:
            continue  # an email's HTML is read by mail clients, not served under our CSP
        text = template.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(ROOT)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_it_refuses_the_development_secret_key_in_the_deploy_check(settings):
    from trellis.web.checks import secret_key_is_not_the_development_key

    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    assert [e.id for e in secret_key_is_not_the_development_key()] == [DEV_KEY_ID]
    settings.SECRET_KEY = "a-long-random-production-key-0123456789-abcdefghijklmnop"
    assert secret_key_is_not_the_development_key() == []


def test_it_refuses_to_serve_on_the_development_secret_key(settings):
    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--bind", "127.0.0.1:1")
    assert str(refused.value) == DEV_KEY_MESSAGE


def test_it_backs_up_sqlite_to_a_file_that_opens(transactional_db, world, tmp_path, settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite backup")
    target = tmp_path / "copy.sqlite3"
    call_command("backup", str(target))
    with sqlite3.connect(target) as copy:
        assert copy.execute("select count(*) from accounts_organization").fetchone() == (2,)


def test_it_refuses_to_overwrite_a_backup(db, tmp_path):
    target = tmp_path / "copy.sqlite3"
    target.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(target))
    assert target.read_text() == "keep me"


def test_it_tells_what_to_run_when_pg_dump_is_missing(tmp_path, monkeypatch):
    from trellis.web.management.commands import backup

    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump on this PATH
    database = {"NAME": "trellis", "HOST": "db.internal", "PORT": "5432", "USER": "trellis"}
    with pytest.raises(CommandError) as refused:
        backup.Command().postgres_backup(database, tmp_path / "t.dump")
    assert "pg_dump --format=custom --no-owner" in str(refused.value)
    assert "--host=db.internal" in str(refused.value) and "trellis" in str(refused.value)


def test_it_creates_an_organization_and_its_admin_with_a_link_to_set_a_password(db, client, capsys):
    call_command("create-org".replace("-", "_"), name="Northwind", admin_email="ada@northwind.test")
    out = capsys.readouterr().out
    member = Membership.objects.get(org__slug="northwind", user__email="ada@northwind.test")
    assert member.is_admin and not member.user.has_usable_password()
    link = re.search(r"http://[^/]+(/accounts/password/reset/key/\S+)", out).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    signed_in = client.post(
        "/accounts/login/", {"login": "ada@northwind.test", "password": PASSWORD}
    )
    assert signed_in.status_code == 302


def test_it_names_the_option_when_create_org_is_given_bad_input(world):
    with pytest.raises(CommandError, match="--slug: "):
        call_command("create_org", name="Acme again", admin_email="x@acme.test", slug="acme")
    with pytest.raises(CommandError, match="--admin-email: "):
        call_command("create_org", name="Nowhere", admin_email="not-an-email")
    assert not Membership.objects.filter(user__email="x@acme.test").exists()


def test_it_backs_up_postgresql_with_pg_dump(db, tmp_path, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL backup")
    target = tmp_path / "trellis.dump"
    call_command("backup", str(target))
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_restore's custom format


def test_it_chooses_the_shared_cache_from_cache_url():
    from trellis.settings import cache_from_url

    assert str(cache_from_url("")["BACKEND"]).endswith("db.DatabaseCache")
    assert cache_from_url("redis://127.0.0.1:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    with pytest.raises(ValueError, match="CACHE_URL: expected redis://"):
        cache_from_url("memcached://127.0.0.1:11211")


def test_it_prepares_repeated_postgresql_queries_unless_told_off():
    from trellis.settings import database_from_url

    options = database_from_url("postgres://postgres@127.0.0.1:5432/x")["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    from trellis.settings import prepared_statements

    assert prepared_statements("off") == {}
    assert prepared_statements("2") == {"server_side_binding": True, "prepare_threshold": 2}
    for bad in ("often", "0"):
        with pytest.raises(ValueError, match="DB_PREPARE_THRESHOLD: expected"):
            prepared_statements(bad)


def test_it_reuses_a_prepared_plan_on_postgresql(db):
    """A query run past the threshold on one connection is prepared there (PostgreSQL lists it
    in pg_prepared_statements) and still answers the same rows."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    first = None
    for _ in range(7):
        rows = list(Membership.objects.filter(pk__gte=0).values_list("pk", flat=True))
        first = rows if first is None else first
        assert rows == first
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1


def test_it_reads_back_every_timestamp_as_stored_through_the_compiled_parser(db):
    """Times read on PostgreSQL (through psycopg's C parser) are the instants stored, in UTC, to
    the microsecond, from year 1 to year 9999."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the compiled parser is PostgreSQL's")
    connection.ensure_connection()
    assert connection.connection.adapters.get_loader(1184, 0).__name__ == "CompiledTzLoader"
    stored = [
        datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        datetime(2027, 3, 28, 1, 30, 15, 123456, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    with connection.cursor() as cursor:
        for when in stored:
            cursor.execute("SELECT %s::timestamptz", [when])
            read = cursor.fetchone()[0]
            assert read == when and read.utcoffset() == timedelta(0)
    from trellis.accounts.models import User

    joined = User.objects.create(email="t@example.com", date_joined=stored[1])
    assert User.objects.get(pk=joined.pk).date_joined == stored[1]


def test_it_marks_a_totp_code_used_once_in_redis(settings):
    import redis

    from trellis.settings import cache_from_url

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:6379/15")}
    from django.core.cache import cache

    key = f"allauth.mfa.totp.used?user=1&code=123456&test={secrets.token_hex(4)}"
    assert cache.add(key, "y", timeout=30) is True  # what allauth does with a code it accepts
    assert cache.add(key, "y", timeout=30) is False  # the same code again: refused
    cache.delete(key)


def test_it_prints_the_demo_logins_once_the_server_listens_and_a_worker_runs(db, capsys):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        services.worker_heartbeat_beat(worker_id="demo", started_at=datetime.now(UTC))
        call_command("demo_seed", logins_when_ready=f"127.0.0.1:{port}")
    out = capsys.readouterr().out
    assert out.startswith("Demo ready.")
    assert "olga@northwind.example" in out and "org admin" in out


def test_it_redirects_plain_http_to_https_except_the_health_check(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    plain = client.get("/accounts/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 503  # answered, not redirected
    behind_proxy = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert behind_proxy.status_code == 200
    assert behind_proxy["Strict-Transport-Security"] == "max-age=3600"
