"""The API: stories for the reader with why, one's own moods only, and the change withheld below
the threshold."""

from trellis.efficacy import services
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program


def _get(client, token, path):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_stories_come_with_why_and_moods_stay_ones_own(world, client, api_token):
    program = peer_program(world)
    world.bob.team = participant(world, program, "Finn Same", team="Platform").team
    world.bob.save(update_fields=["team"])
    finn = program.enrolments.get(member__user__name="Finn Same").member
    story = services.story_submit(actor=finn, program=program, title="Won", text="I did it.")
    services.story_review(actor=world.olga, story=story, decision="publish")
    services.mood_add(actor=world.bob, level=2)
    bob = api_token(world.bob)
    stories = _get(client, bob, f"/api/v1/efficacy/programs/{SLUG}/stories").json()
    assert [(s["title"], s["why"]) for s in stories["items"]] == [("Won", "shares your team")]
    assert len(_get(client, bob, "/api/v1/efficacy/moods").json()["items"]) == 1
    alice = api_token(world.alice)
    assert _get(client, alice, "/api/v1/efficacy/moods").json()["items"] == []
    change = _get(client, alice, f"/api/v1/efficacy/programs/{SLUG}/change").json()
    assert change["pre"] is None and change["withheld"]
