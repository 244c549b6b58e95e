"""Issue 16: 'a link to a video with time-stamped comments'. The teacher records an observation of
a lesson's video with its link; the coach comments at a time in the video (not the clock's), the
visit page links the video and lists each comment at its time; a link that is not one is refused
naming the field and keeps what was typed."""

from uuid import uuid4

from django.urls import reverse

from trellis.instructional.models import Visit
from trellis.instructional.tests.helpers import cycle_for

VIDEO = "https://video.example.org/lessons/fluency-week-2"


def test_an_observation_of_a_video_takes_comments_at_times_in_the_video(world, login):
    cycle = cycle_for(world)
    teacher = login(world.bob)
    made = teacher.post(
        reverse("instructional:visit_add", args=["acme", cycle.uuid]),
        {"kind": "observation", "on": "2026-09-21", "minutes": "30", "video_url": VIDEO},
    )
    assert made.status_code == 302
    visit = Visit.objects.get(cycle=cycle, kind="observation")
    assert visit.video_url == VIDEO
    coach = login(world.alice)
    url = reverse("instructional:note_save", args=["acme", visit.uuid])
    for seconds, text in (("725", "Pairs swap roles too early"), ("65", "The model read")):
        saved = coach.post(url, {"client_id": str(uuid4()), "at_seconds": seconds, "text": text})
        assert saved.status_code == 200
    page = coach.get(reverse("instructional:visit", args=["acme", visit.uuid])).content.decode()
    assert f'href="{VIDEO}"' in page and "note the time in the video" in page
    assert "<time>01:05</time> The model read" in page
    assert "<time>12:05</time> Pairs swap roles too early" in page
    assert page.index("01:05") < page.index("12:05")  # in the video's order


def test_a_video_link_that_is_not_one_is_refused_naming_the_field(world, login):
    cycle = cycle_for(world)
    client = login(world.bob)
    refused = client.post(
        reverse("instructional:visit_add", args=["acme", cycle.uuid]),
        {"kind": "observation", "on": "2026-09-21", "minutes": "30", "video_url": "not a link"},
    )
    body = refused.content.decode()
    assert refused.status_code == 400 and 'id="id_video_url_error"' in body
    assert 'value="not a link"' in body
    assert not Visit.objects.filter(cycle=cycle).exists()
