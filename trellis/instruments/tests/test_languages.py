"""A built-in instrument reads in the respondent's language; the answers it records are keyed by
the same item ids and score the same in every language."""

from django.urls import reverse

from trellis.core.instruments import load_builtin
from trellis.instruments import services


def test_it_records_the_same_item_ids_when_answered_in_portuguese(world, client):
    administration = services.administration_create(
        actor=world.olga, key="career-confidence", target="person", subject=world.bob
    )
    respondent = administration.respondents.get(member=world.bob)
    url = reverse("instruments:answer", args=[services.answer_token(respondent)])
    portuguese = {"Accept-Language": "pt-br"}
    shown = client.get(url, headers=portuguese).content.decode()
    assert "Descrever, com exemplos, as três coisas que faço melhor no trabalho." in shown
    assert "Nenhuma confiança" in shown
    assert "Describe, with examples" not in shown
    english = load_builtin("career-confidence")
    answers = {item.key: 4 for item in english.spec.items}
    done = client.post(url, answers, headers=portuguese)
    assert "Confiança" in done.content.decode()
    respondent.refresh_from_db()
    assert sorted(respondent.answers) == sorted(item.key for item in english.spec.items)
    assert set(respondent.answers.values()) == {4}
    assert administration.instrument.text == english.text  # the stored version is the English file
