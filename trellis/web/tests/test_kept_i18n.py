"""Pages still speak each reader's language when `{% load i18n %}` keeps fixed messages' text."""

from django.template import Context, Engine, Template
from django.utils import translation

OVERDUE = Template('{% load i18n %}{% translate "Overdue" %}')
LOW = Template('{% load i18n %}{% translate "low" context "commitment" %}')
SLIPPED = Template(
    "{% load i18n %}{% blocktranslate count counter=days %}Slipped {{ counter }} day"
    "{% plural %}Slipped {{ counter }} days{% endblocktranslate %}"
)


def _in(language: str, template: Template, **values: object) -> str:
    with translation.override(language):
        return template.render(Context(values))


def test_the_same_tag_answers_each_language_in_turn():
    assert _in("en-gb", OVERDUE) == "Overdue"
    assert _in("de", OVERDUE) == "Überfällig"
    assert _in("en-gb", OVERDUE) == "Overdue"
    assert _in("de", LOW) != _in("en-gb", LOW) == "low"


def test_a_counted_message_follows_its_count_and_language_every_time():
    assert _in("en-gb", SLIPPED, days=1) == "Slipped 1 day"
    assert _in("en-gb", SLIPPED, days=3) == "Slipped 3 days"
    assert _in("de", SLIPPED, days=3) == "Um 3 Tage verschoben"
    assert _in("de", SLIPPED, days=1) == "Um 1 Tag verschoben"
    assert _in("en-gb", SLIPPED, days=12) == "Slipped 12 days"


DJANGOS = Engine(libraries={"i18n": "django.templatetags.i18n"})
CASES = [
    '{% translate "Q&A <b>" %}|{% autoescape off %}{% translate "Q&A <b>" %}{% endautoescape %}',
    "{% translate word %}",
    '{% translate "Overdue" as label %}[{{ label }}]',
    '{% translate "Overdue" noop %}',
    "{% blocktranslate with who=name %}Hello {{ who }} & co{% endblocktranslate %}",
]


def test_every_form_renders_as_djangos_own_tags_do():
    for case in CASES:
        for word in ("<one>", "two"):
            context = {"word": word, "name": "<Bea>"}
            ours = Template("{% load i18n %}" + case).render(Context(context))
            theirs = DJANGOS.from_string("{% load i18n %}" + case).render(Context(context))
            assert ours == theirs, case


def test_a_variable_message_is_read_afresh():
    named = Template("{% load i18n %}{% translate word %}")
    assert named.render(Context({"word": "one"})) == "one"
    assert named.render(Context({"word": "two"})) == "two"


def test_no_other_template_library_name_is_used_twice():
    from django.template import engines

    warnings = engines["django"]._check_for_template_tags_with_the_same_name()  # type: ignore[attr-defined]
    assert [w.msg.split(" is used")[0] for w in warnings] == ["'i18n'"]
