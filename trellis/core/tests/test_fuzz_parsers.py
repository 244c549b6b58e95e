"""Generated bad files for every data file parser: each is refused with our error, naming the
file, the place and what was expected, or read as valid; never another exception."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .bad_files import outcome, parsers

PARSERS = parsers()


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_it_refuses_spoiled_files_cleanly(name):
    parse, files, source = PARSERS[name]

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(files)
    def check(data: bytes) -> None:
        outcome(parse, data, source)

    check()


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_it_refuses_random_bytes_cleanly(name, data):
    parse, _, source = PARSERS[name]
    assert outcome(parse, data, source) == "refused"
