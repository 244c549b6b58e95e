"""docs/deploy.md and its unit files stay true: the documented environment passes `check --deploy`,
and systemd accepts the units once their ExecStart points at this checkout's `trellis`."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
UNITS = sorted((ROOT / "docs" / "examples" / "systemd").glob("trellis-*"))
TRELLIS = Path(sys.executable).with_name("trellis")


def documented_environment() -> dict[str, str]:
    doc = (ROOT / "docs" / "deploy.md").read_text()
    block = doc.split("<!-- production-env", 1)[1].split("```ini\n", 1)[1].split("```", 1)[0]
    values = dict(
        line.split("=", 1) for line in block.splitlines() if line and not line.startswith("#")
    )
    assert values["SECRET_KEY"] == "CHANGE-ME"
    return {**values, "SECRET_KEY": secrets.token_urlsafe(50)}


def test_it_passes_the_deploy_check_with_the_documented_production_environment(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(documented_environment())
    done = subprocess.run(
        [TRELLIS, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_it_fails_the_deploy_check_on_the_development_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    done = subprocess.run([TRELLIS, "check", "--deploy"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "trellis.E001" in done.stderr and "public development key" in done.stderr


def test_it_starts_each_unit_with_a_trellis_command_that_exists():
    assert {u.name for u in UNITS} >= {"trellis-web.service", "trellis-worker.service"}
    for unit in UNITS:
        for command in re.findall(r"^ExecStart=\S*/trellis (\S+)", unit.read_text(), re.MULTILINE):
            assert command in get_commands(), f"{unit.name}: `trellis {command}` does not exist"


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_it_has_systemd_units_that_systemd_accepts(tmp_path):
    for unit in UNITS:
        text = unit.read_text().replace("/opt/trellis/.venv/bin/trellis", str(TRELLIS))
        text = re.sub(r"^(User|Group)=trellis$", r"\1=root", text, flags=re.MULTILINE)
        (tmp_path / unit.name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
