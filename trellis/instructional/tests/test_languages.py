"""The built-in observation rubric reads in the reader's language; its keys and levels do not."""


def test_it_shows_a_portuguese_reader_the_portuguese_rubric(world, client, login):
    login(world.alice)
    url = "/o/acme/instructional/rubrics/"
    portuguese = client.get(url, headers={"Accept-Language": "pt-br"}).content.decode()
    assert "Rubrica de sala de aula do Trellis" in portuguese
    english = client.get(url, headers={"Accept-Language": "en-gb"}).content.decode()
    assert "Trellis classroom rubric" in english
