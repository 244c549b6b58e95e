"""Emails to stakeholders (most have no Trellis account) are written in the language of the
coachee who asked for the feedback; the answer page follows the reader's browser."""

from django.core import mail

from trellis.stakeholders.tests.helpers import LINK, plan_with_stakeholders, send_round


def test_a_german_speaking_coachees_stakeholders_are_asked_in_german(world, client):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    plan = plan_with_stakeholders(world)
    send_round(plan)
    email = next(m for m in mail.outbox if m.to == ["mia@outside.test"])
    name = world.bob.user.display_name
    assert email.subject == f"{name} bittet um Ihr Feed-forward"
    assert email.body.startswith("Hallo Mia Manager,")
    assert "Es dauert zwei Minuten und braucht kein Konto." in email.body
    token = LINK.search(email.body).group(1)
    page = client.get(f"/s/{token}/", headers={"Accept-Language": "de"}).content.decode()
    assert "Meine Antworten senden" in page


def test_an_english_speaking_coachees_stakeholders_are_asked_in_english(world):
    plan = plan_with_stakeholders(world)
    send_round(plan)
    assert all(m.subject.endswith("asks for your feed-forward") for m in mail.outbox)
