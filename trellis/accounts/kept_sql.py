"""Queries compiled once: the SQL of a query set that a page builds the same way on every request,
kept for each database and run again with that request's values.

Django builds a query set (names resolved into joins, lookups into expressions) and compiles it to
SQL on every request: for the pages of a large organization that is most of their Python, more
than the rows they read (the week calendar at 10,000 coachees: half its time in four queries it
built and compiled exactly as the time before). SQLAlchemy keeps compiled SQL the same way, keyed
on the code that builds a statement, with the values it closes over as parameters (its lambda
statements).

    rows = kept_rows("calendar sessions", build, member_id=member.pk, start=start, end=end)

`build(**values)` returns the query set, and `kept_rows` its rows as a list (model instances with
their select_related and prefetch_related, or the tuples of values_list). The first time a key is
run on a database, the query set is built and compiled twice, with two sets of stand-in values,
which shows which SQL parameter each value is; after that each run skips building and compiling
and sends the kept SQL with its own values. Values are whole numbers, text, dates, aware datetimes,
UUIDs, or lists of these for `__in` (padded to a power of two with their last item: a few SQL
texts kept for lists of any length). A value must reach the SQL as it was given: anything derived
from it inside `build` (`today + SOON`, `"%" + text + "%"`) would be kept as it was the first time,
so `kept_rows` refuses it (KeptQueryError) rather than keep it; so too a value that changes the
query's shape (pass that in the key), one Django left out of the SQL, or one in a prefetch's query.
"""

import copy
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import count
from threading import Lock
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Prefetch, QuerySet
from django.db.models import Value as DjangoValue
from django.db.models.sql.compiler import SQLCompiler

Plain = int | str | date | datetime | UUID
Value = Plain | list[Any] | tuple[Any, ...]  # lists of Plain


class KeptQueryError(ValueError):
    """A query set that cannot be kept: a value derived in `build`, left out or shaping the SQL."""


@dataclass(frozen=True)
class _Kept:
    queryset: QuerySet[Any]  # as built the first time: its model, iterable and prefetches
    compiler: SQLCompiler  # its compiled state (columns, related models), read, never changed
    sql: str
    params: tuple[Any, ...]
    # (parameter, value, adapt): parameter `parameter` is adapt(values[value]); a value -1 - n
    # stands for the n-th list of whole numbers, sent whole (PostgreSQL's `= ANY(%s)`)
    slots: tuple[tuple[int, int, Callable[[Any, Any], Any]], ...]
    lists: tuple[tuple[int, int], ...] = ()  # each such list's [start, end) among the values


# the most recently run SQL texts, at most KEPT (a page of a list is a text: its offset is SQL)
KEPT = 512
_kept: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()
_lock = Lock()
_stand_ins = count()


def kept_rows(
    key: str, build: Callable[..., QuerySet[Any]], using: str = DEFAULT_DB_ALIAS, **values: Value
) -> list[Any]:
    """The rows of `build(**values)`, from SQL compiled once for `key` on the database `using`."""
    names = sorted(values)
    flat: list[Plain] = []
    shape: list[Any] = [key]
    for name in names:
        value = values[name]
        if isinstance(value, list | tuple):
            if not value:  # nothing IN an empty list: Django sends no query at all
                return list(build(**values))
            value = values[name] = _padded(value)
            flat.extend(value)
            shape.append((name, len(value)))
        else:
            flat.append(value)
            shape.append(name)
    alias = using
    connection = connections[alias]
    shape_key = (alias, connection.vendor, *shape)
    kept = _kept.get(shape_key)
    if kept is None:
        try:
            kept = _keep(build, names, values, alias)
        except EmptyResultSet:  # Django sends no query for it: nothing to keep
            return list(build(**values))
        with _lock:
            kept = _kept.setdefault(shape_key, kept)
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    elif len(_kept) > KEPT // 2:  # most runs skip this: a few dozen texts are kept at most
        with _lock:
            if shape_key in _kept:
                _kept.move_to_end(shape_key)
    params = list(kept.params)
    for position, index, adapt in kept.slots:
        if index < 0:
            start, end = kept.lists[-1 - index]
            params[position] = flat[start:end]
        else:
            params[position] = adapt(flat[index], connection)
    compiler = copy.copy(kept.compiler)
    compiler.connection = connection
    sql = kept.sql
    compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))  # type: ignore[method-assign]
    queryset = kept.queryset._chain()  # type: ignore[attr-defined]
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)  # a list: the query set with the kept compiler goes no further


def _padded(value: list[Plain] | tuple[Plain, ...]) -> list[Plain]:
    """A list made as long as the next power of two by repeating its last item (`IN (1, 2, 3, 3)`
    finds what `IN (1, 2, 3)` does): a few kept SQL texts for lists of any length, not one each."""
    size = 1 << (len(value) - 1).bit_length()
    return [*value, *[value[-1]] * (size - len(value))]


def _keep(
    build: Callable[..., QuerySet[Any]], names: list[str], values: dict[str, Value], alias: str
) -> _Kept:
    connection = connections[alias]
    compiled = []
    stand_ins = []
    for _variant in range(2):
        flat: list[Plain] = []
        given: dict[str, Value] = {}
        for name in names:
            value = values[name]
            if isinstance(value, list | tuple):
                given[name] = [_stand_in(v) for v in value]
                flat.extend(given[name])  # type: ignore[arg-type]
            else:
                given[name] = _stand_in(value)
                flat.append(given[name])  # type: ignore[arg-type]
        queryset = build(**given)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        compiled.append((queryset, compiler, sql, tuple(params)))
        stand_ins.append(flat)
    (queryset, compiler, sql, params), (other, _, other_sql, other_params) = compiled
    if sql != other_sql or len(params) != len(other_params):
        raise KeptQueryError(f"{names}: a value changes the query's SQL; put it in the key")
    if _prefetches(queryset, alias) != _prefetches(other, alias):
        raise KeptQueryError(f"{names}: a value reaches a prefetch's query, which is not kept")
    slots = []
    for position, (first, second) in enumerate(zip(params, other_params, strict=True)):
        if first == second:
            continue  # a constant of the query (a status, a level)
        index = next(
            (
                i
                for i, (a, b) in enumerate(zip(*stand_ins, strict=True))
                if _sent(a, connection) == first and _sent(b, connection) == second
            ),
            None,
        )
        if index is None:
            raise KeptQueryError(
                f"{names}: parameter {position} is derived from a value inside the query's build;"
                " pass it in already derived"
            )
        slots.append((position, index, _adapter(stand_ins[0][index], first)))
    used = {index for _, index, _ in slots}
    missing = [i for i in range(len(stand_ins[0])) if i not in used]
    if missing:
        raise KeptQueryError(f"{names}: value {missing[0]} does not reach the SQL as given")
    kept = _Kept(queryset, compiler, sql, params, tuple(slots))
    if connection.vendor == "postgresql":
        kept = _as_arrays(kept, _list_ranges(names, values))
    return kept


def _list_ranges(names: list[str], values: dict[str, Value]) -> list[tuple[int, int]]:
    """Where each list of whole numbers lies among the values, flattened in `names` order."""
    ranges, at = [], 0
    for name in names:
        value = values[name]
        if isinstance(value, list | tuple):
            if all(type(v) is int for v in value):
                ranges.append((at, at + len(value)))
            at += len(value)
        else:
            at += 1
    return ranges


PLACEHOLDER = re.compile(r"%s|%%")


def _as_arrays(kept: _Kept, ranges: list[tuple[int, int]]) -> _Kept:
    """On PostgreSQL, each `IN (%s, %s, ...)` that a list of whole numbers fills becomes
    `= ANY(%s)` with the list as one array parameter: a coach's fifty engagements are one
    parameter to send rather than sixty-four, and the query, at one parameter, is one psycopg
    converts once and keeps (it converts a query of more than 50 parameters on every run)."""
    texts = PLACEHOLDER.split(kept.sql)
    marks = PLACEHOLDER.findall(kept.sql)
    # the text before each parameter placeholder, and the text after the last
    chunks: list[str] = []
    pending = texts[0]
    for mark, text in zip(marks, texts[1:], strict=True):
        if mark == "%%":
            pending += "%%" + text
            continue
        chunks.append(pending)
        pending = text
    tail = pending
    index_at = {position: index for position, index, _ in kept.slots}
    runs: dict[int, int] = {}  # the first parameter of a run -> which list fills it
    for n, (start, end) in enumerate(ranges):
        for first in (p for p, i in index_at.items() if i == start):
            run = range(first, first + end - start)
            inside = all(index_at.get(p) == start + k for k, p in enumerate(run))
            if (
                inside
                and chunks[first].endswith(" IN (")
                and all(chunks[p] == ", " for p in run[1:])
                and (chunks[run[-1] + 1] if run[-1] + 1 < len(chunks) else tail).startswith(")")
            ):
                runs[first] = n
    if not runs:
        return kept
    sql: list[str] = []
    params: list[Any] = []
    slots: list[tuple[int, int, Callable[[Any, Any], Any]]] = []
    adapters = {position: (index, adapt) for position, index, adapt in kept.slots}
    position = 0
    while position < len(chunks):
        if position in runs:
            n = runs[position]
            start, end = ranges[n]
            sql.append(chunks[position][: -len(" IN (")] + " = ANY(%s")
            slots.append((len(params), -1 - n, _as_given))
            params.append([])
            position += end - start
            continue
        sql.append(chunks[position] + "%s")
        if position in adapters:
            index, adapt = adapters[position]
            slots.append((len(params), index, adapt))
        params.append(kept.params[position])
        position += 1
    sql.append(tail)
    return _Kept(
        kept.queryset, kept.compiler, "".join(sql), tuple(params), tuple(slots), tuple(ranges)
    )


def _prefetches(queryset: QuerySet[Any], alias: str) -> list[Any]:
    """The SQL and parameters of the query sets the query set's prefetches start from."""
    found = []
    for lookup in queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
        if isinstance(lookup, Prefetch) and lookup.queryset is not None:
            found.append(lookup.queryset.query.get_compiler(using=alias).as_sql())
        else:
            found.append(lookup)
    return found


def _stand_in(value: Plain) -> Plain:
    """A value of the same kind, unlike any other a query holds (each one once)."""
    n = next(_stand_ins)
    if isinstance(value, bool):
        raise KeptQueryError("a true/false value shapes the query: put it in the key")
    if isinstance(value, int):
        return 20_000 + n % 10_000  # in range of the smallest integer columns
    if isinstance(value, str):
        return f"\u2042kept-{n}\u2042"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise KeptQueryError("a naive datetime: kept queries take aware ones")
        return datetime(1000 + n % 8000, 1, 1, 0, 0, 0, n % 1_000_000, tzinfo=value.tzinfo)
    if isinstance(value, date):
        return date(1000 + n % 8000, 1 + n % 12, 1)
    if isinstance(value, UUID):
        return UUID(int=n + 1)
    raise KeptQueryError(f"a kept query takes whole numbers, text, dates and UUIDs, not {value!r}")


def _sent(value: Plain, connection: Any) -> Any:
    """How a value goes into the SQL parameters on this database (as Django's fields send it)."""
    ops = connection.ops
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, UUID) and not connection.features.has_native_uuid_field:
        return value.hex
    return value


def _adapter(stand_in: Plain, sent: Any) -> Callable[[Any, Any], Any]:
    if isinstance(stand_in, date | UUID) and sent is not stand_in:
        return _sent
    return _as_given


def _as_given(value: Any, connection: Any) -> Any:
    del connection
    return value


def kept_children(
    parents: list[Any],
    key: str,
    build: Callable[[list[int]], QuerySet[Any]],
    *,
    fk: str,
    to_attr: str,
) -> None:
    """Each parent's children, the rows of `build(ids)` whose foreign key `fk` names it, into a
    list at `parent.<to_attr>` (each child's `fk` set to its parent), from kept SQL: what
    `Prefetch(..., to_attr=...)` does, whose query Django builds and compiles on every request."""
    ids = [parent.pk for parent in parents]
    children = kept_rows(key, build, ids=ids) if ids else []
    by_parent: dict[int, list[Any]] = {pk: [] for pk in ids}
    for child in children:
        by_parent[getattr(child, f"{fk}_id")].append(child)
    for parent in parents:
        rows = by_parent[parent.pk]
        for child in rows:
            setattr(child, fk, parent)
        setattr(parent, to_attr, rows)


def kept_aggregate(
    key: str, build: Callable[..., QuerySet[Any]], aggregates: dict[str, Any], **values: Any
) -> dict[str, Any]:
    """`build(**values).aggregate(**aggregates)` from kept SQL: the aggregates as the one row of
    a query grouped by a constant, which Django leaves out of GROUP BY (so an empty set still
    answers one row: counts of 0). `aggregates` is read the first time a key is run only."""
    names = list(aggregates)

    def one_row(**given: Any) -> QuerySet[Any]:
        rows = build(**given).order_by().annotate(_all=DjangoValue(1)).values("_all")
        return rows.annotate(**aggregates).values_list(*names)

    found = kept_rows(key, one_row, **values)
    return dict(zip(names, found[0], strict=True)) if found else dict.fromkeys(names)
