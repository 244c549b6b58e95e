"""What the teams tests share: the Platform team of Acme coached as a whole, and pulses."""

from datetime import timedelta

from django.utils import timezone

from trellis.accounts.models import Membership, Team, User
from trellis.core.instruments import load_builtin

EXTRA = ("Erin Member", "Finn Member", "Gia Member", "Hugo Member", "Iris Member")


def pulse_answers(unity: int = 4, communication: int = 3, others: int = 4) -> dict[str, int]:
    """Answers whose dimension scores are `unity`, `communication` and `others` (1 to 5);
    reverse-scored items get the mirrored value."""
    instrument = load_builtin("team-pulse")
    wanted = {"unity": unity, "communication": communication}
    answers = {}
    for item in instrument.spec.items:
        value = wanted.get(item.subscale or "", others)
        answers[item.key] = 6 - value if item.reverse else value
    return answers


def team_for(world, extra: int = 4):
    """Alice coaches the Platform team (Bob, who leads it, and `extra` more members), Dana
    sponsors; everyone accepted. Olga administers Acme and is not in it."""
    from trellis.engagements.kinds import engagement_propose_team
    from trellis.engagements.lifecycle import engagement_accept

    team = Team.objects.create(org=world.org, name="Platform")
    world.bob.team = team
    world.bob.save(update_fields=["team"])
    people = [world.bob]
    for name in EXTRA[:extra]:
        email = f"{name.split()[0].lower()}@acme.test"
        user = User.objects.create(email=email, name=name)
        people.append(
            Membership.objects.create(org=world.org, user=user, is_coachee=True, team=team)
        )
    engagement = engagement_propose_team(
        actor=world.alice, team=team, coach=world.alice, sponsor=world.dana, topic="Platform team"
    )
    engagement_accept(actor=world.dana, engagement=engagement)
    for person in people:
        engagement_accept(actor=person, engagement=engagement)
    engagement.refresh_from_db()
    world.team_engagement = engagement
    world.team_people = people
    return engagement


def answered_pulse(world, engagement, answers_by_person, *, days_ago: int = 0):
    """Alice sends a pulse; each (person, answers) answers it; the pulse is sent `days_ago`."""
    from trellis.instruments.services import answers_submit
    from trellis.teams import services

    now = timezone.now() - timedelta(days=days_ago)
    pulse = services.pulse_send(actor=world.alice, engagement=engagement, now=now)
    for person, answers in answers_by_person:
        respondent = pulse.administration.respondents.get(member=person)
        answers_submit(respondent=respondent, answers=answers, now=now)
    return pulse
