"""An instrument's invitation, its reminder and its pages reach each respondent in their language."""

from django.urls import reverse

from trellis.instruments import services
from trellis.scheduling.models import Reminder


def test_it_invites_and_reminds_a_german_speaking_coachee_in_german(world, login):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])

    administration = services.administration_create(
        actor=world.alice, key="coaching-alliance", target="engagement", engagement=world.engagement
    )

    to_bob = {
        r.occurrence: r for r in Reminder.objects.filter(kind="instrument", recipient=world.bob)
    }
    to_alice = Reminder.objects.get(
        kind="instrument", recipient=world.alice, occurrence="invitation"
    )
    assert to_bob["invitation"].subject == f"Bitte beantworten Sie {administration.title}"
    assert "Der Link funktioniert einmal." in to_bob["invitation"].body
    assert to_bob["auto-reminder"].subject.startswith("Erinnerung: Bitte beantworten Sie")
    assert to_alice.subject == f"Please answer {administration.title}"

    url = reverse("instruments:administration", args=[world.org.slug, administration.uuid])
    page = login(world.bob).get(url).content.decode()
    assert "Jetzt antworten" in page
    assert "Zurück zu den Instrumenten" in page
