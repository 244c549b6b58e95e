"""The demo shows answered instruments: a closed team pulse whose aggregate Olga sees, a pre/post
career confidence check with reliable change, and a session rating waiting for Bob."""

from trellis.instruments import selectors
from trellis.instruments.models import Administration


def test_it_seeds_a_team_pulse_with_an_aggregate_and_a_pre_post_change(db):
    from trellis.accounts.models import Membership
    from trellis.web.demo import seed

    seed()
    seed()  # idempotent
    olga = Membership.objects.get(org__slug="northwind", user__email="olga@northwind.example")
    bob = Membership.objects.get(org__slug="northwind", user__email="bob@northwind.example")
    pulse = Administration.objects.get(title__startswith="Team pulse")
    results = selectors.results_for(member=olga, administration=pulse)
    assert results.aggregate is not None and results.aggregate.n >= 5
    after = Administration.objects.get(title__endswith="after coaching")
    change = selectors.results_for(member=olga, administration=after).group_change
    assert change is not None and change.n >= 5
    mine = selectors.results_for(member=bob, administration=after).mine
    assert mine is not None and mine.change is not None
    waiting = Administration.objects.get(title__startswith="Session rating")
    assert not waiting.respondents.get(member=bob).has_answered
