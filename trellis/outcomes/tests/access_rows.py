"""Page access rows for outcomes: admins, coaches and sponsors see a dashboard (each of what they
may count); only admins make program reports, and only the one who asked reads a report; a
coachee's progress report is their own; Carol learns nothing of Acme."""

from trellis.web.tests.access import LOGIN, row

SLUG = "outcomes-2027"


def prepare(world):
    from django.utils import timezone

    from trellis.outcomes import services as outcome_services
    from trellis.programs import services

    program = services.program_create(
        actor=world.olga,
        template_key="new-manager",
        name="Outcomes 2027",
        starts_on=timezone.localdate(),
        pool=[services.PoolPlace(world.alice, 3, "")],
    )
    world.outcomes_report = outcome_services.report_request(
        actor=world.olga, program=program, format="csv"
    )


def program(w):
    return [w.org.slug, SLUG]


def report(w):
    return [w.org.slug, w.outcomes_report.uuid]


PAGES = [
    row("outcomes:dashboard", anon=LOGIN, alice=200, bob=403, dana=200, olga=200, carol=404),
    row("outcomes:dashboard_csv", anon=LOGIN, alice=200, bob=403, dana=200, olga=200, carol=404),
    row(
        "outcomes:program_report",
        args=program,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "outcomes:program_report",
        method="POST",
        args=program,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row(
        "outcomes:report_status",
        args=report,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "outcomes:report_download",
        args=report,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row("outcomes:my_report", anon=LOGIN, alice=403, bob=200, dana=403, olga=403, carol=404),
]
