"""Reports: a program's PDF carries its charts and reads back with the same hidden numbers as the
page; the terminal writes it; a large program's report is made by the worker with its progress;
a coachee's own report is theirs alone."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from trellis.core.pdf_report import text_of
from trellis.outcomes.models import Report
from trellis.outcomes.tests.helpers import cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(world):
    from trellis.programs import services

    found = services.program_create(
        actor=world.olga,
        template_key="new-manager",
        name="Leaders 2027",
        starts_on=timezone.localdate(),
        pool=[services.PoolPlace(world.alice, 20, "")],
    )
    cohort(world, teams={"Platform": 7}, program=found)
    cohort(world, teams={"Sales": 6})  # outside the program: the org minus it is not small
    return found


def test_the_terminal_writes_a_program_pdf_with_its_charts(world, program, tmp_path):
    out = tmp_path / "leaders.pdf"
    call_command("report", "program", program.slug, "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = text_of(data)
    assert "Program report: Leaders 2027" in text
    assert "People counted: 7." in text
    assert "Attendance (sessions)" in text and "Held" in text
    assert "fewer than 5" in text  # the chart says it too, not only the table
    assert text.count("Engagement funnel") >= 1


def test_the_terminal_names_an_unknown_program(world, tmp_path):
    with pytest.raises(CommandError, match="No program with the slug nope"):
        call_command("report", "program", "nope", "--out", str(tmp_path / "x.pdf"))


def test_the_terminal_writes_a_csv_when_asked(world, program, tmp_path):
    out = tmp_path / "leaders.csv"
    call_command("report", "program", program.slug, "--out", str(out))
    assert "Attendance (sessions),Held,14," in out.read_text(encoding="utf-8-sig")


def test_a_large_program_is_made_by_the_worker_with_progress_shown(world, program, login, settings):
    settings.REPORT_BACKGROUND_ABOVE = 3  # seven people: large here
    client = login(world.olga)
    response = client.post(
        reverse("outcomes:program_report", args=[world.org.slug, program.slug]), {"format": "pdf"}
    )
    report = Report.objects.get()
    assert response["Location"].endswith(f"/reports/{report.uuid}/")
    assert report.status == Report.Status.DONE  # the immediate backend ran the task
    page = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Your report is ready" in page
    download = client.get(reverse("outcomes:report_download", args=[world.org.slug, report.uuid]))
    assert download["Content-Type"] == "application/pdf"
    assert "Leaders 2027" in text_of(download.content)


def test_a_queued_report_shows_how_far_it_got(world, program, login):
    report = Report.objects.create(
        org=world.org,
        kind=Report.Kind.PROGRAM,
        format=Report.Format.PDF,
        program=program,
        requested_by=world.olga,
        status=Report.Status.RUNNING,
        progress=40,
    )
    url = reverse("outcomes:report_status", args=[world.org.slug, report.uuid])
    page = login(world.olga).get(url, headers={"HX-Request": "true"}).content.decode()
    assert "40% done" in page and 'hx-trigger="every 2s"' in page


def test_a_coachee_downloads_their_own_progress(world, program, login):
    from trellis.engagements.models import Engagement

    coachee = Engagement.objects.filter(enrolment__program=program).first().coachee
    client = login(coachee)
    pdf = client.get(reverse("outcomes:my_report", args=[world.org.slug]) + "?format=pdf")
    text = text_of(pdf.content)
    assert "My progress" in text and "Sessions held: 2" in text
    assert "as expected" in text  # drawn by the GAS chart (its reference line's label)
    csv = client.get(reverse("outcomes:my_report", args=[world.org.slug]) + "?format=csv")
    assert "Alice Coach" in csv.content.decode("utf-8-sig")


def test_names_outside_latin_1_print_as_written(world, program, login):
    from trellis.engagements.models import Engagement

    coachee = Engagement.objects.filter(enrolment__program=program).first().coachee
    coachee.user.name = "Łucja Żółkiewska-Ωmega"
    coachee.user.save(update_fields=["name"])
    client = login(coachee)
    pdf = client.get(reverse("outcomes:my_report", args=[world.org.slug]) + "?format=pdf")
    assert "Łucja Żółkiewska-Ωmega" in text_of(pdf.content)
