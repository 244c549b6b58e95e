"""The demo shows language insight: Bob and Hannah opted in, their writing moves from victim to
player language over ten weeks, and Bob's coach sees his trend because he shares it."""

from trellis.accounts.models import Membership
from trellis.core.language import analyze
from trellis.insights import selectors
from trellis.insights.models import Reflection, WritingSample
from trellis.web import demo


def member(email):
    return Membership.objects.get(user__email=email, org__slug="northwind")


def test_it_seeds_rising_trends_for_two_opted_in_coachees_once(db, client):
    demo.seed()
    for email in ("bob@northwind.example", "hannah@northwind.example"):
        coachee = member(email)
        assert selectors.insight_on(member=coachee)
        trend = selectors.language_trend(member=coachee)
        assert len(trend.weeks) >= 8
        assert sum(w.victim for w in trend.weeks[:3]) > sum(w.player for w in trend.weeks[:3])
        assert trend.first_and_last is not None
        first, last = trend.first_and_last
        assert first < 50 < last
    bob = member("bob@northwind.example")
    assert selectors.preference_of(member=bob).trend_shared_with == member(
        "alice@northwind.example"
    )
    assert (
        selectors.preference_of(member=member("hannah@northwind.example")).trend_shared_with is None
    )
    assert not selectors.insight_on(member=member("jamal@northwind.example"))

    client.force_login(member("alice@northwind.example").user)
    page = client.get(f"/o/northwind/insight/people/{bob.uuid}/").content.decode()
    assert "Language over time: Bob Okafor" in page

    counts = (Reflection.objects.count(), WritingSample.objects.count())
    demo.seed()
    assert (Reflection.objects.count(), WritingSample.objects.count()) == counts


def test_one_of_hannahs_reflections_reads_as_player_from_the_whole_text(db):
    """A move the rules have no pattern for still counts in her trend (docs/language.md)."""
    demo.seed()
    texts = Reflection.objects.filter(member=member("hannah@northwind.example"))
    readings = [analyze(r.text) for r in texts]
    whole = [a for a in readings if a.whole_text]
    assert len(whole) == 1
    assert whole[0].stance == "player" and whole[0].sentences[0].stance == "player"
