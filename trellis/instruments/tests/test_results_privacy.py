"""Who sees what: a person's own answers are theirs; aggregates appear only once closed and at the
anonymity threshold, for the sender, an admin, the engagement's coach and sponsor; nobody sees
another member's answers, an admin included."""

import time_machine

from trellis.instruments import selectors, services
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.tests.helpers import alliance_for, full_answers


def pulse(world, team):
    return services.administration_create(
        actor=world.olga, key="team-pulse", target="team", team=team
    )


def answer_all(administration, count, value=4):
    answers = full_answers(administration.instrument.key, value)
    for respondent in administration.respondents.order_by("id")[:count]:
        services.answers_submit(respondent=respondent, answers=answers)


def test_it_asks_every_member_of_the_team(world, team):
    administration = pulse(world, team)
    assert administration.respondents.count() == 6
    assert set(administration.respondents.values_list("role", flat=True)) == {"team_member"}


def test_it_withholds_the_aggregate_while_the_pulse_is_open(world, team):
    administration = pulse(world, team)
    answer_all(administration, 6)
    results = selectors.results_for(member=world.olga, administration=administration)
    assert results.aggregate is None
    assert "closed" in results.withheld
    assert results.answered == 6


def test_it_withholds_the_aggregate_below_five_answers_even_when_closed(world, team):
    administration = pulse(world, team)
    answer_all(administration, 4)
    services.administration_close(actor=world.olga, administration=administration)
    results = selectors.results_for(member=world.olga, administration=administration)
    assert results.aggregate is None
    assert "Fewer than 5" in results.withheld


def test_it_shows_the_aggregate_at_five_answers_once_closed(world, team, login):
    administration = pulse(world, team)
    answer_all(administration, 5)
    services.administration_close(actor=world.olga, administration=administration)
    results = selectors.results_for(member=world.olga, administration=administration)
    assert results.aggregate is not None and results.aggregate.n == 5
    page = login(world.olga).get(f"/o/acme/administrations/{administration.uuid}/").content.decode()
    assert "Mean score of 5 people" in page
    assert "Your answers" not in page  # Olga was not asked; she sees no one's answers


def test_it_never_shows_one_members_answers_to_an_admin(world, team, login):
    administration = pulse(world, team)
    services.answers_submit(
        respondent=administration.respondents.get(member=world.bob),
        answers=full_answers("team-pulse", 1),
    )
    services.administration_close(actor=world.olga, administration=administration)
    page = login(world.olga).get(f"/o/acme/administrations/{administration.uuid}/").content.decode()
    assert "1.00" not in page and "Bob" not in page
    results = selectors.results_for(member=world.olga, administration=administration)
    assert results.mine is None and results.aggregate is None


def test_it_shows_a_respondent_their_own_score_and_not_the_groups(world, team, login):
    administration = pulse(world, team)
    answer_all(administration, 6)
    services.administration_close(actor=world.olga, administration=administration)
    results = selectors.results_for(member=world.bob, administration=administration)
    assert results.mine is not None and results.mine.score is not None
    assert results.mine.score.total == 3.4  # three reverse-scored items answered 4 count as 2
    assert results.aggregate is None and results.answered is None
    page = login(world.bob).get(f"/o/acme/administrations/{administration.uuid}/").content.decode()
    assert "Your answers (only you see these)" in page
    assert "Mean score of" not in page


def test_it_keeps_the_coachees_alliance_answers_from_the_coach(world, login):
    administration = alliance_for(world)
    services.answers_submit(
        respondent=administration.respondents.get(member=world.bob),
        answers=full_answers("coaching-alliance", 2),
    )
    services.administration_close(actor=world.alice, administration=administration)
    results = selectors.results_for(member=world.alice, administration=administration)
    assert results.aggregate is None and results.mine is not None
    assert results.mine.score is None  # Alice has not answered; Bob's score is not hers to see
    sponsor = selectors.results_for(member=world.dana, administration=administration)
    assert sponsor.aggregate is None and sponsor.mine is None


@time_machine.travel("2026-03-02 09:00:00+00:00", tick=False)
def test_it_measures_reliable_change_against_the_baseline(world, team):
    before = pulse(world, team)
    for index, respondent in enumerate(before.respondents.order_by("id")):
        answers = full_answers("team-pulse", 2)
        answers["energy"] = 1 + index % 3  # some spread, so the baseline has an SD and an alpha
        answers["direction"] = 1 + (index * 2) % 3
        services.answers_submit(respondent=respondent, answers=answers)
    services.administration_close(actor=world.olga, administration=before)
    after = services.administration_create(
        actor=world.olga, key="team-pulse", target="team", team=team, baseline=before
    )
    for respondent in after.respondents.order_by("id"):
        answers = {**full_answers("team-pulse", 5), "cliques": 1, "hear-late": 1, "waste": 1}
        services.answers_submit(respondent=respondent, answers=answers)
    services.administration_close(actor=world.olga, administration=after)
    mine = selectors.results_for(member=world.bob, administration=after).mine
    assert mine is not None and mine.change is not None
    assert mine.change.post == 5.0 and mine.change.verdict == "improved"
    group = selectors.results_for(member=world.olga, administration=after).group_change
    assert group is not None and group.n == 6 and group.improved == 6


def test_it_answers_a_link_once_and_never_again(world, team, client):
    administration = pulse(world, team)
    respondent = administration.respondents.get(member=world.bob)
    url = f"/i/{services.answer_token(respondent)}/"
    assert client.get(url).status_code == 200
    response = client.post(url, full_answers("team-pulse", 3))
    assert response.status_code == 200 and "your answers are in" in response.content.decode()
    assert client.get(url).status_code == 410
    assert client.post(url, full_answers("team-pulse", 5)).status_code == 410
    respondent.refresh_from_db()
    assert respondent.answers["energy"] == 3


def test_it_refuses_a_tampered_link(world, team, client):
    administration = pulse(world, team)
    token = services.answer_token(administration.respondents.first())
    assert client.get(f"/i/{token[:-2]}xx/").status_code == 404


def test_it_refuses_a_link_after_the_pulse_closed(world, team, client):
    administration = pulse(world, team)
    token = services.answer_token(administration.respondents.first())
    services.administration_close(actor=world.olga, administration=administration)
    response = client.get(f"/i/{token}/")
    assert response.status_code == 410 and "closed" in response.content.decode()


def test_it_shows_a_missing_answer_beside_the_item_and_stores_nothing(world, team, client):
    administration = pulse(world, team)
    respondent = administration.respondents.first()
    answers = full_answers("team-pulse")
    del answers["energy"]
    answers["deliver"] = 9
    response = client.post(f"/i/{services.answer_token(respondent)}/", answers)
    assert response.status_code == 200
    assert response.content.decode().count('class="error"') == 2
    assert not Respondent.objects.get(pk=respondent.pk).has_answered


def test_it_reminds_only_those_who_have_not_answered_and_not_twice_a_day(world, team):
    from trellis.scheduling.models import Reminder

    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False):
        administration = pulse(world, team)
        answer_all(administration, 2)
        assert services.administration_remind(actor=world.olga, administration=administration) == 4
        assert services.administration_remind(actor=world.olga, administration=administration) == 0
    with time_machine.travel("2026-03-03 09:00:00+00:00", tick=False):
        assert services.administration_remind(actor=world.olga, administration=administration) == 4
    kinds = Reminder.objects.filter(kind="instrument")
    assert kinds.filter(occurrence="invitation").count() == 6
    assert kinds.filter(occurrence="reminder-1").count() == 4
    assert kinds.filter(occurrence="reminder-2").count() == 4


def test_it_reminds_members_who_have_not_answered_after_three_days_by_itself(world, team):
    from trellis.scheduling.models import Reminder
    from trellis.scheduling.services import outbox

    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False):
        administration = pulse(world, team)
        answer_all(administration, 2)
    with time_machine.travel("2026-03-05 09:01:00+00:00", tick=False):
        from django.utils import timezone

        outbox.send_due(now=timezone.now())
    auto = Reminder.objects.filter(kind="instrument", occurrence="auto-reminder")
    assert auto.filter(status=Reminder.Status.SENT).count() == 4
    assert auto.filter(status=Reminder.Status.SKIPPED).count() == 2  # they had answered


def test_it_lists_administrations_in_a_constant_number_of_queries(world, team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.bob)
    counts = []
    for size in (2, 8):
        while Administration.objects.count() < size:
            pulse(world, team)
            alliance_for(world)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/o/acme/instruments/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
