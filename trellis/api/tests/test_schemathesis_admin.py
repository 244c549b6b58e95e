"""Schemathesis over every API operation as an admin of the seeded demo (trellis/api/tests/fuzz.py)."""

import pytest

from trellis.api.tests.fuzz import fuzz_every_operation, production_answers

pytestmark = pytest.mark.api_fuzz

__all__ = ["production_answers"]


@pytest.mark.django_db(transaction=True)
def test_it_answers_every_operation_without_a_server_error_or_a_schema_violation(
    production_answers,
):
    fuzz_every_operation("olga")
