"""Operation ids read well in a generated client: openapi-python-client builds one without a warning."""

import json
import re
import subprocess
import sys
from pathlib import Path

from trellis.api.api import api

ID = re.compile(r"^[a-z][a-z_]{2,39}$")


def test_it_gives_every_operation_a_short_readable_unique_id():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID.match(i)] == []
    assert {"goal_list", "engagement_get", "accounts_audit"} <= set(ids)


def test_it_generates_a_python_client_named_by_operation_id(tmp_path: Path):
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    (tmp_path / "openapi.json").write_text(json.dumps(schema, default=str))
    (tmp_path / "config.json").write_text(json.dumps({"post_hooks": []}))
    generator = Path(sys.executable).parent / "openapi-python-client"
    result = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(tmp_path / "openapi.json"),
            "--output-path",
            str(tmp_path / "client"),
            "--meta",
            "none",
            "--config",
            str(tmp_path / "config.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    modules = {p.stem for p in (tmp_path / "client" / "api").rglob("*.py")} - {"__init__"}
    assert {"goal_list", "engagement_get", "scheduling_calendar"} <= modules


def test_it_names_every_schema_once_so_the_document_cannot_confuse_two():
    from ninja import Schema

    modules: dict[str, set[str]] = {}

    def walk(cls: type) -> None:
        subclasses: list[type] = cls.__subclasses__()
        for sub in subclasses:
            if sub.__module__.startswith("trellis."):
                modules.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert {name: m for name, m in modules.items() if len(m) > 1} == {}
