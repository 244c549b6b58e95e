"""The language insight and the inclusive hints read English only: they say so, and stay off (no
reading shown, no count kept) for someone who uses Trellis in another language or writes in one."""

from trellis.insights import services
from trellis.insights.models import Reflection, WritingSample
from trellis.insights.tests.test_language_api import api
from trellis.insights.tests.test_language_insight import STANCE, VICTIM, opt_in

GERMAN = "Sie sagen mir nie etwas, und ich muss alles noch einmal machen. Ich habe keine Wahl."
INCLUSIVE = "/o/acme/insight/inclusive/"


def speaks(member, language):
    member.user.language = language
    member.user.save(update_fields=["language"])


def test_it_keeps_no_reading_of_a_german_speaking_coachees_german_reflection(world, login):
    opt_in(world.bob)
    speaks(world.bob, "de")
    client = login(world.bob)
    assert client.post("/o/acme/reflect/", {"text": GERMAN}).status_code == 302
    assert Reflection.objects.get(member=world.bob).text == GERMAN
    assert not WritingSample.objects.exists()
    page = client.get("/o/acme/reflect/").content.decode()
    assert "Die Sprachanalyse liest nur Englisch" in page
    assert STANCE not in page  # no live panel where they write
    assert "<mark" not in client.post(STANCE, {"text": GERMAN}).content.decode()
    assert "liest nur Englisch" in client.get("/o/acme/insight/").content.decode()


def test_it_still_reads_an_english_speaking_coachees_english_reflection(world, login):
    opt_in(world.bob)
    speaks(world.bob, "en-gb")
    client = login(world.bob)
    client.post("/o/acme/reflect/", {"text": VICTIM})
    assert WritingSample.objects.get(member=world.bob).victim_sentences == 1
    assert STANCE in client.get("/o/acme/reflect/").content.decode()
    assert '<mark class="noticed"' in client.post(STANCE, {"text": VICTIM}).content.decode()
    assert "reads English only" in client.get("/o/acme/insight/").content.decode()


def test_it_reads_no_text_that_is_not_english_even_in_an_english_interface(world, login):
    opt_in(world.bob)
    services.reflection_create(actor=world.bob, text=GERMAN)
    assert not WritingSample.objects.exists()
    page = login(world.bob).post(STANCE, {"text": GERMAN}).content.decode()
    assert "<mark" not in page
    assert "reads English only" in page


def test_it_gives_no_inclusive_hint_to_a_coach_who_uses_trellis_in_spanish(world, login):
    speaks(world.alice, "es")
    page = login(world.alice).post(INCLUSIVE, {"text": "Hi guys, the chairman wants it."})
    assert "<mark" not in page.content.decode()
    assert "solo lee inglés" in page.content.decode()


def test_its_api_refuses_to_read_german_and_names_the_field(world, client, api_token):
    opt_in(world.bob)
    bob = api(client, api_token(world.bob))
    response = bob("post", "/api/v1/insights/language/analyze", {"text": GERMAN})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"
    assert not WritingSample.objects.exists()
