"""PostgreSQL connections read timestamps with psycopg's C parser.

Django registers its own timestamptz loader on every PostgreSQL connection: a subclass of psycopg's
pure-Python loader, so every timestamp read goes through a regular expression in Python (about a
fifth of the CPU time of reading a page of engagements, with their people, at 10,000 coachees).
psycopg's compiled loader cannot be subclassed, so this one holds it and hands its result to
Django in Django's time zone, as Django's own loader does. Django checks `timezone` on the
connection's loader before each cursor and keeps this one while they agree.
"""

from datetime import UTC, datetime, tzinfo
from typing import Any

from django.db.backends.signals import connection_created
from django.dispatch import receiver


def install() -> None:
    try:
        import psycopg
        from psycopg.adapt import Loader
        from psycopg_binary import _psycopg
    except ImportError:  # the pure-Python psycopg: nothing faster to hand over to
        return

    compiled = getattr(_psycopg, "TimestamptzLoader")  # noqa: B009  (not in its stubs)
    oid = psycopg.adapters.types["timestamptz"].oid

    class CompiledTzLoader(Loader):
        timezone: tzinfo | None = UTC

        def __init__(self, oid: int, context: Any = None):
            super().__init__(oid, context)
            self._parse = compiled(oid, context).load

        def load(self, data: Any) -> datetime:
            return self._parse(data).astimezone(self.timezone)

    @receiver(connection_created, weak=False, dispatch_uid="trellis-compiled-tz-loader")
    def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
        if connection.vendor != "postgresql" or connection.timezone is None:
            return
        if connection.timezone != UTC:
            return  # a DATABASES TIME_ZONE other than UTC: Django's own loader keeps it
        connection.connection.adapters.register_loader(oid, CompiledTzLoader)
