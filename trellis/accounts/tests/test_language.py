"""Which language a person reads Trellis in: their own choice wins over the browser's; no choice follows the
browser; a visitor switches in the footer; dates typed in a form are read as the person's locale writes them;
an email is written in its recipient's language, not the sender's."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from trellis.accounts.language import in_language_of
from trellis.accounts.models import User
from trellis.accounts.services import invitation_create
from trellis.engagements.forms import EndForm


def _speaks(member, language: str) -> None:
    member.user.language = language
    member.user.save(update_fields=["language"])


def test_it_lets_a_person_s_own_choice_win_over_the_browser(world, login):
    _speaks(world.bob, "pt-br")
    page = login(world.bob).get("/o/acme/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'lang="pt-br"' in page and "Pular para o conteúdo" in page
    assert "Zum Inhalt springen" not in page


def test_it_follows_the_browser_when_the_person_chose_nothing(world, login):
    assert world.bob.user.language == ""
    page = login(world.bob).get("/o/acme/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'lang="de"' in page and "Zum Inhalt springen" in page


def test_it_switches_a_visitor_s_language_in_the_footer(client):
    landing = client.get("/").content.decode()
    assert 'action="/me/language/"' in landing and "Welcome" in landing
    response = client.post("/me/language/", {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get("/").content.decode()
    assert 'lang="es"' in page and "Bienvenido" in page


def test_it_keeps_a_signed_in_person_s_choice_on_their_account(world, login):
    client = login(world.bob)
    client.post("/me/language/", {"language": "de"})
    world.bob.user.refresh_from_db()
    assert world.bob.user.language == "de"
    assert "Ihr Coaching" in client.get("/o/acme/").content.decode()


def test_it_refuses_an_unknown_language_naming_the_field_and_keeps_the_page(world, login):
    client = login(world.bob)
    response = client.post("/me/language/", {"language": "klingon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="language"' in page and "klingon is not one of the available choices" in page
    world.bob.user.refresh_from_db()
    assert world.bob.user.language == ""


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en-gb", "03/04/2027"), ("de", "03.04.2027"), ("pt-br", "03/04/2027"), ("es", "03/04/2027")],
)
def test_it_reads_a_typed_date_as_the_locale_writes_it(language, typed):
    with translation.override(language):
        form = EndForm(data={"reason": "Goals reached", "ended_on": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["ended_on"] == date(2027, 4, 3)  # 3 April, never 4 March


def test_it_writes_an_email_in_the_recipient_s_language_not_the_sender_s(world):
    _speaks(world.bob, "de")
    with translation.override("es"):  # whoever sends it reads Spanish
        with in_language_of(world.bob.user):
            assert translation.get_language() == "de"
        assert translation.get_language() == "es"
    with in_language_of(world.alice.user):  # no choice: the site's language
        assert translation.get_language() == settings.LANGUAGE_CODE


def test_it_sends_an_invitation_to_someone_who_reads_german_in_german(
    world, django_capture_on_commit_callbacks
):
    User.objects.create_user(email="max@example.test", language="de")
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):
        invitation_create(actor=world.olga, email="max@example.test", roles=["coachee"])
    sent = mail.outbox[-1]
    assert sent.to == ["max@example.test"]
    assert "Sie sind zu Acme Learning auf Trellis eingeladen" in sent.subject
    assert "hat Sie eingeladen" in sent.body
