"""The demo has a German-speaking and a Brazilian-Portuguese-speaking coachee: their homes, and the
pages they open from them, read in their language; their logins are printed with the others."""

from django.core.management import call_command

from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement, EngagementTransition
from trellis.web import demo


def _page(client, email: str, path: str = "/o/northwind/") -> str:
    member = Membership.objects.select_related("user").get(user__email=email)
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_people_who_read_german_and_portuguese_see_their_homes_in_it(db, client, capsys):
    call_command("demo_seed")
    printed = capsys.readouterr().out
    assert "klaus@northwind.example" in printed and "beatriz@northwind.example" in printed

    klaus = _page(client, "klaus@northwind.example")
    assert "Ihre nächste Sitzung" in klaus and "Fällige Aktionen" in klaus
    assert "Gesprächsleitfaden für das Erstgespräch entwerfen" in klaus  # his action due tomorrow
    assert "Keine Sitzung geplant." not in klaus  # his next session with Alice is booked
    assert "Your next session" not in klaus

    beatriz = _page(client, "beatriz@northwind.example")
    assert "Sua próxima sessão" in beatriz and "Ações com prazo" in beatriz
    assert "Mapear as etapas do processo com a equipe" in beatriz
    assert "Your next session" not in beatriz

    # a page of another app reads in German too
    confidence = _page(client, "klaus@northwind.example", "/o/northwind/confidence/")
    assert "Meine Zuversicht" in confidence and "Kleine Erfolge" in confidence

    # how their engagements began reads in their language too (the people's names as they are)
    klaus_coaching = Engagement.objects.get(coachee__user__email="klaus@northwind.example")
    page = _page(
        client, "klaus@northwind.example", f"/o/northwind/engagements/{klaus_coaching.uuid}/"
    )
    assert (
        "Vorgeschlagen (Leitender Coach: Alice" in page
        and "Platz angenommen (Sponsor: Dana" in page
    )
    assert "Vorgeschlagen → Aktiv" in page and "Proposed" not in page
    beatriz_coaching = Engagement.objects.get(coachee__user__email="beatriz@northwind.example")
    page = _page(
        client, "beatriz@northwind.example", f"/o/northwind/engagements/{beatriz_coaching.uuid}/"
    )
    assert (
        "Proposto (Coach principal: Marcus" in page and "Aceito (Coachee: Beatriz Santos)" in page
    )
    history = EngagementTransition.objects.count()

    demo.seed()  # seeding again keeps their language, and adds no history twice
    assert "Ihre nächste Sitzung" in _page(client, "klaus@northwind.example")
    assert EngagementTransition.objects.count() == history
