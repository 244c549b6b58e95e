"""Page access rows for people's rights: everyone signed in reaches their own data; admins confirm
erasures and set retention in their organization; Carol learns nothing of Acme."""

from trellis.web.tests.access import LOGIN, NO_ARGS, SIGNED_IN, Row, row


def mine(route: str, method: str, signed_in: int) -> Row:
    return Row(route, {"anon": LOGIN, **dict.fromkeys(SIGNED_IN, signed_in)}, method, NO_ARGS)


def prepare(world):
    from trellis.privacy import services

    services.erasure_request(user=world.bob.user, confirm_email=world.bob.user.email)


def bobs_request(w):
    from trellis.privacy.models import ErasureRequest

    return [w.org.slug, ErasureRequest.objects.get(user=w.bob.user).uuid]


PAGES = [
    mine("privacy:my_data", "GET", 200),
    mine("privacy:my_data_export", "GET", 200),
    mine("privacy:my_data_cancel", "POST", 302),
    row("privacy:erasures", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "privacy:erasure_confirm",
        "POST",
        bobs_request,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("privacy:retention", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
]


def dana(w):
    return [w.org.slug, w.dana.uuid]


PAGES.append(
    row(
        "privacy:member_deactivate",
        args=dana,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    )
)
