"""A Brazilian-Portuguese or German speaker reads their confidence pages in their language."""

from django.urls import reverse
from django.utils import translation

from trellis.efficacy.similarity import Likeness


def test_it_shows_my_confidence_page_in_the_persons_language(world, login):
    world.bob.user.language = "pt-br"
    world.bob.user.save(update_fields=["language"])

    page = login(world.bob).get(reverse("efficacy:mine", args=["acme"])).content.decode()

    assert "Minha confiança" in page and "Pequenas conquistas" in page
    assert "Ótimo" in page  # a mood one taps, a model choice
    assert "Small wins" not in page


def test_it_says_why_a_story_is_near_in_the_readers_language():
    near = Likeness(score=2.0, shared=("department", "languages"))
    with translation.override("de"):
        assert near.explanation == "Gemeinsam: Abteilung und Sprachen"
    with translation.override("en-gb"):
        assert near.explanation == "shares your department and languages"
