"""Every model that holds something about a person is declared in the privacy registry, with keys
that exist: a new app cannot add personal data that the export forgets or erasure leaves behind."""

from django.apps import apps

from trellis.accounts.models import Membership, User
from trellis.privacy.registry import BY_MODEL, DELETE, DETACH, HELD, KEEP


def person_keys(model):
    return {
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model in (Membership, User)
    }


def test_every_model_with_a_person_is_declared():
    missing = [
        m._meta.label for m in apps.get_models() if person_keys(m) and m._meta.label not in BY_MODEL
    ]
    assert missing == [], f"declare these in trellis/privacy/registry.py: {missing}"


def test_declared_keys_are_person_keys_and_erasure_is_known():
    for held in HELD:
        model = apps.get_model(held.model)
        keys = person_keys(model)
        assert set(held.mine) <= keys, (held.model, set(held.mine) - keys)
        assert set(held.erase_keys) <= keys, (held.model, set(held.erase_keys) - keys)
        assert held.erase in (DELETE, DETACH, KEEP), held.model
        field_names = {f.name for f in model._meta.concrete_fields}
        assert set(held.clear) | set(held.hide) <= field_names, held.model
        if held.erase == DETACH:
            assert all(model._meta.get_field(k).null for k in held.erase_keys), held.model


def test_the_privacy_doc_shows_the_registry_as_it_is():
    from pathlib import Path

    from trellis.privacy.registry import markdown_table

    doc = (Path(__file__).resolve().parents[3] / "docs" / "privacy.md").read_text()
    assert markdown_table() in doc, "regenerate the table in docs/privacy.md from markdown_table()"


def test_paths_through_other_records_end_at_a_person():
    from trellis.privacy.services import _target

    for held in HELD:
        model = apps.get_model(held.model)
        for path in held.through:
            assert _target(model, path) in (Membership, User), (held.model, path)
