"""The Leadership 360 reads in each respondent's language, though an organization stores its own
copy of the shipped file; the answers are keyed by the same items in every language."""

from django.urls import reverse

from trellis.core.instruments import overlay_check_file
from trellis.instruments import services as instruments
from trellis.stakeholders import services
from trellis.stakeholders.tests.helpers import plan_with_stakeholders
from trellis.stakeholders.tests.test_threesixty import ITEMS


def test_a_rater_answers_the_360_in_spanish_and_the_items_keep_their_keys(world, client):
    plan = plan_with_stakeholders(world)
    start = services.threesixty_start(actor=world.alice, plan=plan, phase="start")
    respondent = start.administration.respondents.filter(member=world.bob).get()
    url = reverse("instruments:answer", args=[instruments.answer_token(respondent)])
    spanish = {"Accept-Language": "es"}
    page = client.get(url, headers=spanish).content.decode()
    assert "Dice con claridad qué debe lograr el equipo y para cuándo." in page
    assert "Casi siempre" in page
    assert client.post(url, dict.fromkeys(ITEMS, 4), headers=spanish).status_code == 200
    respondent.refresh_from_db()
    assert sorted(respondent.answers) == sorted(ITEMS)
    english = client.get(url, headers={"Accept-Language": "en-gb"})  # used: a page saying so
    assert "Dice con claridad" not in english.content.decode()


def test_it_ships_a_complete_translation_of_the_360_in_each_language():
    for locale in ("de", "pt_BR", "es"):
        problems = overlay_check_file(services.INSTRUMENT_FILE, locale)
        assert [str(problem) for problem in problems] == []
