"""Choice labels keep following the reader's language once they are looked up, not rebuilt."""

from django.apps import apps
from django.utils import translation

from trellis.engagements.models import Engagement
from trellis.web import choices


def test_a_status_is_shown_in_each_readers_language_in_turn():
    engagement = Engagement(status=Engagement.Status.ACTIVE, kind=Engagement.Kind.TEAM)
    with translation.override("en"):
        assert engagement.get_status_display() == "Active"
    with translation.override("de"):
        assert engagement.get_status_display() == "Aktiv"
        assert engagement.get_kind_display() == "Team-Coaching"
    with translation.override("en"):  # the German label was kept for German readers only
        assert engagement.get_status_display() == "Active"
        assert engagement.get_kind_display() == "Team coaching"


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert Engagement(status="archived").get_status_display() == "archived"


def test_every_generated_label_getter_was_replaced_and_a_models_own_is_kept():
    assert choices.install() == 0  # the app's ready() replaced them all already
    own = [
        (model, name)
        for model in apps.get_models()
        for name, attribute in vars(model).items()
        if name.startswith("get_")
        and name.endswith("_display")
        and callable(attribute)
        and attribute.__module__ != choices.__name__
    ]
    for model, name in own:  # written by hand in the model: left alone
        assert vars(model)[name].__module__ == model.__module__
