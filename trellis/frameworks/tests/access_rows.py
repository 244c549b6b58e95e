"""Page access rows for frameworks (collected by the page access matrix): every member reads
them; admins and coaches upload their organization's own; Carol learns nothing of Acme."""

from pathlib import Path

from trellis.web.tests.access import LOGIN, row

STAR = (
    Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks" / "star-check-in.toml"
)


def prepare(world):
    from trellis.frameworks import services

    services.framework_import(org=world.org, text=STAR.read_text())


PAGES = [
    row("frameworks:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("frameworks:upload", anon=LOGIN, alice=200, bob=403, dana=403, olga=200, carol=404),
    row(
        "frameworks:detail",
        args=lambda w: [w.org.slug, "grow"],
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    row(
        "frameworks:detail",
        args=lambda w: [w.org.slug, "star-check-in"],
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
]
