"""Page access rows for programs: admins run them; a coach in the pool and an enrolled person see
the program; sponsors see nothing of it; Carol learns nothing of Acme."""

from trellis.web.tests.access import LOGIN, row

SLUG = "leaders-2027"


def prepare(world):
    from django.utils import timezone

    from trellis.programs import services

    program = services.program_create(
        actor=world.olga,
        template_key="new-manager",
        name="Leaders 2027",
        starts_on=timezone.localdate(),
        pool=[services.PoolPlace(world.alice, 3, "Coaches new managers.")],
    )
    services.program_enrol(actor=world.olga, program=program, members=[world.bob])


def program(w):
    return [w.org.slug, SLUG]


PAGES = [
    row("programs:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("programs:new", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("programs:templates", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "programs:detail",
        args=program,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "programs:enrol",
        args=program,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "programs:choose",
        method="POST",
        args=program,
        anon=LOGIN,
        alice=404,
        bob=302,
        dana=403,
        olga=404,
        carol=404,
    ),
    row(
        "programs:chemistry",
        args=lambda w: [w.org.slug, SLUG, w.alice.uuid],
        anon=LOGIN,
        alice=404,
        bob=200,
        dana=403,
        olga=404,
        carol=404,
    ),
    # nothing booked in the matrix world: Bob's cancel comes back as a message
    row(
        "programs:chemistry_cancel",
        method="POST",
        args=program,
        anon=LOGIN,
        alice=404,
        bob=302,
        dana=403,
        olga=404,
        carol=404,
    ),
    # new-manager offers no language insight: Bob, enrolled, is told so (a message, 302); only an
    # enrolled person reaches the door (Alice in the pool and Olga who runs it: 404)
    row(
        "programs:language_insight",
        method="POST",
        args=program,
        anon=LOGIN,
        alice=404,
        bob=302,
        dana=403,
        olga=404,
        carol=404,
    ),
]
