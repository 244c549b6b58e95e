"""Signed single-use links for people without an account (instrument respondents, stakeholders).

A link's token signs `<uuid hex>.<nonce>` with a timestamp under a salt of its own kind. The row
it names keeps the nonce and records when it was used; a used row refuses the link, and a new
nonce makes every earlier link of that row worthless.
"""

from datetime import timedelta
from uuid import UUID

from django.core import signing
from django.utils.translation import gettext_lazy as _


class LinkError(Exception):
    """A link that does not open: `gone` for a used link or a closed round (410), else 404."""

    def __init__(self, message: str, *, gone: bool) -> None:
        super().__init__(message)
        self.gone = gone


INVALID = _("This link is not valid.")


def link_token(*, salt: str, uuid: UUID, nonce: str) -> str:
    """The signed token of a single-use link."""
    return signing.TimestampSigner(salt=salt).sign(f"{uuid.hex}.{nonce}")


def link_read(token: str, *, salt: str, max_age: timedelta) -> tuple[str, str]:
    """The (uuid hex, nonce) a token signs; LinkError when tampered with, of another kind
    (another salt) or older than max_age."""
    try:
        value = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
        hex_uuid, nonce = value.split(".", 1)
    except (signing.BadSignature, ValueError):
        raise LinkError(str(INVALID), gone=False) from None
    return hex_uuid, nonce
