"""Any input to the self-efficacy forms (a story, an encouragement note, a small win, a mood, a
story's review) is refused naming the field, kept as typed, or accepted: never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.efficacy import services
from trellis.efficacy.models import Encouragement, Story
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program

pytestmark = pytest.mark.django_db

TEXT = st.text(max_size=2500).map(lambda s: s.replace("\x00", ""))
SLOW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def program(world):
    return peer_program(world)


def _login(client, member):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")


@SLOW
@given(title=TEXT, text=TEXT, anonymous=st.sampled_from(["", "on", "x"]))
def test_any_story_is_kept_as_typed_and_named_or_sent_for_review(
    world, program, client, title, text, anonymous
):
    _login(client, world.bob)
    before = Story.objects.count()
    url = reverse("efficacy:story_add", args=["acme", SLUG])
    response = client.post(url, {"title": title, "text": text, "anonymous": anonymous})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Story.objects.count() == before
        form = response.context["story_form"]
        assert form.errors
        assert form.data["title"] == title and form.data["text"] == text  # kept as typed
    else:
        assert Story.objects.count() == before + 1


@SLOW
@given(recipient=st.one_of(TEXT, st.just("ERIN")), text=TEXT)
def test_any_note_is_refused_naming_the_field_or_sent(world, program, client, recipient, text):
    erin = _erin(world) or participant(world, program, "Erin Peer")
    _login(client, world.bob)
    before = Encouragement.objects.count()
    url = reverse("efficacy:note_send", args=["acme", SLUG])
    who = str(erin.uuid) if recipient == "ERIN" else recipient
    response = client.post(url, {"recipient": who, "text": text})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Encouragement.objects.count() == before
        assert response.context["note_form"].errors
    else:
        assert Encouragement.objects.filter(recipient=erin).count() == before + 1


def _erin(world):
    from trellis.accounts.models import Membership

    return Membership.objects.filter(org=world.org, user__email="erin@acme.test").first()


@SLOW
@given(
    text=TEXT,
    action=st.one_of(TEXT, st.uuids().map(str)),
    level=st.one_of(TEXT, st.integers(-(10**9), 10**9).map(str)),
    check_in=st.one_of(TEXT, st.uuids().map(str)),
    next_=st.sampled_from(["", "https://evil.test/", "/o/acme/", "//evil.test"]),
)
def test_any_win_or_mood_is_answered_without_a_crash_or_an_open_redirect(
    world, client, text, action, level, check_in, next_
):
    _login(client, world.bob)
    for name, data in (
        ("efficacy:win_add", {"text": text, "action": action, "next": next_}),
        ("efficacy:mood_add", {"level": level, "check_in": check_in, "next": next_}),
    ):
        response = client.post(reverse(name, args=["acme"]), data)
        if response.status_code == 400:  # refused on one's own page, naming the field
            page = response.content.decode()
            named = ("level:", "check_in:") if name == "efficacy:mood_add" else ("errorlist",)
            assert any(n in page for n in named)
            continue
        assert response.status_code == 302
        assert not response["Location"].startswith(("http", "//"))


@SLOW
@given(decision=TEXT, note=TEXT)
def test_any_review_is_refused_or_applied_without_a_crash(world, program, client, decision, note):
    erin = _erin(world) or participant(world, program, "Erin Peer")
    story = services.story_submit(actor=erin, program=program, title="Won", text="I led a demo.")
    _login(client, world.alice)
    url = reverse("efficacy:story_review", args=["acme", story.uuid])
    response = client.post(url, {"decision": decision, "note": note})
    assert response.status_code == 302
    story.refresh_from_db()
    if decision not in ("publish", "return"):
        assert story.status == Story.Status.SUBMITTED
