"""A person who reads Trellis in German gets the home page, the error pages and the home digest
in German; the English-speaking colleague next to them does not."""

from datetime import time
from typing import Any

import pytest
import time_machine
from django.core import mail

from trellis.scheduling.models import HomeDigest, ReminderSettings
from trellis.web.services.digest import digest_pass
from trellis.web.tests.test_homes import NOW, OVERDUE_ACTION, build_day

MORNING = NOW.replace(hour=8, minute=5)


@pytest.fixture
def day(world: Any) -> Any:
    return build_day(world)


def _speaks_german(member: Any) -> None:
    member.user.language = "de"
    member.user.save(update_fields=["language"])


def test_it_shows_bob_his_home_in_german(day, login):
    _speaks_german(day.bob)
    with time_machine.travel(MORNING, tick=False):
        page = login(day.bob).get("/o/acme/").content.decode()
    assert "Ihr Coaching" in page and "Ihre nächste Sitzung" in page
    assert "Zum Inhalt springen" in page  # base.html too
    assert "Your next session" not in page


def test_it_answers_a_missing_page_in_german(day, login):
    _speaks_german(day.bob)
    page = login(day.bob).get("/o/acme/no-such-page/").content.decode()
    assert "Nicht gefunden" in page


def test_it_sends_bob_his_digest_in_german_and_alice_hers_in_english(day):
    _speaks_german(day.bob)
    for member in (day.bob, day.alice):
        ReminderSettings.objects.update_or_create(
            member=member, defaults={"home_digest": HomeDigest.DAILY, "digest_time": time(8, 0)}
        )
    with time_machine.travel(MORNING, tick=False):
        digest_pass(now=MORNING)
    to_bob = next(m for m in mail.outbox if m.to == ["bob@acme.test"])
    to_alice = next(m for m in mail.outbox if m.to == ["alice@acme.test"])
    assert to_bob.subject == "Ihr Tag in Trellis (Acme Learning)"
    assert "DAS EINE, WAS JETZT ZU TUN IST" in to_bob.body and OVERDUE_ACTION in to_bob.body
    html, _kind = to_bob.alternatives[0]  # type: ignore[attr-defined]
    assert 'lang="de"' in html and "Ihre nächste Sitzung" in html
    assert to_alice.subject == "Your day in Trellis (Acme Learning)"
