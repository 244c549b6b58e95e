"""A cohort for outcome tests: n coachees coached by Alice, each with held sessions and a GAS
review, in teams of the sizes asked for."""

from datetime import timedelta

from django.utils import timezone


def cohort(world, *, teams: dict[str, int], sessions: int = 3, sponsor=None, program=None):
    from allauth.account.models import EmailAddress

    from trellis.accounts.models import Membership, Team, User
    from trellis.engagements.lifecycle import engagement_places_from_pair
    from trellis.engagements.models import Engagement
    from trellis.goals.models import Review
    from trellis.scheduling.models import Outcome, ScheduledSession, SessionSeries

    now = timezone.now()
    made = []
    for team_name, size in teams.items():
        team = Team.objects.create(org=world.org, name=team_name)
        for i in range(size):
            email = f"{team_name.lower()}{i}@acme.test"
            user = User.objects.create(email=email, name=f"{team_name} {i}")
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            coachee = Membership.objects.create(
                org=world.org, user=user, is_coachee=True, team=team
            )
            engagement = Engagement.objects.create(
                org=world.org,
                coach=world.alice,
                coachee=coachee,
                sponsor=sponsor,
                started_on=timezone.localdate() - timedelta(days=60),
            )
            engagement_places_from_pair(engagement=engagement)
            if program is not None:
                program.enrolments.create(member=coachee, engagement=engagement)
            series = SessionSeries.objects.create(
                org=world.org,
                engagement=engagement,
                coach=world.alice,
                coachee=coachee,
                organizer=world.alice,
                timezone="UTC",
                starts_at=now - timedelta(days=50),
            )
            for n in range(sessions):
                start = now - timedelta(days=50 - 7 * n)
                ScheduledSession.objects.create(
                    series=series,
                    org=world.org,
                    coach=world.alice,
                    coachee=coachee,
                    original_start=start,
                    start=start,
                    end=start + timedelta(hours=1),
                    outcome=Outcome.HELD if n else Outcome.NO_SHOW_COACHEE,
                )
            Review.objects.create(
                org=world.org,
                coachee=coachee,
                engagement=engagement,
                reviewed_on=timezone.localdate() - timedelta(days=10),
                t_score=45.0 + i,
            )
            made.append(engagement)
    return made
