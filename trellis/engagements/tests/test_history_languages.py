"""An engagement's history reads in its reader's language: the same stored change is "Proposed
(Lead coach: Alice Coach; ...)" to Alice and "Vorgeschlagen (Leitender Coach: Alice Coach; ...)" to
a German coachee, on the page, in the API and in the terminal; names and typed reasons stay as
typed. A row written in words before (engagements 0009) is read into codes where it can be, and
shown as stored where it cannot. Nobody reads more than before: a leave's reason stays private."""

from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from trellis.accounts.models import Membership, User
from trellis.engagements import leaving, lifecycle
from trellis.engagements.models import Engagement, EngagementTransition

MIGRATION = import_module("trellis.engagements.migrations.0009_transition_params")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _speaks(member: Membership, language: str) -> Membership:
    User.objects.filter(pk=member.user_id).update(language=language)
    member.user.refresh_from_db()
    return member


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def lived(world) -> Engagement:
    """Proposed by Alice with Dana as sponsor, accepted, paused with a reason typed in German,
    handed to Cody and left by Dana."""
    cody = Membership.objects.create(
        org=world.org,
        user=User.objects.create(email="cody@acme.test", name="Cody Coach"),
        is_coach=True,
    )
    engagement = lifecycle.engagement_propose(
        actor=world.alice, coach=world.alice, coachee=world.bob, sponsor=world.dana, topic="Lead"
    )
    lifecycle.engagement_accept(actor=world.dana, engagement=_fresh(engagement))
    lifecycle.engagement_accept(actor=world.bob, engagement=_fresh(engagement))
    lifecycle.engagement_pause(
        actor=world.bob, engagement=_fresh(engagement), reason="Zwei Wochen Messe in Wien"
    )
    lifecycle.engagement_resume(actor=world.bob, engagement=_fresh(engagement))
    lifecycle.engagement_change_coach(actor=world.olga, engagement=_fresh(engagement), coach=cody)
    leaving.engagement_leave(
        actor=world.dana, engagement=_fresh(engagement), reason="Neue Abteilung"
    )
    return engagement


def _history(client, engagement: Engagement) -> str:
    page = client.get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    return page[page.index('id="history-heading"') :]


def test_a_german_coachee_reads_the_history_in_german(world, login, lived):
    history = _history(login(_speaks(world.bob, "de")), lived)
    for line in (
        "Vorgeschlagen (Leitender Coach: Alice Coach; Coachee: Bob Coachee; Sponsor: Dana Sponsor)",
        "Platz angenommen (Sponsor: Dana Sponsor)",
        "Angenommen (Coachee: Bob Coachee; Sponsor: Dana Sponsor)",
        "Aktiv → Pausiert",
        "Zwei Wochen Messe in Wien",  # a reason as Bob typed it
        "Coach gewechselt (Alice Coach → Cody Coach)",
        "Ausgeschieden (Sponsor: Dana Sponsor)",
        "(privat)",  # why Dana left is hers and the coaches'
    ):
        assert line in history
    for english in ("Proposed", "Lead coach", "Paused", "(private)"):
        assert english not in history
    assert "Neue Abteilung" not in history


def test_the_same_rows_read_in_english_for_the_new_coach(world, login, lived):
    history = _history(login(Membership.objects.get(user__email="cody@acme.test")), lived)
    assert (
        "Proposed (Lead coach: Alice Coach; Coachee: Bob Coachee; Sponsor: Dana Sponsor)" in history
    )
    assert "Coach changed (Alice Coach → Cody Coach)" in history
    assert "Active → Paused" in history and "Zwei Wochen Messe in Wien" in history


def test_a_portuguese_reader_gets_the_history_in_portuguese_from_the_api(
    world, client, api_token, lived
):
    token = api_token(_speaks(world.bob, "pt-br"))
    response = client.get(
        f"/api/v1/engagements/{lived.uuid}/history",
        headers={"Authorization": f"Bearer {token}"},
    )
    items = response.json()["items"]
    assert [t["action"] for t in items] == [
        "propose",
        "place_accepted",
        "accept",
        "pause",
        "resume",
        "change_coach",
        "leave",
    ]
    first = items[0]
    named = "Coach principal: Alice Coach; Coachee: Bob Coachee; Patrocinador: Dana Sponsor"
    assert (first["text"], first["detail"]) == (f"Proposto ({named})", named)
    assert items[3]["reason"] == "Zwei Wochen Messe in Wien"
    assert items[5]["text"] == "Coach alterado (Alice Coach → Cody Coach)"
    assert (items[6]["text"], items[6]["reason"]) == (
        "Saiu (Patrocinador: Dana Sponsor)",
        "(privado)",
    )
    # an API client that asks for English reads English
    english = client.get(
        f"/api/v1/engagements/{lived.uuid}/history",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en-gb"},
    ).json()["items"]
    assert english[6]["text"] == "Left (Sponsor: Dana Sponsor)"


def test_a_change_of_sponsor_names_nobody_in_the_readers_words(world, client, api_token):
    lifecycle.engagement_change_sponsor(
        actor=world.olga, engagement=world.engagement, sponsor=None, reason="Reorg"
    )
    token = api_token(_speaks(world.alice, "es"))
    items = client.get(
        f"/api/v1/engagements/{world.engagement.uuid}/history",
        headers={"Authorization": f"Bearer {token}"},
    ).json()["items"]
    assert items[-1]["text"] == "Patrocinador cambiado (Dana Sponsor → sin patrocinador)"
    assert items[-1]["reason"] == "Reorg"


def test_an_erased_name_is_not_kept_in_the_history(world, login, lived):
    """The history names people through their membership: a new name is read everywhere at once."""
    User.objects.filter(pk=world.dana.user_id).update(name="Anonymous 7f3a")
    history = _history(login(world.bob), lived)
    assert "Dana Sponsor" not in history and "Sponsor: Anonymous 7f3a" in history
    assert not EngagementTransition.objects.filter(detail__contains="Dana").exists()


def _old(engagement: Engagement, action: str, detail: str, by: Membership | None, reason=""):
    """A row as the code before 0009 wrote it: words in `detail`, no params."""
    return EngagementTransition.objects.create(
        engagement=engagement,
        action=action,
        to_status="active",
        by=by,
        detail=detail,
        reason=reason,
    )


def test_old_rows_in_words_are_read_into_codes_or_kept_as_stored(world, login):
    e = world.engagement
    rows = {
        "propose": _old(e, "propose", "Lead coach: Alice Coach; Coachee: Bob Coachee", world.alice),
        "accept": _old(e, "accept", "Coachee: Bob Coachee; Sponsor: Dana Sponsor", world.bob),
        "pool": _old(e, "accept", "", world.bob, "Chose this coach from the program's pool."),
        "sponsor": _old(e, "change_sponsor", "Dana Sponsor -> no sponsor", world.olga, "Reorg"),
        "left": _old(e, "leave", "Dana Sponsor, sponsor", world.dana, "Busy"),
        "odd": _old(e, "propose", "Lead coach: Somebody Gone", world.alice),
        "typed": _old(e, "pause", "", world.bob, "Holidays"),
    }
    MIGRATION.forwards(apps, None)
    got = {key: EngagementTransition.objects.get(pk=row.pk) for key, row in rows.items()}
    bob, dana, alice = (str(m.uuid) for m in (world.bob, world.dana, world.alice))
    assert got["propose"].params == {"places": [["lead_coach", alice], ["coachee", bob]]}
    assert got["propose"].detail == ""
    assert got["accept"].params == {"places": [["coachee", bob], ["sponsor", dana]]}
    assert (got["pool"].params, got["pool"].reason) == ({"because": "pool"}, "")
    assert got["sponsor"].params == {"from": [dana], "to": []} and got["sponsor"].reason == "Reorg"
    assert got["left"].params == {"places": [["sponsor", dana]]}
    assert got["odd"].params == {} and got["odd"].detail == "Lead coach: Somebody Gone"
    assert got["typed"].params == {} and got["typed"].reason == "Holidays"

    history = _history(login(_speaks(world.alice, "de")), e)
    assert "Vorgeschlagen (Leitender Coach: Alice Coach; Coachee: Bob Coachee)" in history
    assert "Hat diesen Coach aus dem Coach-Pool des Programms gewählt." in history
    assert "Sponsor gewechselt (Dana Sponsor → kein Sponsor)" in history
    assert "Vorgeschlagen (Lead coach: Somebody Gone)" in history  # shown as stored
    assert "Holidays" in history


def test_an_old_row_in_the_changers_own_language_is_read_too(world):
    """Until 0009 a place's role label was written in the language of whoever acted."""
    row = _old(
        world.engagement,
        "propose",
        "Leitender Coach: Alice Coach; Coachee: Bob Coachee; Patrocinador: Dana Sponsor",
        world.alice,
    )
    MIGRATION.forwards(apps, None)
    row.refresh_from_db()
    assert [role for role, _uuid in row.params["places"]] == ["lead_coach", "coachee", "sponsor"]


def test_a_name_two_people_share_is_kept_as_stored(world):
    twin = Membership.objects.create(
        org=world.org, user=User.objects.create(email="bob2@acme.test", name="Bob Coachee")
    )
    world.engagement.participants.create(member=twin, role="observer")
    row = _old(world.engagement, "leave", "Bob Coachee, coachee", world.olga)
    MIGRATION.forwards(apps, None)
    row.refresh_from_db()
    assert (row.params, row.detail) == ({}, "Bob Coachee, coachee")


def test_the_migration_reverses_to_english_words(world):
    row = _old(world.engagement, "change_coach", "Alice Coach -> Bob Coachee", world.olga)
    pool = _old(
        world.engagement, "accept", "", world.bob, "Chose this coach from the program's pool."
    )
    MIGRATION.forwards(apps, None)
    MIGRATION.backwards(apps, None)
    row.refresh_from_db()
    pool.refresh_from_db()
    assert row.detail == "Alice Coach -> Bob Coachee"
    assert pool.reason == "Chose this coach from the program's pool."


def test_a_reason_trellis_gave_when_a_member_left_the_organization_reads_in_german(world, login):
    from trellis.privacy.offboarding import IMPORT_REASON
    from trellis.scim.services import DEPROVISIONED

    lifecycle.engagement_pause(
        actor=world.alice, engagement=world.engagement, reason=IMPORT_REASON.format(source="hr.csv")
    )
    lifecycle.engagement_end(
        actor=world.olga, engagement=_fresh(world.engagement), reason=DEPROVISIONED
    )
    client = login(_speaks(world.bob, "de"))
    page = client.get(f"/o/acme/engagements/{world.engagement.uuid}/").content.decode()
    assert "Durch den Personenimport deaktiviert (hr.csv)" in page
    assert (
        page.count("Vom Identitätsanbieter deaktiviert (SCIM)") == 2
    )  # the end's reason, and its row
    assert "Deprovisioned" not in page and "people import" not in page
