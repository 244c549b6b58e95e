"""A Portuguese-speaking (Brazil) and a German-speaking member read group coaching in their language."""

from django.urls import reverse

from trellis.groups import services
from trellis.groups.tests.helpers import group_for


def _as(world, member, language):
    member.user.language = language
    member.user.save(update_fields=["language"])
    return member


def test_it_shows_the_group_page_in_the_members_language(world, login):
    engagement = group_for(world)
    services.item_add(actor=world.bob, engagement=engagement, kind="goal", text="Delegar mais")
    url = reverse("groups:detail", args=[world.org.slug, engagement.uuid])

    german = login(_as(world, world.bob, "de")).get(url).content.decode()
    assert "Etwas schreiben" in german
    assert "Mit dem Coach geteilt" in german  # the item's level, a model choice
    assert "Write something" not in german

    brazilian = login(_as(world, world.bob, "pt-br")).get(url).content.decode()
    assert "Escrever algo" in brazilian
    assert "O que você pode ler" in brazilian
