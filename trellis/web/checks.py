"""`trellis check --deploy` (and `trellis serve`, which runs it) refuses the public development key."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

DEV_KEY_ID = "trellis.E001"
DEV_KEY_MESSAGE = (
    "SECRET_KEY is the public development key, so anyone could forge sessions and password-reset "
    "links. Set SECRET_KEY to a long random value (docs/deploy.md shows how) before serving."
)


@register(Tags.security, deploy=True)
def secret_key_is_not_the_development_key(**kwargs: Any) -> list[Error]:
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [Error(DEV_KEY_MESSAGE, id=DEV_KEY_ID)]
    return []
