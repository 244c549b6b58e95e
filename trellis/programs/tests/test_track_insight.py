"""The executive-career track switches the language insight on, with the person's own yes (issue
14): their program page offers it, only their yes turns it on, sharing its trend with their coach
is a second choice, and a track that does not offer it shows nothing."""

import time_machine
from django.urls import reverse

from trellis.insights.selectors import preference_of
from trellis.programs import services
from trellis.programs.tests.test_programs import NOW, coachee, program


def _page(client, member, run):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("programs:detail", args=["acme", run.slug])).content.decode()


def _say_yes(client, member, run, **data):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("programs:language_insight", args=["acme", run.slug])
    return client.post(url, data)


@time_machine.travel(NOW, tick=False)
def test_the_executive_career_track_offers_the_insight_and_only_the_persons_yes_turns_it_on(
    world, client
):
    run = program(world, "executive-career")
    assert run.template.language_insight
    zoe = coachee(world, "Zoe")
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    page = _page(client, zoe, run)
    assert 'id="insight-offer"' in page and "Turn on language insight" in page
    assert "Also let Alice Coach see my weekly trend" in page
    assert not preference_of(member=zoe).language_insight  # off until she says yes

    # her coach cannot say yes for her
    assert _say_yes(client, world.alice, run, share="1").status_code == 404
    assert not preference_of(member=zoe).language_insight

    assert _say_yes(client, zoe, run, share="1").status_code == 302
    preference = preference_of(member=zoe)
    assert preference.language_insight and preference.trend_shared_with == world.alice
    page = _page(client, zoe, run)
    assert 'id="insight-on"' in page and 'id="insight-offer"' not in page
    assert reverse("insights:settings", args=["acme"]) in page  # where she switches it off


@time_machine.travel(NOW, tick=False)
def test_saying_yes_without_ticking_shares_nothing(world, client):
    run = program(world, "executive-career")
    zoe = coachee(world, "Zoe")
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    assert _say_yes(client, zoe, run).status_code == 302
    preference = preference_of(member=zoe)
    assert preference.language_insight and preference.trend_shared_with is None


@time_machine.travel(NOW, tick=False)
def test_a_track_that_does_not_offer_it_shows_nothing_and_turns_nothing_on(world, client):
    run = program(world, "new-manager")
    zoe = coachee(world, "Zoe")
    services.program_enrol(actor=world.olga, program=run, members=[zoe])
    assert "insight-offer" not in _page(client, zoe, run)
    assert _say_yes(client, zoe, run).status_code == 302
    assert not preference_of(member=zoe).language_insight
