"""The lexicons read English only: which languages and texts they are for."""

from trellis.core.language.english import looks_english, reads_language


def test_it_reads_english_in_any_of_its_spellings():
    assert reads_language("en-gb")
    assert reads_language("en")
    assert reads_language("EN_us")
    assert not reads_language("de")
    assert not reads_language("pt-br")
    assert not reads_language("es")
    assert not reads_language("")


def test_it_tells_an_english_text_from_german_portuguese_and_spanish():
    assert looks_english("They never tell me anything, so I have to redo everything.")
    assert looks_english("I decided to ask my manager for the brief, and I'll send it on Monday.")
    assert not looks_english(
        "Ich habe keine Wahl, sie sagen mir nie etwas und ich muss alles neu machen."
    )
    assert not looks_english("Eu não tenho escolha, ninguém me diz nada e tenho que refazer tudo.")
    assert not looks_english("No tengo opción, nunca me dicen nada y tengo que rehacer todo.")


def test_it_leaves_a_text_with_no_sign_either_way_to_the_interface_language():
    assert looks_english("Blocked Friday mornings.")
    assert looks_english("")
    assert looks_english("Berlin 2027")
