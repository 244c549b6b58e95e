"""The `attributes` and `excludedAttributes` parameters (RFC 7644 section 3.9) over a resource that
is already a plain dict: which attributes come back. `id` and `schemas` always do."""

from __future__ import annotations

from typing import Any

from trellis.core.scim.filter import FilterError, Path, path_of

ALWAYS = ("schemas", "id")
MAX_NAMES = 50


def names_of(value: str | list[Any] | None, where: str) -> list[Path]:
    """`"userName,name.givenName"` (or a list, as in a SearchRequest) as Paths, else a FilterError."""
    if value is None:
        return []
    if isinstance(value, str):
        items: list[Any] = [item.strip() for item in value.split(",") if item.strip()]
    elif isinstance(value, list):
        items = value
    else:
        raise FilterError(f"{where}: expected attribute names separated by commas")
    if len(items) > MAX_NAMES:
        raise FilterError(f"{where}: expected at most {MAX_NAMES} names, found {len(items)}")
    paths = []
    for item in items:
        if not isinstance(item, str):
            raise FilterError(f"{where}: expected attribute names, found {item!r:.40}")
        paths.append(path_of(item.strip(), where))
    return paths


def _key(body: dict[str, Any], name: str) -> str | None:
    lowered = name.lower()
    return next((key for key in body if key.lower() == lowered), None)


def _wanted(path: Path, schema: str) -> bool:
    return not path.schema or path.schema == schema.lower()


def project(
    body: dict[str, Any], *, schema: str, attributes: list[Path], excluded: list[Path]
) -> dict[str, Any]:
    """The resource with only the asked-for attributes, less the excluded ones. Names of other
    schemas (the enterprise extension, say) and names Trellis does not keep match nothing."""
    if attributes:
        kept: dict[str, Any] = {key: body[key] for key in ALWAYS if key in body}
        for path in attributes:
            key = _key(body, path.attribute)
            if key is None or not _wanted(path, schema) or key in ALWAYS:
                continue
            if not path.sub:
                kept[key] = body[key]
            else:
                _keep_sub(kept, body, key, path.sub)
        body = kept
    else:
        body = dict(body)
    for path in excluded:
        key = _key(body, path.attribute)
        if key is None or not _wanted(path, schema) or key in ALWAYS:
            continue
        if not path.sub:
            del body[key]
        else:
            body[key] = _without_sub(body[key], path.sub)
    return body


def _keep_sub(kept: dict[str, Any], body: dict[str, Any], key: str, sub: str) -> None:
    value = body[key]
    if isinstance(value, dict):
        sub_key = _key(value, sub)
        if sub_key is not None:
            kept.setdefault(key, {})[sub_key] = value[sub_key]
    elif isinstance(value, list):
        items = kept.setdefault(key, [{} for _ in value])
        for item, source in zip(items, value, strict=False):
            if isinstance(source, dict) and (sub_key := _key(source, sub)) is not None:
                item[sub_key] = source[sub_key]


def _without_sub(value: Any, sub: str) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k.lower() != sub.lower()}
    if isinstance(value, list):
        return [_without_sub(item, sub) for item in value]
    return value
