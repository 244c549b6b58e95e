"""Program pages as an admin, a pool coach and an enrolled person use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from trellis.programs import services
from trellis.programs.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentoring(world):
    program = services.program_create(
        actor=world.olga,
        template_key="mentoring",
        name="Mentors 2027",
        starts_on=timezone.localdate(),
        pool=[services.PoolPlace(world.alice, 2, "Twenty years in product.")],
    )
    services.program_enrol(actor=world.olga, program=program, members=[world.bob])
    return program


def url(world, name, program):
    return reverse(f"programs:{name}", args=[world.org.slug, program.slug])


def test_it_shows_the_admin_the_funnel_and_no_content(world, login, mentoring):
    page = login(world.olga).get(url(world, "detail", mentoring)).content.decode()
    assert "Invited" in page and "Bob Coachee" in page
    assert "Enrol people" in page
    assert "Twenty years in product" not in page or "Coach pool" in page


def test_it_lets_bob_choose_his_coach_from_the_pool(world, login, mentoring):
    client = login(world.bob)
    page = client.get(url(world, "detail", mentoring)).content.decode()
    assert "Choose your coach" in page and "Twenty years in product." in page
    answer = client.post(url(world, "choose", mentoring), {"coach": str(world.alice.uuid)})
    assert answer.status_code == 302
    enrolment = Enrolment.objects.get(member=world.bob)
    assert enrolment.engagement.coach == world.alice
    assert enrolment.engagement.status == "active"
    page = client.get(url(world, "detail", mentoring)).content.decode()
    assert "Your coach is Alice Coach" in page


def test_it_enrols_nobody_when_one_line_of_the_file_is_wrong(world, login, mentoring):
    upload = SimpleUploadedFile("cohort.csv", b"email\nnobody@acme.test\n", "text/csv")
    answer = login(world.olga).post(url(world, "enrol", mentoring), {"file": upload})
    assert answer.status_code == 400
    assert "cohort.csv: line 2, email: expected the email of a coachee" in answer.content.decode()
    assert Enrolment.objects.count() == 1


def test_it_refuses_a_broken_template_upload_with_each_field(world, login):
    upload = SimpleUploadedFile("broken.toml", b'key = "Broken"\n', "text/plain")
    answer = login(world.olga).post(
        reverse("programs:templates", args=[world.org.slug]), {"file": upload}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "broken.toml: key: expected a key of lowercase letters" in page
    assert "broken.toml: sessions: expected" in page


def test_it_starts_a_program_from_a_template(world, login):
    answer = login(world.olga).post(
        reverse("programs:new", args=[world.org.slug]),
        {
            "template": "team-coaching",
            "name": "Platform team",
            "starts_on": "2027-02-01",
            "coaches": [world.alice.pk],
            "capacity": 3,
        },
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith("/programs/platform-team/enrol/")
