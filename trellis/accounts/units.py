"""One unit of work across services. Each service runs in its own durable transaction, so that
what it promises (a lock held, emails sent once it commits) holds. A change that spans several
services, such as deactivating a member (their engagements handed over or ended, their tokens
revoked) inside a people import, must still be all or nothing: inside `one_unit()` each service's
`step()` is a savepoint of the one transaction, and its emails go out once the whole unit commits.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_INSIDE = ContextVar("trellis_one_unit", default=False)


def step() -> transaction.Atomic:
    """A service's transaction: durable on its own, a savepoint inside `one_unit()`."""
    return transaction.atomic(durable=not _INSIDE.get())


@contextmanager
def one_unit() -> Iterator[None]:
    """Everything inside commits together or not at all (the services' `step()`s included)."""
    token = _INSIDE.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _INSIDE.reset(token)
